namespace Verification.Claims.Search;

/// <summary>What the search saw in one family.</summary>
/// <param name="Family">The family's name.</param>
/// <param name="Trials">Instances checked (up to and including the first violation, shrinking not counted).</param>
/// <param name="Violations">Whether a violation was found in this family.</param>
/// <param name="OutsideConditionTrials">For conditional claims: instances checked that fail the condition.</param>
/// <param name="OutsideConditionViolation">For conditional claims: whether one of those violated the claim.</param>
public sealed record FamilyResult(string Family, int Trials, bool Violations, int OutsideConditionTrials, bool OutsideConditionViolation);
