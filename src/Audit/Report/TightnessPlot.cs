using System.Globalization;
using System.Text;
using Verification.Audit.Experiments;
using Verification.Claims.Catalogue;
using Verification.Claims.Search;

namespace Verification.Audit.Report;

/// <summary>
/// Every inequality's closest ratio (left/right of its best instance), ranked, as one figure with its CSV: which bounds
/// are loose by orders of magnitude and which sit on the edge.
/// </summary>
public sealed class TightnessPlot
{
    /// <summary>The figure's path inside the report folder.</summary>
    public const string SvgPath = "figures/claims-tightness.svg";

    /// <summary>The CSV's path inside the report folder: one row per plotted claim.</summary>
    public const string CsvPath = "data/claims-tightness.csv";

    /// <summary>
    /// Where violations are drawn at most: one counterexample can exceed its bound by 10⁷⁰, which would squeeze every
    /// holding bound (the point of the figure) into a sliver at the bottom. The CSV keeps the exact ratios.
    /// </summary>
    public const double Ceiling = 1e6;

    private const string TightName = "tight", FalsifiedName = "falsified", HoldsName = "holds", ConditionalName = "holds only if";

    private TightnessPlot(IReadOnlyList<TightnessPoint> points, int identities, int withoutRatio, Figure figure)
    {
        Points = points;
        Identities = identities;
        WithoutRatio = withoutRatio;
        Figure = figure;
    }

    /// <summary>The plotted claims, loosest first.</summary>
    public IReadOnlyList<TightnessPoint> Points { get; }

    /// <summary>Identities left out: their closeness is a relative gap around zero, not a ratio to a bound.</summary>
    public int Identities { get; }

    /// <summary>Inequalities left out because their best instance has a side ≤ 0 or non-finite (or there is none).</summary>
    public int WithoutRatio { get; }

    /// <summary>The figure: one series per verdict class, with the line at ratio 1.</summary>
    public Figure Figure { get; }

    /// <summary>Ranks <paramref name="claims"/> by closest ratio.</summary>
    public static TightnessPlot From(IReadOnlyList<ClaimResult> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var ranked = claims
            .Where(c => c.Info.Relation == Relation.LessOrEqual && c.Best?.Ratio(c.Info.Relation) is not null)
            .Select(c => (Claim: c, Ratio: c.Best!.Ratio(c.Info.Relation)!.Value))
            .OrderBy(p => p.Ratio)
            .ThenBy(p => p.Claim.Info.Id, StringComparer.Ordinal)
            .Select((p, i) => new TightnessPoint(i + 1, p.Claim, p.Ratio, Class(p.Claim)))
            .ToList();
        int identities = claims.Count(c => c.Info.Relation == Relation.Equal);

        // The palette assigns colours by series position: this order gives tight blue, falsified vermillion, holds green.
        var series = new[] { TightName, FalsifiedName, HoldsName, ConditionalName }.Select(name =>
        {
            var members = ranked.Where(p => p.Class == name).ToList();
            return new Series(
                string.Create(CultureInfo.InvariantCulture, $"{(name == TightName ? $"tight (≥ {ClaimResult.TightRatio})" : name)}: {members.Count}"),
                members.Select(p => (double)p.Rank).ToArray(),
                members.Select(p => Math.Min(p.Ratio, Ceiling)).ToArray());
        }).ToList();
        var figure = new Figure(
            "claims-tightness",
            "How close each inequality came to its bound",
            "claims ranked by closest ratio (loosest first)",
            "left / right at the closest instance",
            series,
            LogY: true,
            Kind: FigureKind.Points,
            Reference: new ReferenceLine(1.0, "ratio 1: the bound"));
        return new TightnessPlot(ranked, identities, claims.Count - identities - ranked.Count, figure);
    }

    /// <summary>The CSV: rank, claim, paper, verdict class, ratio and its log10.</summary>
    public string Csv()
    {
        var csv = new StringBuilder("\"rank\",\"claim\",\"paper\",\"class\",\"ratio\",\"log10 ratio\"\n");
        foreach (TightnessPoint p in Points)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{p.Rank},{ReportFiles.Quote(p.Claim.Info.Id)},{ReportFiles.Quote(p.Claim.Info.Paper)},{ReportFiles.Quote(p.Class)},")
                .Append(p.Ratio.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(Math.Log10(p.Ratio).ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>What the figure shows and which claims it leaves out, in one paragraph.</summary>
    public string Caption()
    {
        int loose = Points.Count(p => p.Ratio < 1e-3), clipped = Points.Count(p => p.Ratio > Ceiling);
        var text = new StringBuilder(string.Create(
            CultureInfo.InvariantCulture,
            $"Each point is one inequality (left ≤ right) of either paper: left/right on the instance that came closest to violating it, ranked from the loosest. On the dashed line the bound is met exactly; at or above {ClaimResult.TightRatio} a holding row counts as tight, and points above the line are counterexamples. {Points.Count} claims plotted, {loose} of them loose by more than three orders of magnitude (ratio < 10⁻³)."));
        if (clipped > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" {clipped} {(clipped == 1 ? "counterexample exceeds its bound" : "counterexamples exceed their bounds")} more than 10⁶-fold and {(clipped == 1 ? "is" : "are")} drawn at 10⁶ (the CSV has the exact ratios).");
        }

        if (Identities > 0 || WithoutRatio > 0)
        {
            text.Append(" Left out: ");
            var parts = new List<string>();
            if (Identities > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{Identities} {(Identities == 1 ? "identity" : "identities")} (left = right claimed: their closeness is a relative gap, shown in the tables, not a ratio to a bound)"));
            }

            if (WithoutRatio > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{WithoutRatio} {(WithoutRatio == 1 ? "inequality" : "inequalities")} whose closest instance has a side that is zero, negative or not finite (or that recorded no instance), where left/right measures nothing"));
            }

            text.Append(string.Join("; ", parts)).Append('.');
        }

        return text.ToString();
    }

    private static string Class(ClaimResult r) => r.Verdict switch
    {
        Verdict.Falsified => FalsifiedName,
        _ when r.IsTight => TightName,
        Verdict.HoldsOnlyIf => ConditionalName,
        _ => HoldsName,
    };
}
