using Verification.Convex.Objectives;
using Verification.Convex.Optima;
using Verification.Reference.Validation;

namespace Verification.Convex.Online;

/// <summary>
/// Empirical risk minimisation as an online problem: f_t ≡ F for every round (the DASGrad setting, Section 2, where the
/// "evaluated risk" f_t(θ) = (1/n) Σ_i f_{t,i}(θ) does not change with t). The comparator is then the ERM optimum.
/// </summary>
public sealed class FiniteSumOnlineProblem : IOnlineProblem
{
    /// <summary>Wraps <paramref name="objective"/> with feasible set <paramref name="feasibleSet"/>.</summary>
    public FiniteSumOnlineProblem(ISmoothConvexObjective objective, BoxConstraint feasibleSet)
    {
        Objective = objective ?? throw new ArgumentNullException(nameof(objective));
        FeasibleSet = feasibleSet ?? throw new ArgumentNullException(nameof(feasibleSet));
        Guard.SameLength("feasible set", feasibleSet.Dimension, "objective dimension", objective.Dimension);
    }

    /// <summary>The objective F.</summary>
    public ISmoothConvexObjective Objective { get; }

    /// <inheritdoc/>
    public int Dimension => Objective.Dimension;

    /// <inheritdoc/>
    public BoxConstraint FeasibleSet { get; }

    /// <inheritdoc/>
    public double Loss(long t, ReadOnlySpan<double> theta) => Objective.Value(theta);

    /// <inheritdoc/>
    public void Gradient(long t, ReadOnlySpan<double> theta, Span<double> gradient) => Objective.ValueAndGradient(theta, gradient);

    /// <inheritdoc/>
    public IHessianOperator Hessian(long t, ReadOnlySpan<double> theta) => Objective.Hessian(theta);
}
