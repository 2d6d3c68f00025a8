using Verification.Audit.Cli;
using Verification.Audit.Commands;
using Verification.Audit.Experiments;
using Verification.Convex.Data;

namespace Verification.Properties.Audit;

/// <summary>Nothing is lost when an experiment fails: the report holds everything that finished and says what failed.</summary>
[Collection(AuditRunnerCollection.Name)]
public sealed class PartialReportTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("optaudit-partial-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public void A_failed_experiment_leaves_a_complete_report_and_exit_code_1()
    {
        var settings = new AuditSettings(_out, DataDirectory: null, Seed: 1, Quick: true, ComputeDevice.Reference, "gate", "optaudit audit");
        IExperiment[] experiments =
        [
            new Finishing("first-ok"),
            new Throwing("data-broken", new DataNotFoundException("imdb/aclImdb_train.tsv.gz", ["/x/imdb/aclImdb_train.tsv.gz (explicit path: folder does not exist)"])),
            new Throwing("buggy", new InvalidOperationException("an impossible state")),
            new Finishing("last-ok"),
        ];

        int exit = AuditRunner.Run(settings, claims: false, experiments);

        Assert.Equal(ExitCodes.Failures, exit);
        string md = File.ReadAllText(Path.Combine(_out, "report.md"));
        Assert.Contains("2 of 4 experiments failed and have no figures: data-broken, buggy.", md, StringComparison.Ordinal);
        Assert.Contains("**Failed:** Data file 'imdb/aclImdb_train.tsv.gz' was not found.", md, StringComparison.Ordinal);
        Assert.Contains("**Failed:** InvalidOperationException: an impossible state", md, StringComparison.Ordinal);

        // The bug keeps its stack trace in the report; the data error is a plain sentence.
        Assert.Contains("at Verification.Properties.Audit.PartialReportTests.Throwing.Run", md, StringComparison.Ordinal);

        // Both experiments that finished are there with their figures and data, including the one after the failures.
        foreach (string name in new[] { "first-ok", "last-ok" })
        {
            Assert.Contains($"## Experiment {name}", md, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(_out, "figures", $"{name}-curve.svg")), name);
            Assert.True(File.Exists(Path.Combine(_out, "data", $"{name}-curve-loss.csv")), name);
        }

        string html = File.ReadAllText(Path.Combine(_out, "report.html"));
        Assert.Contains("<strong>Failed:</strong> Data file", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_failures_exits_0()
    {
        var settings = new AuditSettings(_out, DataDirectory: null, Seed: 1, Quick: true, ComputeDevice.Reference, "gate", "optaudit audit");
        Assert.Equal(ExitCodes.Success, AuditRunner.Run(settings, claims: false, [new Finishing("only")]));
        Assert.DoesNotContain("Failures", File.ReadAllText(Path.Combine(_out, "report.md")), StringComparison.Ordinal);
    }

    private sealed class Finishing(string name) : IExperiment
    {
        public string Name => name;

        public string Title => $"Experiment {name}";

        public ExperimentResult Run(ExperimentContext context) => new(
            name, Title, "setup", "findings",
            [new Figure("curve", "a curve", "step", "loss", [new Series("loss", [1, 2], [1.0, 0.5])])], [], 0.0);
    }

    private sealed class Throwing(string name, Exception failure) : IExperiment
    {
        public string Name => name;

        public string Title => $"Experiment {name}";

        public ExperimentResult Run(ExperimentContext context) => throw failure;
    }
}
