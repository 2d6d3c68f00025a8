using Verification.Claims.Catalogue;

namespace Verification.Claims.Search;

/// <summary>A claim's verdict with its evidence.</summary>
/// <param name="Info">The claim.</param>
/// <param name="Verdict">Holds, falsified, or holds only under the claim's condition.</param>
/// <param name="Families">Per-family trial counts.</param>
/// <param name="Counterexample">The shrunk counterexample (for a conditional claim, the one outside the condition), or null.</param>
/// <param name="Condition">The condition of a conditional claim, or null.</param>
public sealed record ClaimResult(ClaimInfo Info, Verdict Verdict, IReadOnlyList<FamilyResult> Families, Counterexample? Counterexample, string? Condition)
{
    /// <summary>Total instances checked.</summary>
    public int TotalTrials => Families.Sum(f => f.Trials + f.OutsideConditionTrials);
}
