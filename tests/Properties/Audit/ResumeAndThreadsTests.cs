using System.Globalization;
using System.Xml.Linq;
using Verification.Audit.Cli;
using Verification.Audit.Commands;
using Verification.Audit.Experiments;
using Verification.Audit.Experiments.Runs;
using Verification.Audit.Report;

namespace Verification.Properties.Audit;

/// <summary>
/// Every experiment at its tiny scale through the audit runner, three times: on 4 threads, on 1 thread, and stopped
/// after five runs and then rerun into the same folder. Built once for the tests of <see cref="ResumeAndThreadsTests"/>.
/// </summary>
public sealed class TinyAuditFixture : IDisposable
{
    public const ulong Seed = 7;

    public TinyAuditFixture()
    {
        // More threads than this machine has cores, so that runs really interleave.
        ManyExit = AuditRunner.Run(Settings("many", threads: 4), claims: false, ExperimentCatalog.All);
        OneExit = AuditRunner.Run(Settings("one", threads: 1), claims: false, ExperimentCatalog.All);

        // Stopped after a few runs of the first experiment, as Ctrl-C would: the finished runs are kept.
        using var stop = new CancellationTokenSource();
        IExperiment[] interrupted = [new StopAfterRuns(ExperimentCatalog.All[0], runs: 5, stop), .. ExperimentCatalog.All.Skip(1)];
        StoppedExit = AuditRunner.Run(Settings("resumed", threads: 2), claims: false, interrupted, stop.Token);
        StoppedReport = File.ReadAllText(Path.Combine(Root, "resumed", "report.md"));
        KeptAfterStop = Directory.GetFiles(Path.Combine(Root, "resumed", AuditRunner.RunsFolder), "*.csv", SearchOption.AllDirectories).Length;
        ResumedExit = AuditRunner.Run(Settings("resumed", threads: 2), claims: false, ExperimentCatalog.All);

        // The experiments' figures, replayed from the stored runs (instant): which are multi-seed, which have wall-clock x.
        var context = new ExperimentContext(null, Seed, Quick: true, ComputeDevice.Reference, new Progress<(double, string)>())
        {
            Tiny = true, Store = new RunStore(Path.Combine(Folder("many"), AuditRunner.RunsFolder)),
        };
        Results = ExperimentCatalog.All.Select(e => e.Run(context)).ToArray();
        ReplayComputed = context.Store.Computed;
        Seeds = context.Seeds;
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("optaudit-resume-").FullName;

    public int ManyExit { get; }

    public int OneExit { get; }

    public int StoppedExit { get; }

    public string StoppedReport { get; }

    public int KeptAfterStop { get; }

    public int ResumedExit { get; }

    public IReadOnlyList<ExperimentResult> Results { get; }

    public int ReplayComputed { get; }

    public SeedPlan Seeds { get; }

    public string Folder(string name) => Path.Combine(Root, name);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private AuditSettings Settings(string name, int threads) =>
        new(Folder(name), DataDirectory: null, Seed, Quick: true, ComputeDevice.Reference, "gate", "optaudit audit (test)", threads) { Tiny = true };

    /// <summary>Runs <paramref name="inner"/> and requests the stop once <paramref name="runs"/> of its runs have finished.</summary>
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

/// <summary>
/// The results (one CSV per run, one CSV per plotted series) are the same on 1 thread as on 4, and an audit stopped
/// half-way and rerun into its folder ends with exactly the files of an uninterrupted one (wall-clock columns aside);
/// every multi-seed figure draws its bands, and no tuning seed reaches a plotted series.
/// </summary>
[Collection(AuditRunnerCollection.Name)]
public sealed class ResumeAndThreadsTests(TinyAuditFixture audit) : IClassFixture<TinyAuditFixture>
{
    [Fact]
    public void One_thread_gives_the_files_of_four()
    {
        Assert.Equal(ExitCodes.Success, audit.ManyExit);
        Assert.Equal(ExitCodes.Success, audit.OneExit);
        AssertSameRuns(audit.Folder("many"), audit.Folder("one"));
        AssertSameSeries(audit.Folder("many"), audit.Folder("one"), WallClockSeriesFiles());
    }

    [Fact]
    public void A_stopped_audit_says_what_is_missing_and_its_rerun_gives_the_files_of_an_uninterrupted_one()
    {
        Assert.Equal(ExitCodes.Interrupted, audit.StoppedExit);
        Assert.Contains("This audit was stopped (Ctrl-C) before it finished", audit.StoppedReport, StringComparison.Ordinal);
        Assert.Contains($"{ExperimentCatalog.All[0].Name}: ", audit.StoppedReport, StringComparison.Ordinal);
        Assert.Contains("runs missing", audit.StoppedReport, StringComparison.Ordinal);
        int all = Directory.GetFiles(Path.Combine(audit.Folder("many"), AuditRunner.RunsFolder), "*.csv", SearchOption.AllDirectories).Length;
        Assert.InRange(audit.KeptAfterStop, 5, all - 1);   // a run in flight when the stop came may still finish (an F* solve does not poll)

        Assert.Equal(ExitCodes.Success, audit.ResumedExit);
        string resumed = File.ReadAllText(Path.Combine(audit.Folder("resumed"), "report.md"));
        Assert.DoesNotContain("This audit was stopped", resumed, StringComparison.Ordinal);
        Assert.Contains($"{all - audit.KeptAfterStop} computed in this audit, {audit.KeptAfterStop} reused from an earlier audit", resumed, StringComparison.Ordinal);
        AssertSameRuns(audit.Folder("many"), audit.Folder("resumed"));
        AssertSameSeries(audit.Folder("many"), audit.Folder("resumed"), WallClockSeriesFiles());
    }

    [Fact]
    public void Every_svg_of_a_multi_seed_figure_draws_a_band_for_each_banded_series()
    {
        Assert.Equal(0, audit.ReplayComputed);
        int figures = 0;
        foreach (ExperimentResult result in audit.Results)
        {
            foreach (Figure figure in result.Figures.Where(f => f.Series.Any(s => s.Seeds.Count > 1)))
            {
                figures++;
                Assert.NotNull(figure.BandMeaning);
                XDocument svg = XDocument.Load(Path.Combine(audit.Folder("many"), ReportFiles.SvgPath(result, figure)));
                for (int k = 0; k < figure.Series.Count; k++)
                {
                    if (figure.Series[k].Seeds.Count > 1)
                    {
                        Assert.True(figure.Series[k].HasBand, $"{result.Name}/{figure.Id}/{figure.Series[k].Name} summarises several seeds without a band");
                        string colour = FigureRenderer.Palette[k % FigureRenderer.Palette.Count];
                        Assert.True(TranslucentShapes(svg, colour) > 0, $"{result.Name}/{figure.Id}: no band drawn for {figure.Series[k].Name} ({colour})");
                    }
                }
            }
        }

        Assert.True(figures >= 10, $"only {figures} multi-seed figures");
    }

    [Fact]
    public void No_tuning_seed_appears_in_a_plotted_series_and_multi_seed_series_rest_on_the_evaluation_seeds()
    {
        ulong[] tuning = audit.Seeds.Tuning.Select(s => s.Value).ToArray();
        ulong[] evaluation = audit.Seeds.Evaluation.Select(s => s.Value).ToArray();
        Assert.NotEmpty(tuning);
        string[] files = Directory.GetFiles(Path.Combine(audit.Folder("many"), "data"), "*.csv");
        int multiSeed = 0;
        foreach (string file in files)
        {
            string[] lines = File.ReadAllLines(file);
            Assert.EndsWith("\"seeds\"", lines[0], StringComparison.Ordinal);
            ulong[] seeds = lines.Skip(1).Select(l => l[(l.LastIndexOf(',') + 1)..]).Distinct().Single()
                .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => ulong.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.Empty(seeds.Intersect(tuning));
            if (seeds.Length > 1)
            {
                multiSeed++;
                Assert.Equal(evaluation, seeds);
            }
        }

        Assert.True(multiSeed >= 30, $"only {multiSeed} multi-seed series files");
        // The tuning seeds did run (fig1 chooses α on them): their runs are stored, just never plotted.
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(audit.Folder("many"), AuditRunner.RunsFolder), "*tune-00.csv", SearchOption.AllDirectories));
    }

