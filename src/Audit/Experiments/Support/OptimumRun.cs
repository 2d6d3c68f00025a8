using Verification.Audit.Experiments.Runs;
using Verification.Convex.Objectives;
using Verification.Convex.Optima;

namespace Verification.Audit.Experiments.Support;

/// <summary>
/// F* of a regularised logistic regression on the box [−1, 1]^d by the projected Newton solver, stored as a run (one
/// row: value, KKT residuals, convergence, iterations, seconds) so that a resumed audit does not solve it again and the
/// runs that subtract it read back the same bits.
/// </summary>
internal static class OptimumRun
{
    /// <summary>The solver's stopping tolerance on the KKT residual's ∞-norm.</summary>
    public const double Tolerance = 1e-9;

    private static readonly string[] Columns = ["fstar", "kkt_inf", "kkt_2", "converged", "iterations", "seconds"];

    /// <summary>The settings text of the optimum of a problem described by <paramref name="problemSettings"/>.</summary>
    public static string Settings(string problemSettings) => problemSettings + $"; optimum: projected Newton on [-1, 1]^d, tolerance {Tolerance}";

    /// <summary>Adds the optimum to <paramref name="batch"/> under <paramref name="key"/>, so that it is solved first and listed with the runs.</summary>
    public static void Add(RunBatch batch, string key, string problemSettings, Func<ISmoothConvexObjective> objective) =>
        batch.Add(key, Settings(problemSettings), cost: 0.0, _ => Solve(objective()), "seconds");

    /// <summary>The stored or computed optimum under <paramref name="key"/> (the same record the batch holds; solved once).</summary>
    public static RunRecord Get(ExperimentContext context, string experiment, string key, string problemSettings, Func<ISmoothConvexObjective> objective) =>
        context.Store.GetOrRun(experiment, key, Settings(problemSettings), ["seconds"], () => Solve(objective()));

    /// <summary>Solves now.</summary>
    public static RunRecord Solve(ISmoothConvexObjective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int d = objective.Dimension;
        BoxSolution optimum = new ProjectedNewtonSolver { Tolerance = Tolerance }.Minimize(objective, BoxConstraint.Uniform(d, -1.0, 1.0), new double[d]);
        return new RunRecord(Columns, ["seconds"]).Add(
            optimum.Value, optimum.KktResidualInfinity, optimum.KktResidualEuclidean, optimum.Converged ? 1 : 0, optimum.Iterations, clock.Elapsed.TotalSeconds);
    }
}
