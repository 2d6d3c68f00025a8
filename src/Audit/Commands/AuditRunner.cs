using System.Diagnostics;
using Spectre.Console;
using Verification.Audit.Experiments;
using Verification.Audit.Report;
using Verification.Claims.Catalogue;
using Verification.Claims.Search;

namespace Verification.Audit.Commands;

/// <summary>Runs the claims catalogue and the experiments with progress bars, then writes the report.</summary>
internal static class AuditRunner
{
    public static int Run(AuditSettings settings, bool claims, IReadOnlyList<IExperiment> experiments)
    {
        DataCommand.EnsureData(settings.DataDirectory);
        var clock = Stopwatch.StartNew();
        DateTime started = DateTime.UtcNow;
        SearchBudget budget = SearchBudget.ForDepth(settings.Depth) with { Seed = settings.Seed };
        IReadOnlyList<ClaimResult> claimResults = [];
        var experimentResults = new List<ExperimentResult>();

        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                if (claims)
                {
                    ProgressTask task = ctx.AddTask($"claims ({ClaimCatalogue.All.Count})", maxValue: ClaimCatalogue.All.Count);
                    claimResults = AuditRun.Search(ClaimCatalogue.All, budget, _ => task.Increment(1));
                    task.StopTask();
                }

                foreach (IExperiment experiment in experiments)
                {
                    ProgressTask task = ctx.AddTask(Markup.Escape(experiment.Name), maxValue: 1.0);
                    var progress = new Progress<(double Fraction, string Status)>(p =>
                    {
                        task.Value = Math.Clamp(p.Fraction, 0.0, 1.0);
                        task.Description = Markup.Escape($"{experiment.Name}: {p.Status}");
                    });
                    var context = new ExperimentContext(settings.DataDirectory, settings.Seed, settings.Quick, settings.Device, progress);
                    experimentResults.Add(experiment.Run(context));
                    task.Value = 1.0;
                    task.Description = Markup.Escape(experiment.Name);
                    task.StopTask();
                }
            });

        var model = new ReportModel(
            settings.CommandLine,
            settings.Seed,
            settings.Quick ? "quick scale" : "full scale",
            HardwareInfo.Describe(settings.Device == ComputeDevice.Accelerator ? AcceleratorDescription.Current() : null),
            budget,
            claimResults,
            experimentResults,
            started,
            clock.Elapsed.TotalSeconds);
        (string markdown, string html) = ReportWriter.Write(settings.OutputDirectory, model);
        if (claimResults.Count > 0)
        {
            AnsiConsole.MarkupLine(Markup.Escape(ReportText.VerdictSummary(claimResults, budget)));
        }

        AnsiConsole.MarkupLine($"Report: [link]{Markup.Escape(html)}[/] and [link]{Markup.Escape(markdown)}[/] ({clock.Elapsed.TotalSeconds:F0} s).");
        return 0;
    }
}
