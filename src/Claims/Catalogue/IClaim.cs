using System.Text.Json;
using Verification.Claims.Certification.Boxes;
using Verification.Claims.Search;

namespace Verification.Claims.Catalogue;

/// <summary>A checkable claim of one of the papers, independent of its instance type.</summary>
public interface IClaim
{
    /// <summary>What the claim says and where.</summary>
    ClaimInfo Info { get; }

    /// <summary>The rounding slack within which a violation is not counted.</summary>
    RoundingSlack Slack { get; }

    /// <summary>The condition under which the claim is expected to hold, when the paper's statement needs one; null otherwise.</summary>
    string? ConditionDescription { get; }

    /// <summary>The box the claim is certified on beside the search, or null where certification is out of reach.</summary>
    CertificationTarget? Certification { get; }

    /// <summary>Searches every family for a counterexample with the given budget (and certifies the claim on its box where it has one).</summary>
    ClaimResult Search(SearchBudget budget);

    /// <summary>
    /// The same claim with its right side multiplied by <paramref name="factor"/>: a mutant for checking that the
    /// search reports a bound it came within 1 − factor of as falsified once the bound is tightened by that much.
    /// </summary>
    IClaim WithRightSideScaled(double factor);

    /// <summary>Evaluates a stored instance (the "instance" element of a counterexample file).</summary>
    Sides Evaluate(JsonElement instance);
}
