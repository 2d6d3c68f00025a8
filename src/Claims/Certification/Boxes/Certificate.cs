using System.Globalization;

namespace Verification.Claims.Certification.Boxes;

/// <summary>The outcome of certifying one claim on its box, for the verdict table.</summary>
/// <param name="Kind">What was established.</param>
/// <param name="Box">The box, as the target describes it.</param>
/// <param name="Choices">The number of discrete choices certified.</param>
/// <param name="Boxes">Sub-boxes evaluated, over all choices.</param>
/// <param name="ProvedVolume">The fraction of the box (volume relative to the box's, averaged over the choices) proved.</param>
public sealed record Certificate(CertificateKind Kind, string Box, int Choices, int Boxes, double ProvedVolume)
{
    /// <summary>The largest upper bound of left − right over the proved sub-boxes (≤ 0 when strict; the smallest margin is its negation).</summary>
    public double? WorstUpper { get; init; }

    /// <summary>The largest (left − right)/max(|left|, |right|) a box proved within the target's tolerance needed, rounded up; null when none did.</summary>
    public double? Tolerance { get; init; }

    /// <summary>The first sub-box on which a violation was proved, with its choice.</summary>
    public string? ViolatedBox { get; init; }

    /// <summary>The violated sub-box's midpoint, re-evaluated in doubles by the claim's own code: left.</summary>
    public double? WitnessLeft { get; init; }

    /// <summary>The witness's right side.</summary>
    public double? WitnessRight { get; init; }

    /// <summary>The smallest sub-box left unresolved, with its choice.</summary>
    public string? SmallestUnresolved { get; init; }

    /// <summary>For a conditional claim: the boundary coordinate's name.</summary>
    public string? BoundaryName { get; init; }

    /// <summary>The largest value of the boundary coordinate in a violated sub-box.</summary>
    public double? ViolatedUpTo { get; init; }

    /// <summary>Every point whose boundary coordinate exceeds this lies in a proved sub-box.</summary>
    public double? ProvedAbove { get; init; }

    /// <summary>The kind in two or three words: "certified", "certified within 1E-05", "violated (certified)", "undecided".</summary>
    public string KindText() => Kind switch
    {
        CertificateKind.Certified => "certified",
        CertificateKind.CertifiedWithin => string.Create(CultureInfo.InvariantCulture, $"certified within {Tolerance:G2}"),
        CertificateKind.Violated => "violated (certified)",
        _ => "undecided",
    };

    /// <summary>The evidence in one line, as docs/audit.md shows it.</summary>
    /// <param name="boxLabel">A short name for the box (for example <c>B2</c>) defined elsewhere in the document, or null to spell the box out.</param>
    public string Summary(string? boxLabel = null)
    {
        var text = new System.Text.StringBuilder();
        string where = string.Create(CultureInfo.InvariantCulture, $"{boxLabel ?? Box} ({Choices} choice{(Choices == 1 ? "" : "s")}, {Boxes} boxes)");
        switch (Kind)
        {
            case CertificateKind.Certified:
                text.Append(CultureInfo.InvariantCulture, $"**certified** on {where}; smallest margin {0.0 - (WorstUpper ?? 0.0) + 0.0:G3}");
                break;
            case CertificateKind.CertifiedWithin:
                text.Append(CultureInfo.InvariantCulture, $"**certified within {Tolerance:G2}** (relative: left ≤ right + {Tolerance:G2}·max(|left|, |right|)) on {where}");
                break;
            case CertificateKind.Violated:
                text.Append(CultureInfo.InvariantCulture, $"**violated (certified)** on the sub-box {ViolatedBox} of {where}; at its midpoint the claim's doubles give left {WitnessLeft:G6}, right {WitnessRight:G6}");
                break;
            default:
                text.Append(CultureInfo.InvariantCulture, $"undecided on {where}: {100 * ProvedVolume:G4}% of its volume proved; smallest unresolved box {SmallestUnresolved}");
                break;
        }

        if (BoundaryName is not null && (ViolatedUpTo is not null || ProvedAbove is not null))
        {
            text.Append(CultureInfo.InvariantCulture, $"; boundary: violations certified up to {BoundaryName} = {ViolatedUpTo?.ToString("G6", CultureInfo.InvariantCulture) ?? "none"}, certified for {BoundaryName} > {ProvedAbove?.ToString("G6", CultureInfo.InvariantCulture) ?? "none"}");
        }

        return text.ToString();
    }
}
