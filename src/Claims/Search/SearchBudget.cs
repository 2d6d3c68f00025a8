namespace Verification.Claims.Search;

/// <summary>
/// How hard a search looks: a multiplier on every family's base sample count, and how many evaluations the targeted
/// strategy (Nelder–Mead and discrete moves from the best sampled instances) may spend on each claim and scope.
/// </summary>
/// <param name="Scale">Multiplier on every family's base sample count (at least one sample per family).</param>
/// <param name="Seed">The base seed; each (claim, family) derives its own replay seed from it and its names.</param>
/// <param name="TargetedEvaluations">Evaluations of the targeted strategy per claim and scope; 0 samples only.</param>
/// <param name="Name">The depth's name as the command line spells it (<c>gate</c>, <c>default</c>, <c>deep</c>), or <c>custom</c>.</param>
public sealed record SearchBudget(double Scale = 1.0, ulong Seed = 20261125, int TargetedEvaluations = 0, string Name = "custom")
{
    /// <summary>
    /// The budget of <c>dotnet test</c> and of docs/audit.md: twice the families' base counts, then 1,000 targeted
    /// evaluations per claim and scope (at 400 a climb from each start got too few steps to leave the degenerate
    /// edges, one example or one coordinate, where many bounds hold with equality).
    /// </summary>
    public static SearchBudget Gate { get; } = new(Scale: 2.0, TargetedEvaluations: 1000, Name: "gate");

    /// <summary>The <c>audit</c> command's default depth: four times the base counts and 2,000 targeted evaluations (with the experiments, under 10 minutes on 2 cores).</summary>
    public static SearchBudget Default { get; } = new(Scale: 4.0, TargetedEvaluations: 2000, Name: "default");

    /// <summary>Hours on one machine, or minutes as a sharded job: 40 times the base counts and 40,000 targeted evaluations.</summary>
    public static SearchBudget Deep { get; } = new(Scale: 40.0, TargetedEvaluations: 40_000, Name: "deep");

    /// <summary>The named depths.</summary>
    public static IReadOnlyList<SearchBudget> Depths { get; } = [Gate, Default, Deep];

    /// <summary>The depth called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No depth has that name; the message lists them.</exception>
    public static SearchBudget ForDepth(string name) =>
        Depths.FirstOrDefault(d => d.Name == name)
        ?? throw new ArgumentException($"Unknown search depth '{name}'; use one of {string.Join(", ", Depths.Select(d => d.Name))}.", nameof(name));

    /// <summary>The number of samples for a family with <paramref name="gateTrials"/> base samples.</summary>
    public int TrialsFor(int gateTrials) => Math.Max(1, (int)Math.Round(gateTrials * Scale));
}
