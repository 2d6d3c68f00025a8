using System.Xml.Linq;
using Verification.Audit.Experiments;
using Verification.Audit.Report;
using Verification.Claims.Catalogue;
using Verification.Claims.Search;

namespace Verification.Properties.Audit;

/// <summary>The report generator on a tiny configuration: two real claims, one small experiment result.</summary>
public sealed class ReportGeneratorTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "verification-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Report_is_written_with_verdicts_figures_csv_and_counterexamples()
    {
        var budget = new SearchBudget(Scale: 0.05);
        IReadOnlyList<ClaimResult> claims = AuditRun.Search(
            [ClaimCatalogue.Get("SGA-L4.3-eq12-sumg-to-bound-link"), ClaimCatalogue.Get("SGA-L4.3-eq14")], budget);
        var figure = new Figure(
            "loss", "Loss against steps", "step", "loss",
            [
                new Series("adam", [1, 2, 3], [1.0, 0.5, 0.25]) { Lower = [0.9, 0.4, 0.2], Upper = [1.1, 0.6, 0.3], Seeds = [7, 18446744073709551615] },
                new Series("amsgrad, with a comma", [1, 2, 3], [1.0, 0.7, double.NaN]),
            ],
            LogY: true) { BandMeaning = "95% t-interval of the mean over 2 seeds" };
        var histogram = new Figure("entropy", "Entropy", "bin", "count", [new Series("s=1", [0.1, 0.3], [4, 2])], Kind: FigureKind.Bars);
        var experiment = new ExperimentResult(
            "tiny", "A tiny experiment", "Setup <with> markup & symbols.", "Findings.", [figure, histogram],
            [new Table("numbers", ["a", "b"], [["1", "x|y"]])], 0.1);
        var model = new ReportModel(
            "dotnet run -- audit", 7, "quick scale", HardwareInfo.Describe(null), budget, claims, [experiment], new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), 1.0);

        (string markdown, string html) = ReportWriter.Write(_directory, model);

        string md = File.ReadAllText(markdown);
        Assert.Contains("## Verdicts", md, StringComparison.Ordinal);
        Assert.Contains("SGA-L4.3-eq12-sumg-to-bound-link", md, StringComparison.Ordinal);
        Assert.Contains("figures/tiny-loss.svg", md, StringComparison.Ordinal);
        Assert.Contains("x\\|y", md, StringComparison.Ordinal);

        string page = File.ReadAllText(html);
        Assert.Contains("Setup &lt;with&gt; markup &amp; symbols.", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Contains("counterexamples/SGA-L4.3-eq12-sumg-to-bound-link.json", page, StringComparison.Ordinal);

        // Every SVG is well-formed XML; every series has its CSV with a header and one row per point.
        foreach (string svg in Directory.GetFiles(Path.Combine(_directory, "figures"), "*.svg"))
        {
            Assert.Equal("svg", XDocument.Load(svg).Root!.Name.LocalName);
        }

        string[] csv = File.ReadAllLines(Path.Combine(_directory, "data", "tiny-loss-amsgrad__with_a_comma.csv"));
        Assert.Equal(["\"step\",\"loss\",\"seeds\"", "1,1,", "2,0.7,", "3,NaN,"], csv);
        string[] banded = File.ReadAllLines(Path.Combine(_directory, "data", "tiny-loss-adam.csv"));
        Assert.Equal(
            ["\"step\",\"loss\",\"lower\",\"upper\",\"seeds\"", "1,1,0.9,1.1,7 18446744073709551615", "2,0.5,0.4,0.6,7 18446744073709551615", "3,0.25,0.2,0.3,7 18446744073709551615"],
            banded);
        Assert.True(File.Exists(Path.Combine(_directory, "counterexamples", "SGA-L4.3-eq12-sumg-to-bound-link.json")));

        // The tightness figure: one CSV row per inequality with a ratio; the identity eq14 is left out and said so.
        Assert.Equal("svg", XDocument.Load(Path.Combine(_directory, TightnessPlot.SvgPath)).Root!.Name.LocalName);
        ClaimResult[] plotted = claims.Where(c => c.Info.Relation == Relation.LessOrEqual && c.Best?.Ratio(c.Info.Relation) is not null).ToArray();
        string[] rows = File.ReadAllLines(Path.Combine(_directory, TightnessPlot.CsvPath));
        Assert.Equal(plotted.Length + 1, rows.Length);
        foreach (ClaimResult c in plotted)
        {
            Assert.Contains(rows, row => row.Contains($"\"{c.Info.Id}\"", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(rows, row => row.Contains("SGA-L4.3-eq14", StringComparison.Ordinal));
        Assert.Contains(TightnessPlot.SvgPath, md, StringComparison.Ordinal);
        Assert.Contains(FigureRenderer.Svg(TightnessPlot.From(claims).Figure), page, StringComparison.Ordinal);   // inlined
        foreach (string document in new[] { md, page })
        {
            Assert.Contains(TightnessPlot.CsvPath, document, StringComparison.Ordinal);
            Assert.Contains("1 identity", document, StringComparison.Ordinal);
            Assert.Contains("closest instance", document, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Tightness_plot_ranks_inequalities_by_ratio_and_leaves_out_identities_and_sign_cases()
    {
        ClaimResult[] claims =
        [
            Result("T-loose", Relation.LessOrEqual, Verdict.Holds, new Sides(1e-6, 1.0)),
            Result("T-edge", Relation.LessOrEqual, Verdict.Holds, new Sides(0.9995, 1.0)),
            Result("T-broken", Relation.LessOrEqual, Verdict.Falsified, new Sides(3.0, 1.0)),
            Result("T-conditional", Relation.LessOrEqual, Verdict.HoldsOnlyIf, new Sides(0.5, 1.0)),
            Result("T-far-off", Relation.LessOrEqual, Verdict.Falsified, new Sides(1e72, 1.0)),
            Result("T-identity", Relation.Equal, Verdict.Holds, new Sides(2.0, 2.0)),
            Result("T-negative-right", Relation.LessOrEqual, Verdict.Holds, new Sides(-3.0, -1.0)),
            Result("T-no-instance", Relation.LessOrEqual, Verdict.Holds, null),
        ];

        TightnessPlot plot = TightnessPlot.From(claims);

        Assert.Equal(["T-loose", "T-conditional", "T-edge", "T-broken", "T-far-off"], plot.Points.Select(p => p.Claim.Info.Id));
        Assert.Equal(["holds", "holds only if", "tight", "falsified", "falsified"], plot.Points.Select(p => p.Class));
        Assert.Equal(1, plot.Identities);
        Assert.Equal(2, plot.WithoutRatio);
        Assert.Equal(5, plot.Figure.Series.Sum(s => s.X.Length));
        Assert.Equal(TightnessPlot.Ceiling, plot.Figure.Series.SelectMany(s => s.Y).Max());   // drawn at the ceiling
        Assert.Contains("1 counterexample exceeds its bound", plot.Caption(), StringComparison.Ordinal);
        Assert.Contains("1 identity", plot.Caption(), StringComparison.Ordinal);
        Assert.Contains("2 inequalities", plot.Caption(), StringComparison.Ordinal);

        string[] csv = plot.Csv().TrimEnd('\n').Split('\n');
        Assert.Equal(6, csv.Length);
        Assert.Equal("1,\"T-loose\",\"StochGradAdam\",\"holds\",1E-06,-6", csv[1]);
        Assert.Equal("4,\"T-broken\",\"StochGradAdam\",\"falsified\",3,0.47712125471966244", csv[4]);
        Assert.Equal("5,\"T-far-off\",\"StochGradAdam\",\"falsified\",1E+72,72", csv[5]);   // the exact ratio

        string svg = FigureRenderer.Svg(plot.Figure);
        Assert.Equal("svg", XDocument.Parse(svg).Root!.Name.LocalName);
        Assert.Equal(1, FigureRendererTests.DashedLines(XDocument.Parse(svg)));   // the line at ratio 1
        Assert.Contains("ratio 1: the bound", FigureRendererTests.Texts(svg));
        // The palette's order carries the meaning: tight blue, falsified vermillion, holds green; one dot per point.
        Assert.Equal(1, Dots(svg, "#0072B2"));
        Assert.Equal(2, Dots(svg, "#D55E00"));
        Assert.Equal(1, Dots(svg, "#009E73"));
        Assert.Equal(1, Dots(svg, "#CC79A7"));
    }

    [Fact]
    public void A_figure_without_finite_points_still_renders()
    {
        string svg = FigureRenderer.Svg(new Figure("empty", "Empty", "x", "y", [new Series("none", [1], [double.NaN])], LogY: true));
        Assert.Contains(FigureRenderer.NoDataText, FigureRendererTests.Texts(svg));
        Assert.Equal("svg", XDocument.Parse(svg).Root!.Name.LocalName);
    }

    // Markers are ellipses in the data area; the legend draws one more per series as its symbol.
    private static int Dots(string svg, string colour) =>
        XDocument.Parse(svg).Descendants().Count(e => e.Name.LocalName == "ellipse" && (string?)e.Attribute("fill") == colour) - 1;

    private static ClaimResult Result(string id, Relation relation, Verdict verdict, Sides? best) =>
        new(new ClaimInfo(id, "StochGradAdam", "test", "left ≤ right", [], relation), verdict, [new FamilyResult("f", 10, verdict == Verdict.Falsified, 0, false)], null, verdict == Verdict.HoldsOnlyIf ? "c" : null)
        {
            Best = best is { } sides ? new BestInstance("f", 0.0, sides, "instance") : null,
        };
}
