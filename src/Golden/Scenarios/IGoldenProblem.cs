namespace Verification.Golden.Scenarios;

/// <summary>
/// A problem a golden scenario runs on, with its arithmetic fixed (docs/golden-format.md gives the order of every
/// sum), so that another implementation recomputes the same loss and gradient bits.
/// </summary>
internal interface IGoldenProblem
{
    /// <summary>The <c>problem.kind</c> of the header.</summary>
    string Kind { get; }

    /// <summary>The parameter dimension d.</summary>
    int Dimension { get; }

    /// <summary>The objective f(θ) recorded as <c>loss</c>.</summary>
    double Loss(ReadOnlySpan<double> theta);

    /// <summary>∇f(θ), the gradient a gradient-driven optimizer is fed.</summary>
    void Gradient(ReadOnlySpan<double> theta, Span<double> gradient);

    /// <summary>
    /// f_t(θ), the loss recorded at step <paramref name="t"/> (1-based; the end line uses t = steps + 1). A fixed
    /// objective ignores t; an online problem (<c>reddi_online</c>) reveals a different loss every step.
    /// </summary>
    double LossAt(long t, ReadOnlySpan<double> theta) => Loss(theta);

    /// <summary>∇f_t(θ), the gradient fed at step <paramref name="t"/>.</summary>
    void GradientAt(long t, ReadOnlySpan<double> theta, Span<double> gradient) => Gradient(theta, gradient);
}
