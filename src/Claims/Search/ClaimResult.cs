using Verification.Claims.Catalogue;
using Verification.Claims.Certification.Boxes;

namespace Verification.Claims.Search;

/// <summary>A claim's verdict with its evidence.</summary>
/// <param name="Info">The claim.</param>
/// <param name="Verdict">Holds, falsified, or holds only under the claim's condition.</param>
/// <param name="Families">Per-family sample counts.</param>
/// <param name="Counterexample">The shrunk counterexample (for a conditional claim, the one outside the condition), or null.</param>
/// <param name="Condition">The condition of a conditional claim, or null.</param>
public sealed record ClaimResult(ClaimInfo Info, Verdict Verdict, IReadOnlyList<FamilyResult> Families, Counterexample? Counterexample, string? Condition)
{
    /// <summary>The hypothesis domain searched, in one line (empty when the claim's families declare none).</summary>
    public string Domain { get; init; } = "";

    /// <summary>The instance closest to a violation inside the condition (the violation itself for a falsified row).</summary>
    public BestInstance? Best { get; init; }

    /// <summary>Evaluations spent by the targeted strategy, inside and outside the condition.</summary>
    public int TargetedEvaluations { get; init; }

    /// <summary>For a conditional claim: whether the targeted strategy also searched outside the condition.</summary>
    public bool OutsideTargeted { get; init; }

    /// <summary>Instances skipped because their evaluation left the range of double arithmetic (<see cref="UnrepresentableInstanceException"/>).</summary>
    public int Skipped { get; init; }

    /// <summary>The interval certificate on the claim's box, where the claim has one (it sits beside the search, never replaces it).</summary>
    public Certificate? Certificate { get; init; }

    /// <summary>Total instances sampled.</summary>
    public int TotalTrials => Families.Sum(f => f.Trials + f.OutsideConditionTrials);

    /// <summary>Whether a holding row came within 10⁻³ of its bound: Left/Right ≥ 0.999.</summary>
    public bool IsTight => Verdict != Verdict.Falsified && Info.Relation == Relation.LessOrEqual && Best?.Ratio(Info.Relation) is >= TightRatio;

    /// <summary>The ratio from which a holding row counts as tight.</summary>
    public const double TightRatio = 0.999;
}
