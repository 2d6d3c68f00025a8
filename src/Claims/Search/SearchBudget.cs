namespace Verification.Claims.Search;

/// <summary>How hard a search looks: the gate uses scale 1; the audit command a larger scale.</summary>
/// <param name="Scale">Multiplier on every family's gate trial count (at least one trial per family).</param>
/// <param name="Seed">The base seed; each (claim, family) derives its own replay seed from it and its names.</param>
public sealed record SearchBudget(double Scale = 1.0, ulong Seed = 20261125)
{
    /// <summary>The budget of <c>dotnet test</c>.</summary>
    public static SearchBudget Gate { get; } = new();

    /// <summary>The number of trials for a family with <paramref name="gateTrials"/> gate trials.</summary>
    public int TrialsFor(int gateTrials) => Math.Max(1, (int)Math.Round(gateTrials * Scale));
}
