using System.Text.Json;
using Verification.Claims.Catalogue;

namespace Verification.Claims.Search;

/// <summary>A shrunk instance that violates a claim.</summary>
/// <param name="ClaimId">The claim.</param>
/// <param name="Family">The family it came from (<c>+targeted</c> when the targeted strategy reached it).</param>
/// <param name="Instance">The instance as JSON.</param>
/// <param name="Sides">Both sides on it.</param>
/// <param name="InsideCondition">For conditional claims: whether the instance satisfies the condition.</param>
public sealed record Counterexample(string ClaimId, string Family, JsonElement Instance, Sides Sides, bool InsideCondition);
