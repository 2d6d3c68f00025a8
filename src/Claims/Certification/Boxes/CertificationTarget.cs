using Verification.Claims.Catalogue;

namespace Verification.Claims.Certification.Boxes;

/// <summary>
/// What a claim is certified on: a box of continuous coordinates, a list of discrete choices (horizons, masks, faces)
/// each certified on the whole box, and the claim's sides written generically.
/// </summary>
/// <param name="Box">The one-line description of the box as a row shows it, including any reduction (for example homogeneity) it relies on.</param>
/// <param name="Coordinates">The continuous coordinates.</param>
/// <param name="Choices">The discrete choices, one line each.</param>
/// <param name="Sides">The claim's sides.</param>
/// <param name="Relation">≤ or =.</param>
public sealed record CertificationTarget(string Box, IReadOnlyList<BoxCoordinate> Coordinates, IReadOnlyList<string> Choices, ICertifiableSides Sides, Relation Relation = Relation.LessOrEqual)
{
    /// <summary>
    /// For a claim that is tight on a set the box's interior meets (Cauchy–Schwarz at p = p*, where no interval
    /// enclosure can show left − right ≤ 0 exactly): a box also counts as certified when left − right ≤ this times
    /// max(|left|, |right|) on it, and the certificate then says "within" this tolerance. 0: strict only.
    /// </summary>
    public double Tolerance { get; init; }

    /// <summary>For a conditional claim, the coordinate along which its condition's boundary is recovered (for example G_∞ ≥ 1/2), or null.</summary>
    public int? BoundaryCoordinate { get; init; }
}