    [Fact]
    public void Resume_without_an_earlier_audit_is_a_usage_error()
    {
        var error = new StringWriter();
        Assert.Equal(ExitCodes.UsageError, AuditCommandLine.Run(["audit", "--resume", "--out", Path.Combine(audit.Root, "never-ran")], error));
        Assert.Contains("holds no runs of an earlier audit", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Filled shapes with opacity below 1 in <paramref name="colour"/>, within 2/255 per channel: Skia writes the
    /// palette's translucent pure black as #010101.
    /// </summary>
    private static int TranslucentShapes(XDocument svg, string colour) =>
        svg.Descendants().Count(e =>
            (string?)e.Attribute("fill") is { Length: 7 } fill && fill[0] == '#' && Close(fill, colour)
            && e.Attribute("fill-opacity") is { } opacity
            && double.Parse(opacity.Value, CultureInfo.InvariantCulture) < 1);

    private static bool Close(string a, string b) => Enumerable.Range(0, 3).All(c =>
        Math.Abs(int.Parse(a.AsSpan(1 + 2 * c, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) - int.Parse(b.AsSpan(1 + 2 * c, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)) <= 2);

    /// <summary>The data/ files whose x values are wall-clock times.</summary>
    private HashSet<string> WallClockSeriesFiles() =>
        audit.Results.SelectMany(r => r.Figures.Where(f => f.XIsWallClock).SelectMany(f => f.Series.Select(s => ReportFiles.CsvPath(r, f, s)))).ToHashSet(StringComparer.Ordinal);

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
        Assert.NotEmpty(wallClock);
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
}
