namespace Verification.Reference.Problems;

/// <summary>
/// A finite-sum objective f(θ) = (1/n) Σ_i f_i(θ), seen one example at a time: what the importance-sampled methods
/// (ap-SGD, DASGrad) need from a problem.
/// </summary>
public interface IFiniteSumObjective
{
    /// <summary>The number of examples n.</summary>
    int ExampleCount { get; }

    /// <summary>The parameter dimension d.</summary>
    int Dimension { get; }

    /// <summary>f_i(θ), the loss of example <paramref name="example"/> (regularisation included, if any).</summary>
    double ExampleLoss(int example, ReadOnlySpan<double> theta);

    /// <summary>Writes ∇f_i(θ) into <paramref name="gradient"/> (length d), overwriting it.</summary>
    void ExampleGradient(int example, ReadOnlySpan<double> theta, Span<double> gradient);

    /// <summary>‖∇f_i(θ)‖₂, in closed form where the problem allows it (the DASGrad refresh needs only this).</summary>
    double ExampleGradientNorm(int example, ReadOnlySpan<double> theta);

    /// <summary>
    /// Writes ‖∇f_i(θ)‖₂ for every example into <paramref name="norms"/> (length n): the DASGrad full-pass refresh.
    /// The default calls <see cref="ExampleGradientNorm"/> per example; a problem whose per-example norm shares work
    /// across examples (‖θ‖² for an L2 term) overrides it, and must return the same bits.
    /// </summary>
    void ExampleGradientNorms(ReadOnlySpan<double> theta, Span<double> norms)
    {
        for (int i = 0; i < ExampleCount; i++)
        {
            norms[i] = ExampleGradientNorm(i, theta);
        }
    }
}
