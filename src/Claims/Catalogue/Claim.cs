using System.Text.Json;
using Verification.Claims.Certification.Boxes;
using Verification.Claims.Search;

namespace Verification.Claims.Catalogue;

/// <summary>
/// A claim over instances of type <typeparamref name="T"/>: PEPit's "(observed, bound)" pair as a class. Subclasses
/// give the statement, the families and the evaluation; the search, shrinking and verdict are shared.
/// </summary>
/// <typeparam name="T">The instance type; it must round-trip through System.Text.Json (records of arrays and numbers).</typeparam>
public abstract class Claim<T> : IClaim
{
    /// <inheritdoc/>
    public abstract ClaimInfo Info { get; }

    /// <summary>The instance families searched.</summary>
    public abstract IReadOnlyList<InstanceFamily<T>> Families { get; }

    /// <inheritdoc/>
    public virtual RoundingSlack Slack => RoundingSlack.Default;

    /// <inheritdoc/>
    public virtual string? ConditionDescription => null;

    /// <summary>The hypothesis domain the targeted strategy moves in: the first one the families declare, or null.</summary>
    public virtual HypothesisDomain<T>? Domain => Families.Select(f => f.Domain).FirstOrDefault(d => d is not null);

    /// <summary>Evaluates both sides on one instance.</summary>
    public abstract Sides Evaluate(T instance);

    /// <summary>
    /// For a conditional claim: whether the instance satisfies the extra condition under which the claim is expected
    /// to hold. The verdict is "holds only if …" when every counterexample fails the condition and instances on both
    /// sides of it were checked.
    /// </summary>
    public virtual bool Condition(T instance) => true;

    /// <summary>The box the claim is certified on beside the search (interval branch and bound), or null where it is out of reach.</summary>
    public virtual CertificationTarget? Certification => null;

    /// <inheritdoc/>
    public ClaimResult Search(SearchBudget budget)
    {
        ClaimResult result = CounterexampleSearch.Run(this, budget);
        return Certification is { } target ? result with { Certificate = BranchAndBound.Run(target, CertificationBudget.For(budget)) } : result;
    }

    /// <inheritdoc/>
    public IClaim WithRightSideScaled(double factor) => new ScaledRightSideClaim<T>(this, factor);

    /// <inheritdoc/>
    public Sides Evaluate(JsonElement instance) =>
        Evaluate(instance.Deserialize<T>(CounterexampleStore.JsonOptions) ?? throw new JsonException($"{Info.Id}: the stored instance is null."));
}
