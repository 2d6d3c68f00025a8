using FsCheck;

namespace Verification.Claims.Catalogue;

/// <summary>
/// A named family of instances for a claim: an FsCheck generator, a shrinker that proposes simpler instances, and
/// how many instances the gate checks. The audit multiplies the count by its scale.
/// </summary>
/// <typeparam name="T">The instance type.</typeparam>
/// <param name="Name">A short name shown in the verdict table (for example <c>tiny-scale</c>).</param>
/// <param name="Description">What makes the family adversarial or realistic.</param>
/// <param name="Generator">The generator; it produces instances that satisfy the claim's hypotheses.</param>
/// <param name="Shrink">Simpler instances to try when one violates the claim (each must still satisfy the hypotheses).</param>
/// <param name="GateTrials">The base instance count; a search checks <see cref="Search.SearchBudget.Scale"/> times as many (the test gate 2×).</param>
public sealed record InstanceFamily<T>(string Name, string Description, Gen<T> Generator, Func<T, IEnumerable<T>> Shrink, int GateTrials);
