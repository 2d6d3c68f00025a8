namespace Verification.Claims.Search;

/// <summary>How hard a search looks, as a multiplier on every family's base trial count.</summary>
/// <param name="Scale">Multiplier on every family's base trial count (at least one trial per family).</param>
/// <param name="Seed">The base seed; each (claim, family) derives its own replay seed from it and its names.</param>
public sealed record SearchBudget(double Scale = 1.0, ulong Seed = 20261125)
{
    /// <summary>
    /// The budget of <c>dotnet test</c> and of docs/audit.md: twice the families' base counts. At the base counts three
    /// false claims (SGA-L4.4-eq29-38-29-to-34-from-start, SGA-T4.5-eq49-second and one DASGrad claim) went undetected;
    /// at twice and at four times the counts the verdicts agree, for about 30 s of the gate on 2 cores.
    /// </summary>
    public static SearchBudget Gate { get; } = new(Scale: 2.0);

    /// <summary>The number of trials for a family with <paramref name="gateTrials"/> gate trials.</summary>
    public int TrialsFor(int gateTrials) => Math.Max(1, (int)Math.Round(gateTrials * Scale));
}
