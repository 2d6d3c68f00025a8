namespace Verification.Golden.Scenarios;

/// <summary>One golden scenario: a problem, an optimizer with every hyperparameter, the initial point and a step count.</summary>
/// <param name="Id">The file stem (<c>Verified/ID.verified.jsonl</c>), for example <c>quadratic-adam</c>.</param>
/// <param name="Problem">The problem.</param>
/// <param name="Optimizer">The optimizer.</param>
/// <param name="InitialPoint">θ_1.</param>
/// <param name="Steps">The number of updates recorded.</param>
internal sealed record GoldenScenario(string Id, IGoldenProblem Problem, GoldenOptimizer Optimizer, double[] InitialPoint, int Steps)
{
    /// <inheritdoc/>
    public override string ToString() => Id;
}
