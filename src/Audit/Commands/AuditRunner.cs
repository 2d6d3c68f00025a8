using System.Diagnostics;
using Spectre.Console;
using Verification.Audit.Cli;
using Verification.Audit.Experiments;
using Verification.Audit.Experiments.Runs;
using Verification.Audit.Report;
using Verification.Claims.Catalogue;
using Verification.Claims.Search;

namespace Verification.Audit.Commands;

/// <summary>Runs the claims catalogue and the experiments with progress bars, then writes the report.</summary>
internal static class AuditRunner
{
    /// <summary>The folder under the report's output folder that holds one CSV per finished run.</summary>
    public const string RunsFolder = "runs";

    /// <summary>
    /// Runs the claims (when <paramref name="claims"/>) and <paramref name="experiments"/> and writes the report. The
    /// first Ctrl-C stops starting runs and writes a report of what finished; a second ends the process at once.
    /// </summary>
    public static int Run(AuditSettings settings, bool claims, IReadOnlyList<IExperiment> experiments, CancellationToken cancellation = default)
    {
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            if (interrupt.IsCancellationRequested)
            {
                return;
            }

            e.Cancel = true;
            interrupt.Cancel();
            Console.Error.WriteLine("Stopping: no new runs start; finished runs are kept and the report will list what is missing. Press Ctrl-C again to end at once.");
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            return RunCore(settings, claims, experiments, interrupt.Token);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    private static int RunCore(AuditSettings settings, bool claims, IReadOnlyList<IExperiment> experiments, CancellationToken cancellation)
    {
        DataCommand.EnsureData(settings.DataDirectory);
        var clock = Stopwatch.StartNew();
        var store = new RunStore(Path.Combine(settings.OutputDirectory, RunsFolder));
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
                    claimResults = AuditRun.Search(ClaimCatalogue.All, budget, _ => task.Increment(1), settings.Threads, cancellation);
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
                    var context = new ExperimentContext(settings.DataDirectory, settings.Seed, settings.Quick, settings.Device, progress)
                    {
                        Store = store, Threads = settings.Threads ?? Environment.ProcessorCount, Cancellation = cancellation, Tiny = settings.Tiny,
                    };
                    ExperimentResult result = cancellation.IsCancellationRequested
                        ? ExperimentResult.Partial(experiment, "", 0, ["every run (the audit was stopped before this experiment started)"], 0.0)
                        : RunOne(experiment, context);
                    experimentResults.Add(result);
                    task.Value = 1.0;
                    task.Description = Markup.Escape(result.Failure is not null ? $"{experiment.Name}: FAILED" : result.Missing.Count > 0 ? $"{experiment.Name}: stopped, {result.Missing.Count} runs missing" : experiment.Name);
                    task.StopTask();
                }
            });

        var model = new ReportModel(
            settings.CommandLine,
            settings.Seed,
            settings.Quick ? "quick scale" : "full scale",
            HardwareInfo.Describe(settings.Device switch { ComputeDevice.Accelerator => AcceleratorDescription.Current(), ComputeDevice.Torch => AcceleratorDescription.Torch(), _ => null }),
            budget,
            claimResults,
            experimentResults,
            started,
            clock.Elapsed.TotalSeconds)
        {
            Threads = settings.Threads ?? Environment.ProcessorCount,
            RunsComputed = store.Computed,
            RunsReused = store.Reused,
            RunNotes = store.Notes.Order(StringComparer.Ordinal).ToArray(),
            ClaimsMissing = claims ? ClaimCatalogue.All.Count - claimResults.Count : 0,
            Stopped = cancellation.IsCancellationRequested,
        };
        (string markdown, string html) = ReportWriter.Write(settings.OutputDirectory, model);
        if (claimResults.Count > 0)
        {
            AnsiConsole.MarkupLine(Markup.Escape(ReportText.VerdictSummary(claimResults, budget)));
        }

        AnsiConsole.MarkupLine($"Report: [link]{Markup.Escape(html)}[/] and [link]{Markup.Escape(markdown)}[/] ({clock.Elapsed.TotalSeconds:F0} s).");
        ExperimentResult[] failed = experimentResults.Where(e => e.Failure is not null).ToArray();
        foreach (ExperimentResult f in failed)
        {
            Console.Error.WriteLine($"error: experiment {f.Name} failed: {f.Failure}");
            if (f.FailureDetail is not null)
            {
                ErrorReport.WriteBug(f.FailureDetail, Console.Error);
            }
        }

        if (model.Stopped)
        {
            Console.Error.WriteLine($"The audit was stopped: the report lists what is missing. Rerun the same command (it reuses the {store.Computed + store.Reused} finished runs in {Path.Combine(settings.OutputDirectory, RunsFolder)}) to finish it.");
            return ExitCodes.Interrupted;
        }

        return failed.Length == 0 ? ExitCodes.Success : ExitCodes.Failures;
    }

    /// <summary>
    /// Runs one experiment; an exception becomes a failed result instead of ending the run, so that the report still
    /// holds everything that finished (a bug's stack trace is kept for the report and standard error).
    /// </summary>
    internal static ExperimentResult RunOne(IExperiment experiment, ExperimentContext context)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return experiment.Run(context);
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            return ExperimentResult.Partial(experiment, "", 0, ["every run not yet stored (the audit was stopped while the experiment was preparing)"], clock.Elapsed.TotalSeconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            (Exception? cause, _) = ErrorReport.Classify(e);
            return ExperimentResult.Failed(experiment, cause?.Message ?? $"{e.GetType().Name}: {e.Message}", cause is null ? e.ToString() : null, clock.Elapsed.TotalSeconds);
        }
    }
}
