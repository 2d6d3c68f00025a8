using System.Globalization;
using System.Net;
using System.Text;
using Verification.Audit.Experiments;
using Verification.Claims.Search;

namespace Verification.Audit.Report;

/// <summary>Renders a <see cref="ReportModel"/> as one self-contained HTML page (inline SVG, inline CSS).</summary>
public static class HtmlReport
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
        h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: .2em; }
        table { border-collapse: collapse; width: 100%; font-size: .85em; margin: 1em 0; }
        th, td { border: 1px solid #ddd; padding: 4px 6px; vertical-align: top; text-align: left; }
        th { background: #f4f4f4; position: sticky; top: 0; }
        td.holds { color: #1a7f37; } td.falsified { color: #b42318; font-weight: bold; } td.conditional { color: #9a6700; }
        code { font-size: .9em; background: #f6f8fa; padding: 0 3px; }
        .meta { color: #555; font-size: .9em; }
        figure { margin: 1em 0; } figcaption { font-size: .85em; color: #555; }
        details summary { cursor: pointer; margin: .8em 0; font-size: 1.05em; }
        nav { background: #f6f8fa; padding: .6em .8em; border-radius: 4px; font-size: .9em; }
        td:first-child code { word-break: break-all; }
        table.summary { width: auto; font-size: .95em; } table.summary td { text-align: right; } table.summary td:first-child { text-align: left; }
        svg { max-width: 100%; height: auto; }
        """;

    /// <summary>The HTML document.</summary>
    /// <param name="model">What the report says.</param>
    /// <param name="svg">Draws a figure as inline SVG (every figure of the page, the claims' tightness figure among them).</param>
    public static string Render(ReportModel model, Func<Figure, string> svg)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(svg);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>StochGradAdam and DASGrad: proof audit</title><style>")
            .Append(Style).Append("</style></head><body>\n");
        h.Append("<h1>StochGradAdam and DASGrad: proof audit and experiments</h1>\n");
        h.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">Produced by <code>{E(model.Command)}</code> ({E(model.Mode)}, seed {model.Seed}) on {model.Started:yyyy-MM-dd HH:mm} UTC in {model.Seconds:F0} s.<br>");
        h.Append(string.Join("; ", model.Hardware.Select(x => $"{E(x.Key)}: {E(x.Value)}"))).Append(".<br>").Append(E(ReportText.RunSummary(model))).Append("</p>\n");
        if (ReportText.StoppedSummary(model) is { } stopped)
        {
            h.Append("<p class=\"falsified\"><strong>Incomplete.</strong> ").Append(E(stopped)).Append("</p>\n");
        }
        if (ReportText.FailureSummary(model) is { } failures)
        {
            h.Append("<p class=\"falsified\"><strong>Failures.</strong> ").Append(E(failures)).Append("</p>\n");
        }

        h.Append("<nav><strong>Contents:</strong> ");
        var contents = new List<string>();
        if (model.Claims.Count > 0)
        {
            contents.Add("<a href=\"#verdicts\">Verdicts</a>");
        }

        contents.AddRange(model.Experiments.Select(e => $"<a href=\"#{E(e.Name)}\">{E(e.Title)}</a>"));
        h.Append(string.Join(" · ", contents)).Append("</nav>\n");

        if (model.Claims.Count > 0)
        {
            h.Append("<h2 id=\"verdicts\">Verdicts</h2>\n<p>").Append(E(ReportText.VerdictSummary(model.Claims, model.ClaimBudget))).Append("</p>\n");
            h.Append(CultureInfo.InvariantCulture, $"<table class=\"summary\"><thead><tr><th>paper</th><th>claims</th><th>falsified</th><th>hold only under a condition</th><th>hold (no counterexample found)</th><th>tight (holding, ratio ≥ {ClaimResult.TightRatio})</th></tr></thead><tbody>");
            foreach (IGrouping<string, ClaimResult> paper in model.Claims.GroupBy(c => c.Info.Paper))
            {
                h.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(paper.Key)}</td><td>{paper.Count()}</td><td class=\"falsified\">{paper.Count(r => r.Verdict == Verdict.Falsified)}</td><td class=\"conditional\">{paper.Count(r => r.Verdict == Verdict.HoldsOnlyIf)}</td><td class=\"holds\">{paper.Count(r => r.Verdict == Verdict.Holds)}</td><td>{paper.Count(r => r.IsTight)}</td></tr>");
            }

            h.Append("</tbody></table>\n");
            var tightness = TightnessPlot.From(model.Claims);
            h.Append("<figure>").Append(svg(tightness.Figure)).Append("<figcaption>").Append(E(tightness.Caption()))
                .Append(CultureInfo.InvariantCulture, $" Data: <a href=\"{TightnessPlot.CsvPath}\">one row per plotted claim</a>.</figcaption></figure>\n");
            h.Append("<p>Open a paper's table for every claim: falsified claims first, then those that hold only under a condition, then those that held in every instance searched. ")
                .Append("A falsified claim's instance (the shrunk counterexample) is linked; the same files, at test-gate scale, are pinned by tests in <code>docs/counterexamples/</code>. ")
                .Append(CultureInfo.InvariantCulture, $"The last column is the instance closest to a violation: left/right for an inequality (<strong>tight</strong> from {ClaimResult.TightRatio}), the relative gap of an identity, or both sides when one is not positive.</p>\n");
            foreach (IGrouping<string, ClaimResult> paper in model.Claims.GroupBy(c => c.Info.Paper))
            {
                h.Append(CultureInfo.InvariantCulture, $"<details><summary><strong>{E(paper.Key)}</strong>: {paper.Count()} claims, {paper.Count(r => r.Verdict == Verdict.Falsified)} falsified, {paper.Count(r => r.Verdict == Verdict.HoldsOnlyIf)} conditional, {paper.Count(r => r.Verdict == Verdict.Holds)} hold, {paper.Count(r => r.IsTight)} tight</summary>\n");
                h.Append("<table><thead><tr><th>claim</th><th>where</th><th>statement</th><th>verdict</th><th>evidence</th><th>closest instance</th></tr></thead><tbody>\n");
                foreach (ClaimResult r in paper.OrderBy(r => r.Verdict switch { Verdict.Falsified => 0, Verdict.HoldsOnlyIf => 1, _ => 2 }))
                {
                    string css = r.Verdict switch { Verdict.Holds => "holds", Verdict.Falsified => "falsified", _ => "conditional" };
                    string link = r.Counterexample is null ? "" : $" (<a href=\"counterexamples/{E(r.Info.Id)}.json\">instance</a>)";
                    h.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(r.Info.Id)}</code></td><td>{E(r.Info.Location)}</td><td>{E(r.Info.Statement)}</td><td class=\"{css}\">{E(ReportText.Verdict(r))}</td><td>{E(ReportText.Evidence(r))}{link}</td><td>{E(ReportText.Closest(r))}{(r.IsTight ? " <strong>tight</strong>" : "")}</td></tr>\n");
                }

                h.Append("</tbody></table></details>\n");
            }
        }

        foreach (ExperimentResult e in model.Experiments)
        {
            h.Append(CultureInfo.InvariantCulture, $"<h2 id=\"{E(e.Name)}\">{E(e.Title)}</h2>\n");
            h.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">Command: <code>{E(ReportText.ExperimentCommand(e, model))}</code> ({e.Seconds:F1} s).</p>\n");
            if (e.Failure is not null)
            {
                h.Append("<p class=\"falsified\"><strong>Failed:</strong> ").Append(E(e.Failure)).Append("</p>\n");
                if (e.FailureDetail is not null)
                {
                    h.Append("<pre>").Append(E(e.FailureDetail)).Append("</pre>\n");
                }

                continue;
            }

            if (e.Setup.Length > 0)
            {
                h.Append("<p><strong>Setup.</strong> ").Append(E(e.Setup)).Append("</p>\n");
            }

            if (e.Missing.Count > 0)
            {
                h.Append(CultureInfo.InvariantCulture, $"<p class=\"falsified\"><strong>Incomplete: {e.Missing.Count} runs missing.</strong> ").Append(E(string.Join(", ", e.Missing.Take(40)) + (e.Missing.Count > 40 ? ", …" : ""))).Append("</p>\n");
            }

            foreach (Figure f in e.Figures)
            {
                h.Append("<figure>").Append(svg(f)).Append("<figcaption>").Append(E(ReportText.BandCaption(f))).Append("Data: ");
                h.Append(string.Join(", ", f.Series.Select(s => $"<a href=\"{E(ReportFiles.CsvPath(e, f, s))}\">{E(s.Name)}</a>")));
                h.Append("</figcaption></figure>\n");
            }

            foreach (Table t in e.Tables)
            {
                h.Append(CultureInfo.InvariantCulture, $"<table><caption>{E(t.Title)}</caption><thead><tr>{string.Concat(t.Header.Select(c => $"<th>{E(c)}</th>"))}</tr></thead><tbody>");
                foreach (string[] row in t.Rows)
                {
                    h.Append("<tr>").Append(string.Concat(row.Select(c => $"<td>{E(c)}</td>"))).Append("</tr>");
                }

                h.Append("</tbody></table>\n");
            }

            if (e.PaperComparisons.Count > 0)
            {
                h.Append("<table><caption>The paper against this run</caption><thead><tr><th>the paper says</th><th>measured here</th><th>verdict</th><th>why</th></tr></thead><tbody>");
                foreach (PaperComparison c in e.PaperComparisons)
                {
                    string css = c.Verdict switch { ReproductionVerdict.Reproduced => "holds", ReproductionVerdict.NotReproduced => "falsified", _ => "conditional" };
                    h.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(c.PaperSays)}</td><td>{E(c.Measured)}</td><td class=\"{css}\">{E(ReportText.Reproduction(c.Verdict))}</td><td>{E(c.Why)}</td></tr>");
                }

                h.Append("</tbody></table>\n");
            }

            h.Append("<p><strong>What it shows.</strong> ").Append(E(e.Findings)).Append("</p>\n");
        }

        h.Append("</body></html>\n");
        return h.ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
