namespace Verification.Claims.Catalogue;

/// <summary>A claim whose right side is multiplied by a constant: the mutant of the tightness check. It keeps the id, so its searches draw the same seeds.</summary>
/// <typeparam name="T">The instance type.</typeparam>
internal sealed class ScaledRightSideClaim<T>(Claim<T> inner, double factor) : Claim<T>
{
    /// <inheritdoc/>
    public override ClaimInfo Info { get; } = inner.Info with { Statement = $"{inner.Info.Statement} (right side × {factor})" };

    /// <inheritdoc/>
    public override IReadOnlyList<InstanceFamily<T>> Families => inner.Families;

    /// <inheritdoc/>
    public override RoundingSlack Slack => inner.Slack;

    /// <inheritdoc/>
    public override string? ConditionDescription => inner.ConditionDescription;

    /// <inheritdoc/>
    public override Sides Evaluate(T instance)
    {
        Sides sides = inner.Evaluate(instance);
        return new Sides(sides.Left, sides.Right * factor);
    }

    /// <inheritdoc/>
    public override bool Condition(T instance) => inner.Condition(instance);
}
