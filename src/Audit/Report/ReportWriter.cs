using Verification.Claims.Search;

namespace Verification.Audit.Report;

/// <summary>Writes report.md, report.html, figures/*.svg (the claims' tightness among them), data/*.csv and counterexamples/*.json into one folder.</summary>
public static class ReportWriter
{
    /// <summary>Writes the report and returns the paths of the two documents.</summary>
    public static (string Markdown, string Html) Write(string outputDirectory, ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(outputDirectory);
        ReportFiles.WriteFigures(outputDirectory, model.Experiments);
        if (model.Claims.Count > 0)
        {
            ReportFiles.WriteTightness(outputDirectory, TightnessPlot.From(model.Claims));
        }

        foreach (ClaimResult r in model.Claims.Where(r => r.Counterexample is not null))
        {
            CounterexampleStore.Write(Path.Combine(outputDirectory, "counterexamples"), r.Info, r.Counterexample!);
        }

        string markdown = Path.Combine(outputDirectory, "report.md");
        string html = Path.Combine(outputDirectory, "report.html");
        File.WriteAllText(markdown, MarkdownReport.Render(model));
        File.WriteAllText(html, HtmlReport.Render(model, FigureRenderer.Svg));
        return (markdown, html);
    }
}
