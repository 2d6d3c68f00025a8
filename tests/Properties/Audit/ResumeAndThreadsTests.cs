using Verification.Audit.Cli;
using Verification.Audit.Commands;
using Verification.Audit.Experiments;
using Verification.Audit.Experiments.Runs;
using Verification.Audit.Report;

namespace Verification.Properties.Audit;

/// <summary>
/// Every experiment at its tiny scale through the audit runner: the results (one CSV per run, one CSV per plotted
/// series) are the same on 1 thread as on several, and an audit stopped half-way and then rerun into the same folder
/// ends with exactly the files of an uninterrupted audit. Wall-clock columns are the only allowed difference.
/// </summary>
public sealed class ResumeAndThreadsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("optaudit-resume-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private AuditSettings Settings(string name, int threads) =>
        new(Path.Combine(_root, name), DataDirectory: null, Seed: 7, Quick: true, ComputeDevice.Reference, "gate", "optaudit audit (test)", threads) { Tiny = true };

    [Fact]
    public void Thread_count_and_interruption_change_no_result()
    {
        // More threads than this machine has cores, so that runs really interleave.
        Assert.Equal(ExitCodes.Success, AuditRunner.Run(Settings("many", threads: 4), claims: false, ExperimentCatalog.All));
        Assert.Equal(ExitCodes.Success, AuditRunner.Run(Settings("one", threads: 1), claims: false, ExperimentCatalog.All));

        // Stopped after a few runs of the first experiment: the report says what is missing, the finished runs are kept.
        using var stop = new CancellationTokenSource();
        IExperiment[] interrupted = [new StopAfterRuns(ExperimentCatalog.All[0], runs: 5, stop), .. ExperimentCatalog.All.Skip(1)];
        Assert.Equal(ExitCodes.Interrupted, AuditRunner.Run(Settings("resumed", threads: 2), claims: false, interrupted, stop.Token));
        string partial = File.ReadAllText(Path.Combine(_root, "resumed", "report.md"));
        Assert.Contains("This audit was stopped (Ctrl-C) before it finished", partial, StringComparison.Ordinal);
        Assert.Contains($"{ExperimentCatalog.All[0].Name}: ", partial, StringComparison.Ordinal);
        Assert.Contains("runs missing", partial, StringComparison.Ordinal);
        int kept = Directory.GetFiles(Path.Combine(_root, "resumed", AuditRunner.RunsFolder), "*.csv", SearchOption.AllDirectories).Length;
        int all = Directory.GetFiles(Path.Combine(_root, "many", AuditRunner.RunsFolder), "*.csv", SearchOption.AllDirectories).Length;
        Assert.InRange(kept, 5, all - 1);   // a run in flight when the stop came may still finish (an F* solve does not poll)

        Assert.Equal(ExitCodes.Success, AuditRunner.Run(Settings("resumed", threads: 2), claims: false, ExperimentCatalog.All));
        string resumed = File.ReadAllText(Path.Combine(_root, "resumed", "report.md"));
        Assert.DoesNotContain("This audit was stopped", resumed, StringComparison.Ordinal);
        Assert.Contains($"reused from an earlier audit", resumed, StringComparison.Ordinal);
        Assert.DoesNotContain(" 0 reused", resumed, StringComparison.Ordinal);

        HashSet<string> wallClockSeries = WallClockSeriesFiles(Path.Combine(_root, "many"));
        foreach (string other in new[] { "one", "resumed" })
        {
            AssertSameRuns(Path.Combine(_root, "many"), Path.Combine(_root, other));
            AssertSameSeries(Path.Combine(_root, "many"), Path.Combine(_root, other), wallClockSeries);
        }
    }

    [Fact]
    public void Resume_without_an_earlier_audit_is_a_usage_error()
    {
        var error = new StringWriter();
        string empty = Path.Combine(_root, "never-ran");
        Assert.Equal(ExitCodes.UsageError, AuditCommandLine.Run(["audit", "--resume", "--out", empty], error));
        Assert.Contains("holds no runs of an earlier audit", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The data/ files whose x values are wall-clock times, from the experiments' figures (all runs are stored, so this is instant).</summary>
    private static HashSet<string> WallClockSeriesFiles(string folder)
    {
        var context = new ExperimentContext(null, 7, Quick: true, ComputeDevice.Reference, new Progress<(double, string)>())
        {
            Tiny = true, Store = new RunStore(Path.Combine(folder, AuditRunner.RunsFolder)),
        };
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (IExperiment experiment in ExperimentCatalog.All)
        {
            ExperimentResult result = experiment.Run(context);
            Assert.Equal(0, context.Store.Computed);
            foreach (Figure figure in result.Figures.Where(f => f.XIsWallClock))
            {
                files.UnionWith(figure.Series.Select(s => ReportFiles.CsvPath(result, figure, s)));
            }
        }

        return files;
    }

    private static void AssertSameRuns(string expectedFolder, string actualFolder)
    {
        string[] expected = RelativeFiles(Path.Combine(expectedFolder, AuditRunner.RunsFolder));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, RelativeFiles(Path.Combine(actualFolder, AuditRunner.RunsFolder)));
        foreach (string file in expected)
        {
            Assert.Equal(WithoutWallClock(Path.Combine(expectedFolder, AuditRunner.RunsFolder, file)), WithoutWallClock(Path.Combine(actualFolder, AuditRunner.RunsFolder, file)));
        }
    }

    private static void AssertSameSeries(string expectedFolder, string actualFolder, HashSet<string> wallClock)
    {
        string[] expected = RelativeFiles(Path.Combine(expectedFolder, "data"));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, RelativeFiles(Path.Combine(actualFolder, "data")));
        foreach (string file in expected.Where(f => !wallClock.Contains("data/" + f)))
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(expectedFolder, "data", file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actualFolder, "data", file))),
                $"data/{file} differs between {Path.GetFileName(expectedFolder)} and {Path.GetFileName(actualFolder)}");
        }
    }

    private static string[] RelativeFiles(string folder) =>
        Directory.GetFiles(folder, "*.csv", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>A run CSV's lines with its wall-clock columns (named in its own comment line) removed.</summary>
    private static string[] WithoutWallClock(string path)
    {
        string[] lines = File.ReadAllLines(path);
        string marker = "# " + RunStore.WallClockPrefix;
        string[] wallClock = lines.Single(l => l.StartsWith(marker, StringComparison.Ordinal))[marker.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int header = Array.FindIndex(lines, l => !l.StartsWith('#'));
        int[] keep = lines[header].Split(',').Select((name, k) => (name, k)).Where(c => !wallClock.Contains(c.name)).Select(c => c.k).ToArray();
        return lines.Select((line, i) => i < header ? line : string.Join(',', keep.Select(k => line.Split(',')[k]))).ToArray();
    }

    /// <summary>Runs <paramref name="inner"/> and requests the stop once <paramref name="runs"/> of its runs have finished, as Ctrl-C would.</summary>
    private sealed class StopAfterRuns(IExperiment inner, int runs, CancellationTokenSource stop) : IExperiment
    {
        public string Name => inner.Name;

        public string Title => inner.Title;

        public ExperimentResult Run(ExperimentContext context)
        {
            int finished = 0;
            var counting = new CountingProgress(context.Progress, () =>
            {
                if (Interlocked.Increment(ref finished) >= runs)
                {
                    stop.Cancel();
                }
            });
            return inner.Run(context with { Progress = counting });
        }
    }

    /// <summary>Forwards progress and counts the batch's "… done" reports (one per finished run).</summary>
    private sealed class CountingProgress(IProgress<(double Fraction, string Status)> inner, Action onRunDone) : IProgress<(double Fraction, string Status)>
    {
        public void Report((double Fraction, string Status) value)
        {
            inner.Report(value);
            if (value.Status.Contains(" done", StringComparison.Ordinal))
            {
                onRunDone();
            }
        }
    }
}
