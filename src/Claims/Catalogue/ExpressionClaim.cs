using Verification.Claims.Certification.Boxes;

namespace Verification.Claims.Catalogue;

/// <summary>
/// A claim given by its evaluation function, so that a lemma's file can list its chain links compactly.
/// </summary>
/// <typeparam name="T">The instance type.</typeparam>
public sealed class ExpressionClaim<T> : Claim<T>
{
    private readonly Func<T, Sides> _evaluate;
    private readonly Func<T, bool>? _condition;

    /// <summary>Creates the claim.</summary>
    /// <param name="info">What it says.</param>
    /// <param name="families">Where it is searched.</param>
    /// <param name="evaluate">Both sides on an instance.</param>
    /// <param name="condition">For a conditional claim: the condition and its description; null otherwise.</param>
    /// <param name="slack">The rounding slack, if not the default.</param>
    /// <param name="certification">The box the claim is certified on, or null.</param>
    public ExpressionClaim(
        ClaimInfo info,
        IReadOnlyList<InstanceFamily<T>> families,
        Func<T, Sides> evaluate,
        (string Description, Func<T, bool> Holds)? condition = null,
        RoundingSlack? slack = null,
        CertificationTarget? certification = null)
    {
        Certification = certification;
        Info = info;
        Families = families;
        _evaluate = evaluate;
        _condition = condition?.Holds;
        ConditionDescription = condition?.Description;
        Slack = slack ?? RoundingSlack.Default;
    }

    /// <inheritdoc/>
    public override ClaimInfo Info { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<InstanceFamily<T>> Families { get; }

    /// <inheritdoc/>
    public override RoundingSlack Slack { get; }

    /// <inheritdoc/>
    public override string? ConditionDescription { get; }

    /// <inheritdoc/>
    public override CertificationTarget? Certification { get; }

    /// <inheritdoc/>
    public override Sides Evaluate(T instance) => _evaluate(instance);

    /// <inheritdoc/>
    public override bool Condition(T instance) => _condition is null || _condition(instance);
}
