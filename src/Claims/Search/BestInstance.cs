using System.Globalization;
using Verification.Claims.Catalogue;

namespace Verification.Claims.Search;

/// <summary>The instance that came closest to violating a claim (or violated it most), for the tightness column.</summary>
/// <param name="Family">The family it was sampled from, with <c>+targeted</c> when the targeted search reached it.</param>
/// <param name="Score">Its <see cref="ViolationScore"/>.</param>
/// <param name="Sides">Both sides on it.</param>
/// <param name="Summary">A one-line description of the instance.</param>
public sealed record BestInstance(string Family, double Score, Sides Sides, string Summary)
{
    /// <summary>Left/Right when both sides are positive; null otherwise.</summary>
    public double? Ratio(Relation relation) => ViolationScore.Ratio(Sides, relation);

    /// <summary>The tightness figure in words: the ratio, or the relative discrepancy of an identity, or the sign pattern.</summary>
    public string Figure(Relation relation)
    {
        if (relation == Relation.Equal)
        {
            return Score <= ViolationScore.Degenerate
                ? "exact"
                : string.Create(CultureInfo.InvariantCulture, $"gap {Math.Abs(Sides.Left - Sides.Right):G3} (relative {Math.Exp(Score):G3})");
        }

        return Ratio(relation) is { } ratio
            ? string.Create(CultureInfo.InvariantCulture, $"ratio {ratio:G6}")
            : string.Create(CultureInfo.InvariantCulture, $"left {Sides.Left:G4}, right {Sides.Right:G4}");
    }
}
