using System.Text.Json.Nodes;
using Verification.Golden.Format;
using Verification.Golden.Recording;
using Verification.Golden.Scenarios;

namespace Verification.Golden;

/// <summary>A damaged golden file gives a specific error naming the file, the line (and step) and the field.</summary>
public class CorruptGoldenFileTests
{
    private const string File = "corrupt.verified.jsonl";

    private static readonly string Masked = GoldenRecorder.Record(ScenarioCatalog.Get("quadratic-stochgradadam-masked_update"));
    private static readonly string Sampled = GoldenRecorder.Record(ScenarioCatalog.Get("least-squares-dasgrad"));

    [Fact]
    public void Intact_files_replay()
    {
        GoldenReplay.Check(Masked, File);
        GoldenReplay.Check(Sampled, File);
    }

    [Fact]
    public void File_cut_inside_a_line_is_reported_as_truncated_at_that_line()
    {
        string[] lines = Lines(Masked);
        string cut = string.Join("\n", lines[..10]) + "\n" + lines[10][..(lines[10].Length / 2)];
        var e = Assert.Throws<GoldenFormatException>(() => GoldenReplay.Check(cut, File));
        Assert.Equal(11, e.Location.Line);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{File} line 11", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_cut_at_a_line_boundary_is_reported_as_truncated()
    {
        string[] lines = Lines(Masked);
        string cut = string.Join("\n", lines[..12]) + "\n";
        var e = Assert.Throws<GoldenFormatException>(() => GoldenReplay.Check(cut, File));
        Assert.Equal(13, e.Location.Line);
        Assert.Equal("step 12", e.Location.LineKind);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Early_end_line_is_reported_as_truncated()
    {
        string[] lines = Lines(Masked);
        string cut = string.Join("\n", lines[..6].Append(lines[^1])) + "\n";
        var e = Assert.Throws<GoldenFormatException>(() => GoldenReplay.Check(cut, File));
        Assert.Equal(7, e.Location.Line);
        Assert.Contains("the end line comes after step 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flipped_bit_in_a_pattern_that_no_longer_matches_its_text_names_the_field()
    {
        string text = Edit(Masked, 8, line => Flip(line["theta"]![2]!, bit: 0));
        var e = Assert.Throws<GoldenFormatException>(() => GoldenReplay.Check(text, File));
        Assert.Equal(8, e.Location.Line);
        Assert.Equal("step 7", e.Location.LineKind);
        Assert.Equal("theta[2]", e.Location.Field);
        Assert.Contains("r and x disagree", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Changed_value_with_consistent_text_is_a_mismatch_naming_step_and_field()
    {
        string text = Edit(Masked, 6, line => Replace(line["state"]!["buffers"]!["m"]![1]!, v => Math.BitIncrement(v)));
        var e = Assert.Throws<GoldenMismatchException>(() => GoldenReplay.Check(text, File));
        Assert.Equal(6, e.Location.Line);
        Assert.Equal("step 5", e.Location.LineKind);
        Assert.Equal("state.buffers.m[1]", e.Location.Field);
        Assert.Contains($"{File} line 6 (step 5), field 'state.buffers.m[1]': expected", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Changed_mask_bit_is_a_mismatch_on_the_mask()
    {
        string text = Edit(Masked, 4, line =>
        {
            string mask = line["mask"]!.GetValue<string>();
            line["mask"] = (mask[0] == '1' ? "0" : "1") + mask[1..];
        });
        var e = Assert.Throws<GoldenMismatchException>(() => GoldenReplay.Check(text, File));
        Assert.Equal("mask", e.Location.Field);
        Assert.Equal("step 3", e.Location.LineKind);
    }

    [Fact]
    public void Changed_sampled_index_is_a_mismatch_on_the_indices()
    {
        string text = Edit(Sampled, 5, line => line["indices"]![0] = (line["indices"]![0]!.GetValue<int>() + 1) % 5);
        var e = Assert.Throws<GoldenMismatchException>(() => GoldenReplay.Check(text, File));
        Assert.Equal("indices[0]", e.Location.Field);
        Assert.Equal("step 4", e.Location.LineKind);
    }

    [Fact]
    public void Missing_step_field_is_named()
    {
        string text = Edit(Masked, 4, line => line.Remove("mask"));
        var e = Assert.Throws<GoldenFormatException>(() => GoldenReplay.Check(text, File));
        Assert.Equal(4, e.Location.Line);
        Assert.Equal("mask", e.Location.Field);
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_state_buffer_is_named()
    {
        string text = Edit(Sampled, 3, line => line["state"]!["buffers"]!.AsObject().Remove("tree"));
        var e = Assert.Throws<GoldenFormatException>(() => GoldenReplay.Check(text, File));
        Assert.Equal("state.buffers.tree", e.Location.Field);
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_hyperparameter_is_named_in_the_header()
    {
        string text = Edit(Masked, 1, line => line["optimizer"]!.AsObject().Remove("beta2"));
        var e = Assert.Throws<GoldenFormatException>(() => GoldenReplay.Check(text, File));
        Assert.Equal(1, e.Location.Line);
        Assert.Equal("header", e.Location.LineKind);
        Assert.Equal("optimizer.beta2", e.Location.Field);
    }

    [Fact]
    public void Invalid_hyperparameter_is_reported_with_the_reference_message()
    {
        string text = Edit(Sampled, 1, line => Replace(line["optimizer"]!["rule"]!["beta1"]!, _ => 1.5));
        var e = Assert.Throws<GoldenFormatException>(() => GoldenReplay.Check(text, File));
        Assert.Equal("optimizer", e.Location.Field);
        Assert.Contains("beta1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_pattern_and_text_are_named()
    {
        string badHex = Edit(Masked, 3, line => line["loss"]!["x"] = "xyz");
        Assert.Equal("loss.x", Assert.Throws<GoldenFormatException>(() => GoldenReplay.Check(badHex, File)).Location.Field);
        string badText = Edit(Masked, 3, line => line["loss"]!["r"] = "one");
        Assert.Equal("loss.r", Assert.Throws<GoldenFormatException>(() => GoldenReplay.Check(badText, File)).Location.Field);
    }

    [Fact]
    public void Unexpected_field_and_extra_line_are_reported()
    {
        string extraField = Edit(Masked, 2, line => line["note"] = "hello");
        var e = Assert.Throws<GoldenFormatException>(() => GoldenReplay.Check(extraField, File));
        Assert.Equal("note", e.Location.Field);
        Assert.Contains("unexpected field", e.Message, StringComparison.Ordinal);

        var extraLine = Assert.Throws<GoldenFormatException>(() => GoldenReplay.Check(Masked + "{}\n", File));
        Assert.Contains("after the end line", extraLine.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Carriage_returns_are_rejected()
    {
        var e = Assert.Throws<GoldenFormatException>(() => GoldenReplay.Check(Masked.Replace("\n", "\r\n", StringComparison.Ordinal), File));
        Assert.Equal(1, e.Location.Line);
        Assert.Contains("LF", e.Message, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

    /// <summary>Applies <paramref name="edit"/> to 1-based line <paramref name="lineNumber"/> and reassembles the file.</summary>
    private static string Edit(string text, int lineNumber, Action<JsonObject> edit)
    {
        string[] lines = Lines(text);
        JsonObject line = JsonNode.Parse(lines[lineNumber - 1])!.AsObject();
        edit(line);
        lines[lineNumber - 1] = line.ToJsonString();
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>Flips one bit of a golden double's pattern, leaving its text as it was.</summary>
    private static void Flip(JsonNode value, int bit)
    {
        long bits = Convert.ToInt64(value["x"]!.GetValue<string>(), 16) ^ (1L << bit);
        value["x"] = bits.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Replaces a golden double consistently (text and pattern).</summary>
    private static void Replace(JsonNode value, Func<double, double> change)
    {
        double v = change(BitConverter.Int64BitsToDouble(Convert.ToInt64(value["x"]!.GetValue<string>(), 16)));
        value["r"] = GoldenDouble.RoundTrip(v);
        value["x"] = GoldenDouble.Hex(v);
    }
}
