using Verification.Claims.Catalogue;

namespace Verification.Claims.Search;

/// <summary>
/// How close an instance comes to violating a claim, as one number the targeted search maximises. For an inequality
/// with positive sides it is ln(Left/Right): 0 on the edge, positive when violated, and the same ordering after
/// either side is multiplied by a constant, so a search driven by it follows the same path on a bound scaled by 0.99
/// until it crosses. Other sign patterns map to bands below (not violated) or above (violated) so that the order
/// stays monotone in the violation. For an identity it is ln of the relative discrepancy.
/// </summary>
public static class ViolationScore
{
    /// <summary>Score of an instance whose sides are both exactly 0: it says nothing about the bound's edge.</summary>
    public const double Degenerate = -1000.0;

    /// <summary>The score of <paramref name="sides"/> under <paramref name="relation"/>.</summary>
    public static double Of(Sides sides, Relation relation)
    {
        double l = sides.Left, r = sides.Right;
        if (double.IsNaN(l) || double.IsNaN(r))
        {
            return double.PositiveInfinity;
        }

        if (relation == Relation.Equal)
        {
            double scale = Math.Max(Math.Abs(l), Math.Abs(r));
            return l == r ? Degenerate : Math.Max(Degenerate + 1, Math.Log(Math.Abs(l - r) / scale));
        }

        if (l == 0.0 && r == 0.0)
        {
            return Degenerate;
        }

        if (double.IsInfinity(l) || double.IsInfinity(r))
        {
            return l > r ? double.PositiveInfinity : l == r ? 0.0 : -700.0;
        }

        if (r > 0.0)
        {
            // ln(L/R) for L > 0; for L ≤ 0 a band below −700 that falls as L grows more negative.
            return l > 0.0 ? Math.Log(l) - Math.Log(r) : -700.0 - Math.Log(1.0 + (-l / r));
        }

        if (r < 0.0)
        {
            // Both negative: L ≤ R ⇔ |L| ≥ |R|, score ln(R/L) = ln(|R|/|L|); L ≥ 0 > R is a violation.
            return l < 0.0 ? Math.Log(-r) - Math.Log(-l) : 700.0 + Math.Log(1.0 + (l - r) / -r);
        }

        // R = 0: L < 0 holds with a margin that has no scale; L > 0 violates.
        return l < 0.0 ? -700.0 : 700.0;
    }

    /// <summary>Left/Right when both sides are positive (the tightness ratio shown in the table), otherwise null.</summary>
    public static double? Ratio(Sides sides, Relation relation) =>
        relation == Relation.LessOrEqual && sides.Left > 0.0 && sides.Right > 0.0 && double.IsFinite(sides.Left) && double.IsFinite(sides.Right)
            ? sides.Left / sides.Right
            : null;
}
