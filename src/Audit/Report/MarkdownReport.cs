using System.Globalization;
using System.Text;
using Verification.Audit.Experiments;
using Verification.Claims.Search;

namespace Verification.Audit.Report;

/// <summary>Renders a <see cref="ReportModel"/> as Markdown (figures as linked SVG files).</summary>
public static class MarkdownReport
{
    /// <summary>The Markdown text.</summary>
    public static string Render(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var md = new StringBuilder();
        md.Append("# StochGradAdam and DASGrad: proof audit and experiments\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Produced by `{model.Command}` ({model.Mode}, seed {model.Seed}) on {model.Started:yyyy-MM-dd HH:mm} UTC in {model.Seconds:F0} s.\n\n");
        md.Append("Machine: ").Append(string.Join("; ", model.Hardware.Select(h => $"{h.Key}: {h.Value}"))).Append(".\n\n");
        md.Append(ReportText.RunSummary(model)).Append("\n\n");
        if (ReportText.StoppedSummary(model) is { } stopped)
        {
            md.Append("**Incomplete.** ").Append(stopped).Append("\n\n");
        }
        if (ReportText.FailureSummary(model) is { } failures)
        {
            md.Append("**Failures.** ").Append(failures).Append("\n\n");
        }

        if (model.Claims.Count > 0)
        {
            md.Append("## Verdicts\n\n");
            md.Append(ReportText.VerdictSummary(model.Claims, model.ClaimBudget)).Append("\n\n");
            md.Append(CultureInfo.InvariantCulture, $"| paper | claims | falsified | hold only under a condition | hold (no counterexample found) | tight (holding, ratio ≥ {ClaimResult.TightRatio}) |\n|---|---:|---:|---:|---:|---:|\n");
            foreach (IGrouping<string, ClaimResult> paper in model.Claims.GroupBy(c => c.Info.Paper))
            {
                md.Append(CultureInfo.InvariantCulture, $"| {Cell(paper.Key)} | {paper.Count()} | {paper.Count(r => r.Verdict == Verdict.Falsified)} | {paper.Count(r => r.Verdict == Verdict.HoldsOnlyIf)} | {paper.Count(r => r.Verdict == Verdict.Holds)} | {paper.Count(r => r.IsTight)} |\n");
            }

            var tightness = TightnessPlot.From(model.Claims);
            md.Append(CultureInfo.InvariantCulture, $"\n![{tightness.Figure.Title}]({TightnessPlot.SvgPath})\n\n");
            md.Append(tightness.Caption()).Append(CultureInfo.InvariantCulture, $" Data: [one row per plotted claim]({TightnessPlot.CsvPath}).\n\n");
            md.Append(CultureInfo.InvariantCulture, $"Per paper, falsified claims first, then those that hold only under a condition, then those that held in every instance searched. The last column is the instance closest to a violation: left/right for an inequality (**tight** from {ClaimResult.TightRatio}), the relative gap of an identity, or both sides when one is not positive.\n\n");
            foreach (IGrouping<string, ClaimResult> paper in model.Claims.GroupBy(c => c.Info.Paper))
            {
                md.Append(CultureInfo.InvariantCulture, $"### {paper.Key}\n\n");
                md.Append("| claim | where | statement | verdict | evidence | closest instance |\n|---|---|---|---|---|---|\n");
                foreach (ClaimResult r in paper.OrderBy(r => r.Verdict switch { Verdict.Falsified => 0, Verdict.HoldsOnlyIf => 1, _ => 2 }))
                {
                    md.Append(CultureInfo.InvariantCulture, $"| `{r.Info.Id}` | {Cell(r.Info.Location)} | {Cell(r.Info.Statement)} | {Cell(ReportText.Verdict(r))} | {Cell(ReportText.Evidence(r))}{(r.Counterexample is null ? "" : $" ([instance](counterexamples/{r.Info.Id}.json))")} | {Cell(ReportText.Closest(r))}{(r.IsTight ? " **tight**" : "")} |\n");
                }

                md.Append('\n');
            }
        }

        foreach (ExperimentResult e in model.Experiments)
        {
            md.Append(CultureInfo.InvariantCulture, $"## {e.Title}\n\n");
            md.Append(CultureInfo.InvariantCulture, $"Command: `{ReportText.ExperimentCommand(e, model)}` ({e.Seconds:F1} s).\n\n");
            if (e.Failure is not null)
            {
                md.Append("**Failed:** ").Append(e.Failure).Append("\n\n");
                if (e.FailureDetail is not null)
                {
                    md.Append("```text\n").Append(e.FailureDetail).Append("\n```\n\n");
                }

                continue;
            }

            if (e.Setup.Length > 0)
            {
                md.Append("**Setup.** ").Append(e.Setup).Append("\n\n");
            }

            if (e.Missing.Count > 0)
            {
                md.Append(CultureInfo.InvariantCulture, $"**Incomplete: {e.Missing.Count} runs missing.** ").Append(string.Join(", ", e.Missing.Take(40).Select(m => $"`{m}`"))).Append(e.Missing.Count > 40 ? ", …" : "").Append("\n\n");
            }

            foreach (Figure f in e.Figures)
            {
                md.Append(CultureInfo.InvariantCulture, $"![{f.Title}]({ReportFiles.SvgPath(e, f)})\n\n");
                md.Append(ReportText.BandCaption(f)).Append("Data: ").Append(string.Join(", ", f.Series.Select(s => $"[{s.Name}]({ReportFiles.CsvPath(e, f, s)})"))).Append("\n\n");
            }

            foreach (Table t in e.Tables)
            {
                md.Append(CultureInfo.InvariantCulture, $"*{t.Title}*\n\n| {string.Join(" | ", t.Header.Select(Cell))} |\n|{string.Concat(t.Header.Select(_ => "---|"))}\n");
                foreach (string[] row in t.Rows)
                {
                    md.Append(CultureInfo.InvariantCulture, $"| {string.Join(" | ", row.Select(Cell))} |\n");
                }

                md.Append('\n');
            }

            if (e.PaperComparisons.Count > 0)
            {
                md.Append("*The paper against this run*\n\n| the paper says | measured here | verdict | why |\n|---|---|---|---|\n");
                foreach (PaperComparison c in e.PaperComparisons)
                {
                    md.Append(CultureInfo.InvariantCulture, $"| {Cell(c.PaperSays)} | {Cell(c.Measured)} | {Cell(ReportText.Reproduction(c.Verdict))} | {Cell(c.Why)} |\n");
                }

                md.Append('\n');
            }

            md.Append("**What it shows.** ").Append(e.Findings).Append("\n\n");
        }

        return md.ToString();
    }

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
