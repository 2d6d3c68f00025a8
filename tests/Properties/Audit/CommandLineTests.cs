using Verification.Audit.Cli;
using Verification.Convex.Data;

namespace Verification.Properties.Audit;

/// <summary>
/// Every mistake a user can make on the command line ends in one line on standard error and a documented exit code,
/// found before any work starts (each case here returns in milliseconds; none starts a search or an experiment).
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("optaudit-cli-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    /// <summary>Arguments, expected exit code, a fragment the one-line message must contain.</summary>
    public static TheoryData<string[], int, string> BadInputs => new()
    {
        { [], ExitCodes.UsageError, "needs a command: audit, experiment, claims" },
        { ["nosuch"], ExitCodes.UsageError, "unknown command 'nosuch'" },
        { ["audti"], ExitCodes.UsageError, "did you mean 'audit'?" },
        { ["claim"], ExitCodes.UsageError, "did you mean 'claims'?" },
        { ["experiment", "nosuch"], ExitCodes.UsageError, "unknown experiment 'nosuch'; known: dasgrad-fig1" },
        { ["experiment", "fig1"], ExitCodes.UsageError, "did you mean 'dasgrad-fig1'?" },
        { ["experiment"], ExitCodes.UsageError, "Required argument missing" },
        { ["claims", "--id", "NOPE"], ExitCodes.UsageError, "no claim has the id 'NOPE'; none of the" },
        { ["claims", "--id", "SGA-L4.3-eq13"], ExitCodes.UsageError, "did you mean 'SGA-L4.3-eq14'" },
        { ["claims", "--depth", "foo"], ExitCodes.UsageError, "Argument 'foo' not recognized. Must be one of: 'gate', 'default', 'deep'" },
        { ["claims", "--threads", "0"], ExitCodes.UsageError, "--threads must be at least 1, not 0." },
        { ["claims", "--threads", "-3"], ExitCodes.UsageError, "--threads must be at least 1, not -3." },
        { ["claims", "--threads", "many"], ExitCodes.UsageError, "Cannot parse argument 'many' for option '--threads'" },
        { ["claims", "--shard", "3/2", "--results", "r.json"], ExitCodes.UsageError, "--shard expects k/N with 1 ≤ k ≤ N" },
        { ["claims", "--shard", "1/2"], ExitCodes.UsageError, "--shard needs --results FILE" },
        { ["claims", "--write-docs", "--depth", "deep"], ExitCodes.UsageError, "--write-docs writes the whole gate-depth table" },
        { ["claims", "--scale", "-1"], ExitCodes.UsageError, "unknown option '--scale' for 'optaudit claims'" },
        { ["claims", "merge"], ExitCodes.UsageError, "Required argument missing" },
        { ["claims", "merge", "/nonexistent/r.json"], ExitCodes.UsageError, "no such results file" },
        { ["audit", "--trials", "0"], ExitCodes.UsageError, "unknown option '--trials' for 'optaudit audit'" },
        { ["audit", "--seed", "abc"], ExitCodes.UsageError, "Cannot parse argument 'abc' for option '--seed'" },
        { ["audit", "--seed", "-1"], ExitCodes.UsageError, "Cannot parse argument '-1' for option '--seed'" },
        { ["audit", "--device", "Gpu"], ExitCodes.UsageError, "Cannot parse argument 'Gpu' for option '--device'" },
        { ["audit", "--depth", "shallow"], ExitCodes.UsageError, "Argument 'shallow' not recognized" },
        { ["audit", "--full", "--quick"], ExitCodes.UsageError, "--full and --quick exclude each other." },
        { ["audit", "extra"], ExitCodes.UsageError, "unexpected argument 'extra' for 'optaudit audit'" },
        { ["experiment", "dasgrad-fig1", "--full", "--quick"], ExitCodes.UsageError, "--full and --quick exclude each other." },
        { ["golden", "--dir", "/nonexistent-golden"], ExitCodes.UsageError, "no golden folder at /nonexistent-golden" },
        { ["golden", "compare", "/nonexistent/g.jsonl"], ExitCodes.UsageError, "Required argument missing" },
        { ["data"], ExitCodes.UsageError, "'optaudit data' needs a command: fetch, where" },
        { ["data", "fecth"], ExitCodes.UsageError, "did you mean 'fetch'?" },
        { ["golden", "compare", "/nonexistent/g.jsonl", "/nonexistent/mine.csv"], ExitCodes.UsageError, "/nonexistent/g.jsonl" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void A_bad_command_line_gives_one_line_and_its_exit_code(string[] args, int code, string fragment)
    {
        (int exit, string error) = Run(args);
        Assert.Equal(code, exit);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(fragment, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void An_output_that_is_a_file_is_refused_before_any_work()
    {
        string file = Path.Combine(_scratch, "report");
        File.WriteAllText(file, "not a folder");
        (int exit, string error) = Run(["audit", "--out", file]);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains($"--out '{file}' is a file, not a folder.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_under_a_file_is_refused_before_any_work()
    {
        string file = Path.Combine(_scratch, "plain");
        File.WriteAllText(file, "");
        (int exit, string error) = Run(["experiment", "dasgrad-fig1", "--out", Path.Combine(file, "report")]);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("cannot be written", error, StringComparison.Ordinal);

        (exit, error) = Run(["claims", "--id", "SGA-L4.3-eq14", "--results", Path.Combine(file, "r.json")]);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("--results", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_is_not_an_error()
    {
        (int exit, string error) = Run(["--help"]);
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("", error);
    }

    [Fact]
    public void Missing_data_is_exit_code_3_with_the_places_searched()
    {
        var missing = new DataNotFoundException("mnist/train-images-idx3-ubyte.gz", ["/nowhere/mnist/train-images-idx3-ubyte.gz (explicit path: folder does not exist)"]);
        using var error = new StringWriter();
        Assert.Equal(ExitCodes.DataUnavailable, ErrorReport.Write(new AggregateException(missing), error));
        Assert.StartsWith("error: Data file 'mnist/train-images-idx3-ubyte.gz' was not found.", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bug_prints_its_stack_trace_under_a_line_saying_so()
    {
        using var error = new StringWriter();
        Exception bug;
        try
        {
            throw new InvalidOperationException("an impossible state");
        }
        catch (InvalidOperationException e)
        {
            bug = e;
        }

        Assert.Equal(ExitCodes.InternalError, ErrorReport.Write(new AggregateException(bug), error));
        string text = error.ToString();
        Assert.StartsWith("internal error: this is a bug", text, StringComparison.Ordinal);
        Assert.Contains("an impossible state", text, StringComparison.Ordinal);
        Assert.Contains("   at ", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("audti", "audit")]
    [InlineData("fig3", "dasgrad-fig3")]
    [InlineData("--dept", "--depth")]
    public void Closest_names_find_typos_and_fragments(string typed, string expected) =>
        Assert.Equal(expected, ClosestNames.Find(typed, ["audit", "claims", "dasgrad-fig1", "dasgrad-fig3", "--depth", "--data-dir"])[0]);

    private static (int Exit, string Error) Run(string[] args)
    {
        using var error = new StringWriter();
        int exit = AuditCommandLine.Run(args, error);
        return (exit, error.ToString());
    }
}
