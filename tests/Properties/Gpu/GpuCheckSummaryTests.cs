using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Verification.GpuCheck;
using Verification.GpuCheck.Checking;
using Verification.GpuCheck.Cli;
using Verification.GpuCheck.Report;
using Verification.Properties.Support;
using Verification.Reference.Optimizers;

namespace Verification.Properties.Gpu;

/// <summary>
/// gpu-check's summary: a real (small) run writes gpu-check.json with the documented fields and every catalogue entry
/// matching; the format equals the committed schema docs/gpu-check.schema.json; and a wrong kernel result comes out as
/// a mismatch with its step, index and both values, in the JSON, the Markdown and the exit code.
/// </summary>
public sealed class GpuCheckSummaryTests
{
    private static readonly string[] RootFields = ["schema", "tool", "outcome", "exit_code", "reason", "settings", "device", "optimizers", "notes", "benchmark", "elapsed_seconds"];
    private static readonly string[] OptimizerFields = ["name", "reference", "verdict", "float64", "float32"];
    private static readonly string[] PrecisionFields = ["verdict", "runs", "values_compared", "worst_ratio", "first_difference", "note"];
    private static readonly string[] DifferenceFields = ["run", "size", "step", "quantity", "index", "reference", "device", "reference_bits", "device_bits", "ratio"];
    private static readonly string[] DeviceFields =
    [
        "name", "vendor", "kind", "platform", "platform_version", "device_version", "driver_version", "open_cl_c_version", "compute_units",
        "global_memory_bytes", "fp64", "correctly_rounded_float_divide_sqrt", "library", "library_source", "binding",
    ];

    private static readonly string[] RowFields = ["optimizer", "precision", "bytes_per_element", "timings", "step_seconds", "gigabytes_per_second", "time_over_triad_bound"];

