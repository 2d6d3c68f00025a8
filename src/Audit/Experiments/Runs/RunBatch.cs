using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Verification.Audit.Experiments.Runs;

/// <summary>
/// The runs of one experiment, executed in parallel (one run per thread, at most <see cref="ExperimentContext.Threads"/>
/// at once) through the context's <see cref="RunStore"/>: finished runs are written at once and reused on a resumed
/// audit. Every run draws only from its own seed's streams and the results are gathered by key, so what a batch
/// returns does not depend on the number of threads or on the order in which runs finish.
/// </summary>
internal sealed class RunBatch(ExperimentContext context, string experiment)
{
    private readonly List<Run> _runs = [];

    /// <summary>Adds a run.</summary>
    /// <param name="key">The run's key within the experiment (ASCII letters, digits, '-', '.', '=', '_' and '/').</param>
    /// <param name="settings">Everything the result depends on, one line; a stored result is reused only when it recorded the same text.</param>
    /// <param name="cost">Relative cost, for the progress bar and its time estimate.</param>
    /// <param name="compute">Runs the configuration; it should poll the token between steps.</param>
    /// <param name="wallClockColumns">Columns holding wall-clock measurements.</param>
    public void Add(string key, string settings, double cost, Func<CancellationToken, RunRecord> compute, params string[] wallClockColumns)
    {
        if (_runs.Any(r => r.Key == key))
        {
            throw new ArgumentException($"Run key '{key}' added twice to {experiment}.", nameof(key));
        }

        _runs.Add(new Run(key, settings, Math.Max(cost, 1e-9), compute, wallClockColumns));
    }

    /// <summary>Runs every run not already stored; returns the results by key and the keys that did not finish (cancelled).</summary>
    /// <param name="progressStart">Where this batch starts on the experiment's progress bar.</param>
    /// <param name="progressWidth">How much of the bar it covers.</param>
    public BatchResult Execute(double progressStart = 0.0, double progressWidth = 1.0)
    {
        var results = new ConcurrentDictionary<string, RunRecord>(StringComparer.Ordinal);
        double total = _runs.Sum(r => r.Cost);
        double stored = _runs.Where(r => context.Store.IsAvailable(experiment, r.Key, r.Settings)).Sum(r => r.Cost);
        double toCompute = total - stored, computedCost = 0.0, doneCost = 0.0;
        var clock = Stopwatch.StartNew();
        object gate = new();
        // The accelerator backends hold one command queue (OpenCL) or one device stream (libtorch) that runs must not
        // share across threads, so off the reference the runs go one at a time.
        var options = new ParallelOptions { MaxDegreeOfParallelism = context.Device == ComputeDevice.Reference ? context.Threads : 1 };
        // Handing out one run at a time, in the order added, keeps long runs from queueing behind a thread's private chunk.
        var source = System.Collections.Concurrent.Partitioner.Create(_runs, EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(source, options, run =>
        {
            if (context.Cancellation.IsCancellationRequested)
            {
                return;
            }

            bool wasStored = context.Store.IsAvailable(experiment, run.Key, run.Settings);
            try
            {
                results[run.Key] = context.Store.GetOrRun(experiment, run.Key, run.Settings, run.WallClockColumns, () => run.Compute(context.Cancellation));
            }
            catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
            {
                return;
            }

            lock (gate)
            {
                doneCost += run.Cost;
                if (!wasStored)
                {
                    computedCost += run.Cost;
                }

                context.Progress.Report((progressStart + progressWidth * doneCost / total, $"{run.Key} done{Eta(clock.Elapsed.TotalSeconds, computedCost, toCompute)}"));
            }
        });

        string[] missing = _runs.Where(r => !results.ContainsKey(r.Key)).Select(r => r.Key).ToArray();
        return new BatchResult(new Dictionary<string, RunRecord>(results, StringComparer.Ordinal), missing);
    }

    /// <summary>", about 3 min 20 s left", from the rate of the runs computed so far (stored runs cost nothing).</summary>
    private static string Eta(double seconds, double computedCost, double toCompute)
    {
        if (computedCost <= 0 || toCompute <= computedCost)
        {
            return string.Empty;
        }

        double left = seconds / computedCost * (toCompute - computedCost);
        return left >= 60
            ? string.Create(CultureInfo.InvariantCulture, $", about {(int)(left / 60)} min {(int)(left % 60):D2} s left")
            : string.Create(CultureInfo.InvariantCulture, $", about {left:F0} s left");
    }

    private sealed record Run(string Key, string Settings, double Cost, Func<CancellationToken, RunRecord> Compute, string[] WallClockColumns);
}

/// <summary>What a batch produced.</summary>
/// <param name="Records">Finished runs by key.</param>
/// <param name="Missing">Keys of the runs that did not finish.</param>
internal sealed record BatchResult(IReadOnlyDictionary<string, RunRecord> Records, IReadOnlyList<string> Missing)
{
    /// <summary>Whether every run finished.</summary>
    public bool Complete => Missing.Count == 0;

    /// <summary>The record of <paramref name="key"/>.</summary>
    public RunRecord this[string key] => Records.TryGetValue(key, out RunRecord? r) ? r : throw new KeyNotFoundException($"No finished run '{key}'.");
}
