using System.Globalization;

namespace Verification.Claims.Certification.Boxes;

/// <summary>One coordinate of a certification box: its name as the row shows it and its closed range.</summary>
/// <param name="Name">The name (for example <c>G_∞</c>, <c>u₂</c>, <c>β₁</c>).</param>
/// <param name="Lo">The lower end.</param>
/// <param name="Hi">The upper end (≥ <paramref name="Lo"/>).</param>
public sealed record BoxCoordinate(string Name, double Lo, double Hi)
{
    /// <summary>The range as <c>name ∈ [lo, hi]</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ∈ [{Lo:G6}, {Hi:G6}]");
}
