using System.Globalization;
using System.Text;
using Verification.GpuCheck.Checking;

namespace Verification.GpuCheck.Report;

/// <summary>The summary as Markdown: the device, the verdict, one row per optimizer, the benchmark table.</summary>
internal static class SummaryMarkdown
{
    /// <summary>Renders <paramref name="summary"/>.</summary>
    public static string Render(GpuCheckSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');
        Line($"# gpu-check");
        Line($"");
        Line($"{summary.Tool}; format {summary.Schema}; {summary.ElapsedSeconds:F1} s.");
        Line($"");
        if (summary.Device is { } d)
        {
            Line($"- **Device:** {d.Name} ({d.Kind}, {d.Vendor}), {d.ComputeUnits} compute units, {d.GlobalMemoryBytes / (1024.0 * 1024 * 1024):F1} GiB");
            Line($"- **Platform:** {d.Platform} ({d.PlatformVersion}); device {d.DeviceVersion}; driver {d.DriverVersion}; {d.OpenClCVersion}");
            Line($"- **fp64:** {(d.Fp64 ? "yes" : "no")}; correctly rounded float divide/sqrt: {(d.CorrectlyRoundedFloatDivideSqrt ? "yes" : "no")}");
            Line($"- **OpenCL library:** {d.Library} ({d.LibrarySource.Replace('_', ' ')}, bound by {d.Binding.Replace('_', ' ')})");
        }

        SettingsSummary s = summary.Settings;
        Line($"- **Runs:** sizes {string.Join(", ", s.Sizes)} with the catalogued hyperparameters and {s.RedrawnRunsPerOptimizer} runs at d = {CheckPlan.RedrawnSize} with redrawn ones; {s.Steps} steps each{(s.ZeroGradientStep > 0 ? $" (step {s.ZeroGradientStep} with an all-zero gradient)" : string.Empty)}; seed {s.Seed}{(s.Quick ? "; --quick" : string.Empty)}");
        Line($"");
        int matching = summary.Optimizers.Count(o => o.Verdict == Verdicts.Matching);
        Line($"**Result: {summary.Outcome.Replace('_', ' ')}** — {matching} of {summary.Optimizers.Count} optimizers match (exit code {summary.ExitCode}).{(summary.Reason is null ? string.Empty : " " + summary.Reason)}");
        foreach (string note in summary.Notes)
        {
            Line($"");
            Line($"Note: {note}");
        }

        if (summary.Optimizers.Count > 0)
        {
            Line($"");
            Line($"## Cross-check against the reference");
            Line($"");
            Line($"float64: θ, every state entry and the mask equal the reference bit for bit after every step. float32: every quantity within 2^-19 of its scale (worst error as a fraction of that bound).");
            Line($"");
            Line($"| optimizer | verdict | float64 (bit for bit) | float32 (≤ 2^-19) |");
            Line($"|---|---|---|---|");
            foreach (OptimizerSummary o in summary.Optimizers)
            {
                Line($"| {o.Name} | {(o.Verdict == Verdicts.Matching ? "matching" : "**" + o.Verdict.ToUpperInvariant() + "**")} | {Cell(o.Float64)} | {Cell(o.Float32)} |");
            }
        }

        if (summary.Benchmark is { } b)
        {
            Line($"");
            Line($"## Step benchmark (d = {b.Size:N0}, {b.StepsPerTiming} launches per timing, medians)");
            Line($"");
            Line($"STREAM triad (float64, 24 B per element): {b.TriadSeconds * 1e6:F1} µs per pass, {b.TriadGigabytesPerSecond:F1} GB/s ({b.TriadTimings} timings). Time / bound = step time / (triad time × bytes / 24); 1.00 is the triad's bandwidth.");
            Line($"");
            Line($"| optimizer | precision | bytes/element | step (µs) | GB/s | time / triad bound |");
            Line($"|---|---|---:|---:|---:|---:|");
            foreach (BenchmarkRow r in b.Rows)
            {
                Line($"| {r.Optimizer} | {r.Precision} | {r.BytesPerElement} | {r.StepSeconds * 1e6:F1} | {r.GigabytesPerSecond:F1} | {r.TimeOverTriadBound:F2} |");
            }
        }

        return md.ToString();
    }

    private static string Cell(PrecisionSummary p) => p.Verdict switch
    {
        Verdicts.Matching when p.WorstRatio is { } ratio => string.Create(CultureInfo.InvariantCulture, $"within bound: {p.Runs} runs, {p.ValuesCompared:N0} values, worst {ratio:F3} of the bound"),
        Verdicts.Matching => string.Create(CultureInfo.InvariantCulture, $"matching: {p.Runs} runs, {p.ValuesCompared:N0} values"),
        Verdicts.Mismatch when p.FirstDifference is { } at => $"**MISMATCH** {Escape(at.Describe())}{(at.Ratio is { } r ? string.Create(CultureInfo.InvariantCulture, $", {r:G4} × the bound") : string.Empty)}",
        Verdicts.Error => $"**ERROR** {Escape(FirstLine(p.Note))}",
        _ => $"{p.Verdict.Replace('_', ' ')}: {Escape(p.Note ?? string.Empty)}",
    };

    private static string FirstLine(string? text) => (text ?? string.Empty).Split('\n', 2)[0].Trim();

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