    [OpenClFact(RequiresFloat64 = true)]
    public void A_small_run_writes_the_documented_summary_with_every_optimizer_matching()
    {
        string folder = Directory.CreateTempSubdirectory("gpu-check-").FullName;
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            int code = GpuCheckCommandLine.Run(
                ["--device", OpenClTestEnvironment.Device!.Name, "--sizes", "0,1,7,257", "--steps", "3", "--bench-size", "4099", "--bench-reps", "2", "--out", folder], output, error);
            Assert.True(code == GpuCheckExitCodes.Matching, $"exit {code}: {output}{error}");
            using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, SummaryFiles.JsonName)));
            JsonElement root = json.RootElement;
            Assert.Equal(RootFields, Names(root));
            Assert.Equal(GpuCheckSummary.SchemaName, root.GetProperty("schema").GetString());
            Assert.Equal(("matching", 0), (root.GetProperty("outcome").GetString(), root.GetProperty("exit_code").GetInt32()));
            Assert.Equal(DeviceFields, Names(root.GetProperty("device")));
            Assert.Equal(OpenClTestEnvironment.Device.Name, root.GetProperty("device").GetProperty("name").GetString());

            JsonElement[] optimizers = [.. root.GetProperty("optimizers").EnumerateArray()];
            Assert.Equal(OptimizerCatalog.GradientOptimizers.Select(o => o.Name), optimizers.Select(o => o.GetProperty("name").GetString()));
            foreach (JsonElement o in optimizers)
            {
                Assert.Equal(OptimizerFields, Names(o));
                Assert.Equal("matching", o.GetProperty("verdict").GetString());
                JsonElement f64 = o.GetProperty("float64"), f32 = o.GetProperty("float32");
                Assert.Equal(PrecisionFields, Names(f64));
                Assert.Equal(("matching", 4 + CheckPlan.RedrawnRuns), (f64.GetProperty("verdict").GetString(), f64.GetProperty("runs").GetInt32()));
                Assert.True(f64.GetProperty("values_compared").GetInt64() > 0);
                Assert.Equal(JsonValueKind.Null, f64.GetProperty("first_difference").ValueKind);
                string f32Verdict = f32.GetProperty("verdict").GetString()!;
                Assert.True(f32Verdict is "matching" or "excluded", $"{o.GetProperty("name")}: float32 {f32Verdict}");
                if (f32Verdict == "matching")
                {
                    Assert.InRange(f32.GetProperty("worst_ratio").GetDouble(), 0.0, 1.0);
                    Assert.Equal(DifferenceFields, Names(f32.GetProperty("first_difference")));
                }
            }

            JsonElement benchmark = root.GetProperty("benchmark");
            Assert.Equal(4099, benchmark.GetProperty("size").GetInt32());
            Assert.True(benchmark.GetProperty("triad_seconds").GetDouble() > 0);
            JsonElement[] rows = [.. benchmark.GetProperty("rows").EnumerateArray()];
            Assert.Equal(OptimizerCatalog.GradientOptimizers.Count + 1, rows.Length);
            Assert.All(rows, r => Assert.Equal(RowFields, Names(r)));
            Assert.Contains(rows, r => r.GetProperty("optimizer").GetString() == "adam" && r.GetProperty("precision").GetString() == "float32" && r.GetProperty("bytes_per_element").GetInt32() == 28);
            Assert.Contains(rows, r => r.GetProperty("optimizer").GetString() == "stochgradadam/masked_adam" && r.GetProperty("bytes_per_element").GetInt32() == 60);

            string markdown = File.ReadAllText(Path.Combine(folder, SummaryFiles.MarkdownName));
            Assert.Contains($"**Result: matching** — {optimizers.Length} of {optimizers.Length} optimizers match (exit code 0).", markdown, StringComparison.Ordinal);
            Assert.Contains("| stochgradadam/masked_update | matching | matching: 6 runs, ", markdown, StringComparison.Ordinal);
            Assert.Contains("| adam | float64 | 56 |", markdown, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_summary_format_is_the_committed_schema()
    {
        JsonNode schema = JsonSchemaExporter.GetJsonSchemaAsNode(
            SummaryJsonContext.Default.GpuCheckSummary, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });
        string exported = schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
        string path = Path.Combine(RepositoryRoot.Path, "docs", "gpu-check.schema.json");
        string committed = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (exported != committed)
        {
            string fresh = Path.Combine(Path.GetTempPath(), "gpu-check.schema.json");
            File.WriteAllText(fresh, exported);
            Assert.Fail($"The summary's format differs from {path}. If the change is intended, copy {fresh} there (and change GpuCheckSummary.SchemaName when a field changes meaning or disappears).");
        }
    }

    [OpenClFact(RequiresFloat64 = true)]
    public void A_kernel_off_by_one_rounding_is_a_mismatch_with_its_place_and_values_and_exit_code_1()
    {
        var settings = new GpuCheckSettings(null, null, "unused", Quick: true, Sizes: [0, 1, 257], Steps: 3, Seed: 1, BenchmarkSize: 1, BenchmarkRepetitions: 0);
        var backend = new PerturbedBackend(OpenClTestEnvironment.Backend);
        (string name, Func<IGradientOptimizer> create) = OptimizerCatalog.GradientOptimizers.Single(o => o.Name == "rmsprop");
        OptimizerSummary rmsprop = OptimizerChecker.Check(backend, name, create, settings);
        Assert.Equal(("mismatch", "mismatch"), (rmsprop.Verdict, rmsprop.Float64.Verdict));
        DifferenceSummary at = rmsprop.Float64.FirstDifference!;
        Assert.Equal(("theta", 1), (at.Quantity, at.Size));
        Assert.NotEqual(at.ReferenceBits, at.DeviceBits);
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(at.Device, System.Globalization.CultureInfo.InvariantCulture)).ToString("x16", System.Globalization.CultureInfo.InvariantCulture), at.DeviceBits);

        // The other kernels are untouched and still match.
        (string adamName, Func<IGradientOptimizer> adam) = OptimizerCatalog.GradientOptimizers.Single(o => o.Name == "adam");
        OptimizerSummary matching = OptimizerChecker.Check(backend, adamName, adam, settings);
        Assert.Equal("matching", matching.Verdict);

        Assert.Equal(("mismatch", GpuCheckExitCodes.Mismatch), GpuCheckRun.Outcome([matching, rmsprop], null));
        Assert.Equal(("matching", GpuCheckExitCodes.Matching), GpuCheckRun.Outcome([matching], null));
        Assert.Equal(("no_device", GpuCheckExitCodes.NoDevice), GpuCheckRun.Outcome([], "no OpenCL"));

        var summary = new GpuCheckSummary(
            GpuCheckSummary.SchemaName, "gpu-check test", "mismatch", 1, null,
            new SettingsSummary(true, settings.Sizes, 3, 2, CheckPlan.RedrawnRuns, 1, 1, 0, null), null, [matching, rmsprop], [], null, 0.5);
        using JsonDocument json = JsonDocument.Parse(SummaryFiles.Json(summary));
        JsonElement difference = json.RootElement.GetProperty("optimizers")[1].GetProperty("float64").GetProperty("first_difference");
        Assert.Equal(DifferenceFields, Names(difference));
        Assert.Equal((at.Step, at.Index, at.Reference, at.Device), (difference.GetProperty("step").GetInt32(), difference.GetProperty("index").GetInt32(), difference.GetProperty("reference").GetString(), difference.GetProperty("device").GetString()));
        string markdown = SummaryMarkdown.Render(summary);
        Assert.Contains($"| rmsprop | **MISMATCH** | **MISMATCH** d=1 step {at.Step} theta[{at.Index}]: device {at.Device} (0x{at.DeviceBits}) vs reference {at.Reference} (0x{at.ReferenceBits}) |", markdown, StringComparison.Ordinal);
        Assert.Contains("**Result: mismatch** — 1 of 2 optimizers match (exit code 1).", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void An_infinite_float_error_is_written_as_a_named_literal_not_a_crash()
    {
        var worst = new DifferenceSummary("run", 7, 1, "v", 3, "1", "Infinity", "3ff0000000000000", "7ff0000000000000", double.PositiveInfinity);
        var f32 = new PrecisionSummary("mismatch", 1, 7, double.PositiveInfinity, worst, null);
        var summary = new GpuCheckSummary(
            GpuCheckSummary.SchemaName, "gpu-check test", "mismatch", 1, null, new SettingsSummary(false, [7], 1, 0, 2, 1, 1, 0, null), null,
            [new OptimizerSummary("adam", "Adam", "mismatch", new PrecisionSummary("matching", 1, 7, null, null, null), f32)], [], null, 0.1);
        using JsonDocument json = JsonDocument.Parse(SummaryFiles.Json(summary));
        Assert.Equal("Infinity", json.RootElement.GetProperty("optimizers")[0].GetProperty("float32").GetProperty("worst_ratio").GetString());
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
