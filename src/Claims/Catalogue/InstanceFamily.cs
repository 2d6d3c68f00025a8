using FsCheck;

namespace Verification.Claims.Catalogue;

/// <summary>
/// A named family of instances for a claim: an FsCheck generator, a shrinker that proposes simpler instances, how many
/// instances the gate samples, and the hypothesis domain the targeted search moves in from the family's best instances.
/// </summary>
/// <typeparam name="T">The instance type.</typeparam>
/// <param name="Name">A short name shown in the verdict table (for example <c>tiny-scale</c>).</param>
/// <param name="Description">What makes the family adversarial or realistic.</param>
/// <param name="Generator">The generator; it produces instances that satisfy the claim's hypotheses.</param>
/// <param name="Shrink">Simpler instances to try when one violates the claim (each must still satisfy the hypotheses).</param>
/// <param name="GateTrials">The base instance count; a search samples <see cref="Search.SearchBudget.Scale"/> times as many.</param>
/// <param name="Domain">The claim's whole hypothesis domain, for the targeted strategy; null samples only.</param>
public sealed record InstanceFamily<T>(string Name, string Description, Gen<T> Generator, Func<T, IEnumerable<T>> Shrink, int GateTrials, HypothesisDomain<T>? Domain = null);
