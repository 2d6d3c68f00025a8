namespace Verification.Golden.Scenarios;

/// <summary>
/// A problem a golden scenario runs on, with its arithmetic fixed (docs/golden-format.md gives the order of every
/// sum), so that another implementation recomputes the same loss and gradient bits.
/// </summary>
public interface IGoldenProblem
{
    /// <summary>The <c>problem.kind</c> of the header.</summary>
    string Kind { get; }

    /// <summary>The parameter dimension d.</summary>
    int Dimension { get; }

    /// <summary>The objective f(θ) recorded as <c>loss</c>.</summary>
    double Loss(ReadOnlySpan<double> theta);

    /// <summary>∇f(θ), the gradient a gradient-driven optimizer is fed.</summary>
    void Gradient(ReadOnlySpan<double> theta, Span<double> gradient);
}
