namespace Verification.Convex.Objectives;

/// <summary>
/// A smooth convex function F: ℝ^d → ℝ with its gradient and Hessian-vector products: what the box-constrained
/// solver needs. For the finite sums here, F(θ) = (1/n) Σ_i f_i(θ), the full-batch empirical risk.
/// </summary>
public interface ISmoothConvexObjective
{
    /// <summary>The dimension d.</summary>
    int Dimension { get; }

    /// <summary>F(θ).</summary>
    double Value(ReadOnlySpan<double> theta);

    /// <summary>Returns F(θ) and writes ∇F(θ) into <paramref name="gradient"/>.</summary>
    double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient);

    /// <summary>The Hessian ∇²F(θ) as an operator; its per-example curvature is computed once here and reused.</summary>
    IHessianOperator Hessian(ReadOnlySpan<double> theta);
}
