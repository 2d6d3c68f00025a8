using Verification.Convex.Online;

namespace Verification.Convex.Optima;

/// <summary>
/// The best fixed point in hindsight θ* = argmin_{θ ∈ F} Σ_{t=1}^T f_t(θ), the comparator of the regret
/// R(T) = Σ_t f_t(θ_t) − f_t(θ*) (Zinkevich 2003; DASGrad Section 2), found numerically with
/// <see cref="ProjectedNewtonSolver"/> on the average (1/T) Σ f_t.
/// </summary>
public static class HindsightComparator
{
    /// <summary>θ*, the cumulative loss Σ_t f_t(θ*), and the solver's report.</summary>
    public static (double[] Theta, double CumulativeLoss, BoxSolution Solution) BestFixedPoint(
        IOnlineProblem problem, long horizon, ProjectedNewtonSolver? solver = null, double[]? start = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var objective = new OnlineSequenceObjective(problem, horizon);
        BoxSolution solution = (solver ?? new ProjectedNewtonSolver()).Minimize(objective, problem.FeasibleSet, start ?? new double[problem.Dimension]);
        double cumulative = 0.0;
        for (long t = 1; t <= horizon; t++)
        {
            cumulative += problem.Loss(t, solution.Theta);
        }

        return (solution.Theta, cumulative, solution);
    }
}
