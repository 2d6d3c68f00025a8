namespace Verification.Claims.Search;

/// <summary>What the sampling strategy saw in one family.</summary>
/// <param name="Family">The family's name.</param>
/// <param name="Trials">Instances sampled inside the claim's condition (up to the first violation).</param>
/// <param name="Violations">Whether a sampled instance inside the condition violated the claim.</param>
/// <param name="OutsideConditionTrials">For conditional claims: instances sampled that fail the condition.</param>
/// <param name="OutsideConditionViolation">For conditional claims: whether one of those violated the claim.</param>
/// <param name="OutsideConditionViolations">For conditional claims: how many of those violated the claim.</param>
public sealed record FamilyResult(string Family, int Trials, bool Violations, int OutsideConditionTrials, bool OutsideConditionViolation, int OutsideConditionViolations = 0);
