using Verification.Golden.Approval;
using Verification.Golden.Format;
using Verification.Golden.Recording;
using Verification.Golden.Scenarios;

namespace Verification.Golden;

/// <summary>The approval helper in a scratch folder with a fake environment.</summary>
public sealed class GoldenApproverTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "golden-approver-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _environment = [];
    private readonly string _text = GoldenRecorder.Record(ScenarioCatalog.Get("quadratic-adam"));

    public GoldenApproverTests() => Directory.CreateDirectory(_directory);

    private GoldenApprover Approver => new(_directory, name => _environment.GetValueOrDefault(name));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Equal_text_passes_and_removes_a_stale_received_file()
    {
        File.WriteAllText(Approver.VerifiedPath("s"), _text);
        File.WriteAllText(Approver.ReceivedPath("s"), "old");
        Approver.Verify("s", _text);
        Assert.False(File.Exists(Approver.ReceivedPath("s")));
    }

    [Fact]
    public void Mismatch_writes_the_received_file_and_names_scenario_step_and_field()
    {
        File.WriteAllText(Approver.VerifiedPath("s"), _text);
        string changed = _text.Replace("\"t\":9,\"loss\":{\"r\":\"", "\"t\":9,\"loss\":{\"r\":\"-", StringComparison.Ordinal);
        changed = ReplaceLossPattern(changed, line: 10);
        var e = Assert.Throws<GoldenMismatchException>(() => Approver.Verify("s", changed));
        Assert.Equal("s.verified.jsonl", e.Location.File);
        Assert.Equal("step 9", e.Location.LineKind);
        Assert.Equal("loss", e.Location.Field);
        Assert.Contains("s.verified.jsonl line 10 (step 9), field 'loss'", e.Message, StringComparison.Ordinal);
        Assert.Contains(GoldenApprover.AcceptVariable, e.Message, StringComparison.Ordinal);
        Assert.Equal(changed, File.ReadAllText(Approver.ReceivedPath("s")));
        Assert.Equal(_text, File.ReadAllText(Approver.VerifiedPath("s")));
    }

    [Fact]
    public void Missing_verified_file_writes_received_and_fails()
    {
        var e = Assert.Throws<GoldenApprovalException>(() => Approver.Verify("new", _text));
        Assert.Contains("no verified file", e.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Approver.ReceivedPath("new")));
    }

    [Fact]
    public void Accepting_locally_writes_the_verified_file()
    {
        _environment[GoldenApprover.AcceptVariable] = "1";
        File.WriteAllText(Approver.ReceivedPath("s"), "old");
        Approver.Verify("s", _text);
        Assert.Equal(_text, File.ReadAllText(Approver.VerifiedPath("s")));
        Assert.False(File.Exists(Approver.ReceivedPath("s")));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("1")]
    [InlineData("yes")]
    public void Accepting_on_CI_is_refused(string ci)
    {
        _environment[GoldenApprover.AcceptVariable] = "1";
        _environment["CI"] = ci;
        File.WriteAllText(Approver.VerifiedPath("s"), "{}\n");
        var e = Assert.Throws<GoldenApprovalException>(() => Approver.Verify("s", _text));
        Assert.Contains("refused on CI", e.Message, StringComparison.Ordinal);
        Assert.Equal("{}\n", File.ReadAllText(Approver.VerifiedPath("s")));
    }

    [Fact]
    public void Unclaimed_verified_files_are_listed()
    {
        File.WriteAllText(Approver.VerifiedPath("claimed"), _text);
        File.WriteAllText(Approver.VerifiedPath("orphan"), _text);
        File.WriteAllText(Approver.ReceivedPath("other"), _text);
        Assert.Equal(["orphan"], Approver.Unclaimed(["claimed"]));
    }

    /// <summary>Makes the x of line <paramref name="line"/>'s loss agree with its (edited) r.</summary>
    private static string ReplaceLossPattern(string text, int line)
    {
        string[] lines = text.Split('\n');
        var node = System.Text.Json.Nodes.JsonNode.Parse(lines[line - 1])!;
        double value = double.Parse(node["loss"]!["r"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        node["loss"]!["x"] = GoldenDouble.Hex(value);
        lines[line - 1] = node.ToJsonString();
        return string.Join("\n", lines);
    }
}
