using Verification.Convex.Objectives;
using Verification.Convex.Optima;

namespace Verification.Convex.Online;

/// <summary>
/// An online convex problem in the sense of Zinkevich (2003) and Reddi et al. (2018): a feasible box F and a sequence
/// of convex losses f_1, f_2, … revealed one per round. Round numbers t start at 1, as in the papers.
/// </summary>
public interface IOnlineProblem
{
    /// <summary>The dimension d.</summary>
    int Dimension { get; }

    /// <summary>The feasible set F.</summary>
    BoxConstraint FeasibleSet { get; }

    /// <summary>f_t(θ).</summary>
    double Loss(long t, ReadOnlySpan<double> theta);

    /// <summary>Writes ∇f_t(θ) into <paramref name="gradient"/>.</summary>
    void Gradient(long t, ReadOnlySpan<double> theta, Span<double> gradient);

    /// <summary>∇²f_t(θ) as an operator (zero for linear losses).</summary>
    IHessianOperator Hessian(long t, ReadOnlySpan<double> theta);
}
