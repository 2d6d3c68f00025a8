using System.Text.Json.Nodes;
using Verification.Golden.Approval;

namespace Verification.Golden.Compare;

/// <summary>
/// <c>golden compare</c>: a flipped bit is found where it is, the CSV form, malformed input, and the committed fixtures,
/// whose expected summaries tools/golden/test_compare.py holds the Python compare to as well.
/// </summary>
public sealed class GoldenCompareTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("golden-compare-").FullName;

    private static string Adam => GoldenApprover.Default.VerifiedPath("quadratic-adam");

    private static string Fixtures => Path.GetFullPath(Path.Combine(GoldenApprover.Default.Directory, "..", "..", "..", "tools", "golden", "fixtures"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_file_against_itself_is_bit_identical()
    {
        (int code, string output, string error) = Run(Adam, Adam);
        Assert.Equal((0, ""), (code, error));
        Assert.Contains("first divergence: none\n", output, StringComparison.Ordinal);
        Assert.EndsWith("result: bit-identical: all 626 values MINE records equal GOLDEN's\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flipped_bit_is_found_at_its_step_and_field()
    {
        (int code, string output, _) = Run(Adam, AdamWith(7, line => Flip(line["state"]!["buffers"]!["v"]![3]!, 0)));
        Assert.Equal(1, code);
        Assert.Contains("first divergence: step 7, field state.buffers.v, index 3: GOLDEN ", output, StringComparison.Ordinal);
        Assert.Matches(@"state\.buffers\.v +125 +124 +1 +step 7 \[3\] +0\n", output);
        Assert.Contains("result: 1 of 626 values differ\n", output, StringComparison.Ordinal);

        (code, output, _) = Run(Adam, AdamWith(12, line => Flip(line["theta"]![1]!, 20)));
        Assert.Equal(1, code);
        Assert.Contains("first divergence: step 12, field theta, index 1", output, StringComparison.Ordinal);
        Assert.Contains(", 1048576 ULPs\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_with_decimals_and_hex_floats()
    {
        string[] golden = File.ReadAllLines(Adam);
        var rows = new List<string> { "step,field,index,value" };
        for (int t = 1; t <= 25; t++)
        {
            JsonArray theta = JsonNode.Parse(golden[t])!["theta"]!.AsArray();
            for (int j = 0; j < theta.Count; j++)
            {
                double value = BitConverter.Int64BitsToDouble(Convert.ToInt64((string)theta[j]!["x"]!, 16));
                rows.Add($"{t},theta,{j},{((t + j) % 2 == 1 ? HexFloat(value) : DoubleText.Shortest(value))}");
            }
        }

        rows.Add($"end,final_loss,,{(string)JsonNode.Parse(golden[26])!["final_loss"]!["r"]!}");
        (int code, string output, string error) = Run(Adam, Write("mine.csv", string.Join("\r\n", rows) + "\r\n"));
        Assert.Equal((0, ""), (code, error));
        Assert.Contains("MINE   mine.csv: CSV, 126 values at steps 1-25, the end line\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("state.buffers", output, StringComparison.Ordinal);

        rows[4] = "1,theta,3,0.25";
        (code, output, _) = Run(Adam, Write("mine.csv", string.Join('\n', rows) + "\n"));
        Assert.Equal(1, code);
        Assert.Contains(
            "first divergence: step 1, field theta, index 3: GOLDEN 0.049999999833333336 (3fa99999982b189c), MINE 0.25 (3fd0000000000000), 10808639129708388 ULPs",
            output,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_and_extra_steps_are_reported()
    {
        (int code, string output, _) = Run(Adam, Write("mine.csv", "step,field,index,value\n1,theta,0,-0.45\n27,theta,0,1\n"));
        Assert.Equal(1, code);
        Assert.Contains("missing steps: 2-25 (GOLDEN records them, MINE does not)\n", output, StringComparison.Ordinal);
        Assert.Contains("extra steps: 27 (GOLDEN has 25 steps)\n", output, StringComparison.Ordinal);
    }

    // The same cases and messages as tools/golden/test_compare.py's MALFORMED table.
    [Theory]
    [InlineData("mine.csv", "", "mine.csv: the file is empty")]
    [InlineData("mine.csv", "step,field,value\n", "mine.csv line 1: expected the CSV header 'step,field,index,value'")]
    [InlineData("mine.csv", "# only a comment\n", "mine.csv: no CSV header")]
    [InlineData("mine.csv", "step,field,index,value\n", "mine.csv: it records no values to compare")]
    [InlineData("mine.csv", "step,field,index,value\n1,theta,0\n", "mine.csv line 2: expected 4 comma-separated cells")]
    [InlineData("mine.csv", "step,field,index,value\n0,theta,0,1\n", "mine.csv line 2: step '0' is neither a positive integer nor 'end'")]
    [InlineData("mine.csv", "step,field,index,value\n1,thetta,0,1\n", "mine.csv line 2: field 'thetta' is not a field of GOLDEN's step lines")]
    [InlineData("mine.csv", "step,field,index,value\nend,theta,0,1\n", "mine.csv line 2: field 'theta' is not a field of GOLDEN's end line")]
    [InlineData("mine.csv", "step,field,index,value\n1,theta,,1\n", "mine.csv line 2: field theta is an array: the index must be a non-negative integer")]
    [InlineData("mine.csv", "step,field,index,value\n1,loss,0,1\n", "mine.csv line 2: field loss holds one value: the index must be empty")]
    [InlineData("mine.csv", "step,field,index,value\n1,theta,5,1\n", "mine.csv line 2: index 5 is out of range: GOLDEN's theta has 5 values")]
    [InlineData("mine.csv", "step,field,index,value\n1,theta,0,1,5\n", "mine.csv line 2: expected 4 comma-separated cells (step,field,index,value), found 5")]
    [InlineData("mine.csv", "step,field,index,value\n1,theta,0,abc\n", "mine.csv line 2: value 'abc' is not a decimal double")]
    [InlineData("mine.csv", "step,field,index,value\n1,theta,0,0x1.00000000000008p0\n", "value '0x1.00000000000008p0' is not a decimal double, inf, nan or an exact hex-float")]
    [InlineData("mine.csv", "step,field,index,value\n1,state.step,,x\n", "mine.csv line 2: value 'x' of state.step is not a non-negative integer")]
    [InlineData("mine.csv", "step,field,index,value\n1,theta,0,1\n1,theta,0,1\n", "mine.csv line 3: step 1, field theta, index 0 is recorded twice")]
    [InlineData("mine.jsonl", "{not json\n", "mine.jsonl line 1: not valid JSON")]
    [InlineData("mine.jsonl", "{\"step\":1}\n", "mine.jsonl line 1: neither a header, a step line with a positive integer 't' nor an end line")]
    [InlineData("mine.jsonl", "{\"t\":1,\"theta\":[1,2]}\n", "mine.jsonl line 1: field theta has 2 values, GOLDEN's has 5")]
    [InlineData("mine.jsonl", "{\"t\":1,\"loss\":\"x\"}\n", "mine.jsonl line 1: field loss: expected a double")]
    [InlineData("mine.jsonl", "{\"t\":1,\"loss\":{\"r\":\"1\",\"x\":\"3ff0000000000001\"}}\n", "mine.jsonl line 1: field loss: r and x disagree")]
    [InlineData("mine.jsonl", "{\"t\":1,\"loss\":1}\n{\"t\":1,\"loss\":1}\n", "mine.jsonl line 2: step 1 is recorded twice")]
    [InlineData("mine.jsonl", "{\"format\":\"verification-golden\",\"scenario\":\"quadratic-sgd\"}\n", "mine.jsonl line 1: the header names scenario \"quadratic-sgd\", GOLDEN is quadratic-adam")]
    public void Malformed_mine_is_exit_code_2_with_file_line_and_problem(string name, string text, string message)
    {
        (int code, string output, string error) = Run(Adam, Write(name, text));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_golden_and_missing_files_are_exit_code_2()
    {
        string truncated = Write("quadratic-adam.verified.jsonl", string.Join('\n', File.ReadAllText(Adam).Split('\n')[..10]) + "\n");
        (int code, _, string error) = Run(truncated, Adam);
        Assert.Equal(2, code);
        Assert.Contains("quadratic-adam.verified.jsonl line 10: the header declares 25 steps and an end line, the file has 10 lines", error, StringComparison.Ordinal);
        (code, _, error) = Run(Adam, Path.Combine(_dir, "absent.csv"));
        Assert.Equal(2, code);
        Assert.Contains("absent.csv", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("quadratic-adam", "quadratic-adam.torch-adam.csv")]
    [InlineData("least-squares-dasgrad", "least-squares-dasgrad.mine.csv")]
    [InlineData("quadratic-stochgradadam-masked_adam", "quadratic-stochgradadam-masked_adam.mine.jsonl")]
    public void Fixture_summary_is_the_committed_text_that_the_python_compare_prints(string scenario, string mine)
    {
        (int code, string output, string error) = Run(GoldenApprover.Default.VerifiedPath(scenario), Path.Combine(Fixtures, mine));
        Assert.Equal((1, ""), (code, error));
        Assert.Equal(File.ReadAllText(Path.Combine(Fixtures, Path.GetFileNameWithoutExtension(mine) + ".summary.txt")), output);
    }

    // torch.optim.Adam (torch 1.13, float64, AVX2 kernels) folds the bias corrections into the step size, takes beta^t
    // with pow and updates its moments with fused multiply-adds (docs/golden-format.md §8.2): it leaves the file's
    // trajectory at step 2 and the 1-ULP differences compound over 25 steps on the quadratic, to 708 ULPs in theta,
    // 658 in m and 12 in v (v is fed g² and forgets slowly at β₂ = 0.999).
    [Fact]
    public void Torch_adam_fixture_figures()
    {
        (int code, string output, _) = Run(Adam, Path.Combine(Fixtures, "quadratic-adam.torch-adam.csv"));
        Assert.Equal(1, code);
        Assert.Matches(@"\ntheta +125 +24 +708 +step 15 \[1\] +5\n", output);
        Assert.Matches(@"\nstate\.buffers\.m +125 +44 +658 +step 13 \[3\] +2\n", output);
        Assert.Matches(@"\nstate\.buffers\.v +125 +40 +12 +step 16 \[3\] +2\n", output);
        Assert.Contains("first divergence: step 2, field state.buffers.m, index 0", output, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(string golden, string mine)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = GoldenCompare.Run(golden, mine, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static void Flip(JsonNode node, int bit)
    {
        long pattern = Convert.ToInt64((string)node["x"]!, 16) ^ (1L << bit);
        double value = BitConverter.Int64BitsToDouble(pattern);
        node["r"] = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        node["x"] = pattern.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    // C's %a for a normal double: 0x1.<13 hex digits>p<exponent>.
    private static string HexFloat(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        string sign = bits < 0 ? "-" : "";
        int exponent = (int)((bits >> 52) & 0x7FF) - 1023;
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        return FormattableString.Invariant($"{sign}0x1.{fraction:x13}p{exponent}");
    }

    private string AdamWith(int step, Action<JsonNode> edit)
    {
        string[] lines = File.ReadAllText(Adam).Split('\n');
        JsonNode line = JsonNode.Parse(lines[step])!;
        edit(line);
        lines[step] = line.ToJsonString();
        return Write("mine.jsonl", string.Join('\n', lines));
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
