namespace Verification.Claims.Catalogue;

/// <summary>
/// How far a computed side may be off its exact value because of floating-point rounding, so that a violation is
/// only reported when it exceeds what rounding can explain.
/// </summary>
/// <remarks>
/// Sides are sums of at most a few thousand double operations; each rounding contributes at most 2^-53 of the
/// magnitude it touches. <see cref="Default"/> allows 1e-9 of the larger side's magnitude plus 1e-300 absolute: far
/// above accumulated rounding (about 1e-12 for 10^4 operations) and far below any violation worth a verdict.
/// A claim whose sides cancel catastrophically states its own slack.
/// </remarks>
/// <param name="Relative">The relative slack.</param>
/// <param name="Absolute">The absolute slack (for sides that are exactly 0).</param>
public readonly record struct RoundingSlack(double Relative, double Absolute)
{
    /// <summary>1e-9 relative, 1e-300 absolute.</summary>
    public static RoundingSlack Default { get; } = new(1e-9, 1e-300);

    /// <summary>Whether <paramref name="sides"/> violate <paramref name="relation"/> beyond this slack.</summary>
    public bool Violates(Sides sides, Relation relation)
    {
        if (double.IsNaN(sides.Left) || double.IsNaN(sides.Right))
        {
            return true;   // an undefined side is a failure of the claim on this instance, never a pass
        }

        if (double.IsInfinity(sides.Left) || double.IsInfinity(sides.Right))
        {
            // No rounding allowance is infinite: compare in the extended reals (an infinite left side against a finite
            // bound is a violation, never absorbed by a relative slack of ∞).
            return relation == Relation.Equal ? sides.Left != sides.Right : sides.Left > sides.Right;
        }

        double allowance = Relative * Math.Max(Math.Abs(sides.Left), Math.Abs(sides.Right)) + Absolute;
        return relation == Relation.Equal
            ? !(Math.Abs(sides.Left - sides.Right) <= allowance) && !(sides.Left == sides.Right)
            : sides.Left > sides.Right + allowance;
    }

    /// <summary>
    /// For sides already divided by the magnitude of their terms (<see cref="Sides.Over"/>): 1e-9 relative and 1e-10
    /// absolute, i.e. a cancellation error up to 1e-10 of what cancelled is counted as rounding.
    /// </summary>
    public static RoundingSlack Scaled { get; } = new(1e-9, 1e-10);
}
