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
            [new Series("adam", [1, 2, 3], [1.0, 0.5, 0.25]), new Series("amsgrad, with a comma", [1, 2, 3], [1.0, 0.7, double.NaN])],
            LogY: true);
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
        Assert.Equal(["\"step\",\"loss\"", "1,1", "2,0.7", "3,NaN"], csv);
        Assert.True(File.Exists(Path.Combine(_directory, "counterexamples", "SGA-L4.3-eq12-sumg-to-bound-link.json")));
    }

    [Fact]
    public void A_figure_without_finite_points_still_renders()
    {
        string svg = SvgPlot.Render(new Figure("empty", "Empty", "x", "y", [new Series("none", [1], [double.NaN])], LogY: true));
        Assert.Contains("no finite data to plot", svg, StringComparison.Ordinal);
        Assert.Equal("svg", XDocument.Parse(svg).Root!.Name.LocalName);
    }
}
