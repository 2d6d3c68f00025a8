using System.Text.Json;
using Verification.Gpu.Devices;
using Verification.GpuCheck.Cli;

namespace Verification.Properties.Gpu;

/// <summary>
/// gpu-check's exit codes and messages: a mistake is one line and exit 2 before any device work; a machine without
/// OpenCL is one line saying what is missing and exit 3 (in its own process, where the loader reads OCL_ICD_VENDORS);
/// an ICD driver chosen by path is bound through its dispatch table and checks clean.
/// </summary>
public sealed class GpuCheckCommandLineTests
{
    [Theory]
    [InlineData("--steps 0", "error: --steps must be at least 1, not 0.")]
    [InlineData("--sizes 1,x", "error: --sizes '1,x': 'x' is not a dimension (a whole number from 0 to 2147483647, comma-separated).")]
    [InlineData("--sizes -1", "error: --sizes '-1': '-1' is not a dimension (a whole number from 0 to 2147483647, comma-separated).")]
    [InlineData("--bench-reps -1", "error: --bench-reps must be 0 or more, not -1.")]
    [InlineData("--bogus", "error: unknown option '--bogus' (see 'gpu-check --help').")]
    [InlineData("extra", "error: unexpected argument 'extra' (see 'gpu-check --help').")]
    [InlineData("--opencl-library /nonexistent/libOpenCL.so.1", "error: --opencl-library '/nonexistent/libOpenCL.so.1' is not a file.")]
    public void A_mistake_is_one_line_and_exit_code_2(string args, string message)
    {
        (int code, string output, string error) = Run(args.Split(' '));
        Assert.Equal(GpuCheckExitCodes.UsageError, code);
        Assert.Equal(message + "\n", error.ReplaceLineEndings("\n"));
        Assert.Empty(output);
    }

    [Fact]
    public void An_output_folder_that_is_a_file_is_a_mistake()
    {
        string file = Path.GetTempFileName();
        try
        {
            (int code, _, string error) = Run(["--out", file]);
            Assert.Equal(GpuCheckExitCodes.UsageError, code);
            Assert.Equal($"error: --out '{file}' is a file, not a folder.\n", error.ReplaceLineEndings("\n"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [OpenClFact]
    public void A_device_filter_that_matches_nothing_lists_the_devices_and_exits_3()
    {
        string folder = Directory.CreateTempSubdirectory("gpu-check-").FullName;
        try
        {
            (int code, _, string error) = Run(["--device", "NVIDIA-no-such-7f3a", "--out", folder]);
            Assert.Equal(GpuCheckExitCodes.NoDevice, code);
            Assert.StartsWith("error: No OpenCL device matches 'NVIDIA-no-such-7f3a' (from the caller); devices: ", error, StringComparison.Ordinal);
            Assert.Contains(OpenClTestEnvironment.Device!.Name, error, StringComparison.Ordinal);
            Assert.Contains("NVIDIA's", error, StringComparison.Ordinal);
            Assert.Single(error.TrimEnd('\n').Split('\n'));
            using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "gpu-check.json")));
            Assert.Equal("no_device", json.RootElement.GetProperty("outcome").GetString());
            Assert.Equal(3, json.RootElement.GetProperty("exit_code").GetInt32());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Without_an_ICD_file_the_process_exits_3_and_says_what_is_missing_in_one_line()
    {
        string icd = Directory.CreateTempSubdirectory("empty-icd-").FullName;
        string folder = Directory.CreateTempSubdirectory("gpu-check-").FullName;
        try
        {
            (int code, string output, string error) = GpuCheckProcess.Run(
                ["--out", folder],
                new Dictionary<string, string?>
                {
                    [OpenClSetup.IcdFolderVariableName] = icd,
                    [OpenClDevices.SelectionVariable] = null,
                    [Verification.Gpu.Interop.OpenClLibrary.PathVariable] = null,
                });
            Assert.True(code == GpuCheckExitCodes.NoDevice, $"exit {code}: {output}{error}");
            Assert.Single(error.TrimEnd('\n').Split('\n'));
            Assert.StartsWith("error: No OpenCL", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
            if (System.Runtime.InteropServices.NativeLibrary.TryLoad("libOpenCL.so.1", out _))
            {
                // The loader is installed, so what is missing is a driver in the folder OCL_ICD_VENDORS names.
                Assert.Contains($"{icd} (from OCL_ICD_VENDORS)", error, StringComparison.Ordinal);
            }

            using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "gpu-check.json")));
            Assert.Equal(error["error: ".Length..].TrimEnd('\n'), json.RootElement.GetProperty("reason").GetString());
        }
        finally
        {
            Directory.Delete(icd, recursive: true);
            Directory.Delete(folder, recursive: true);
        }
    }

    [OpenClFact(RequiresFloat64 = true)]
    public void A_driver_chosen_by_path_is_bound_without_the_loader_and_checks_clean()
    {
        // The driver the loader uses here (PoCL in CI), loaded on its own as NVIDIA's would be on a machine without
        // the loader: an installable client driver exports almost nothing, so this exercises the dispatch-table path.
        string driver = OpenClSetup.Probe(null, 0, 0).IcdFiles.Select(f => f.Driver).First();
        string folder = Directory.CreateTempSubdirectory("gpu-check-").FullName;
        try
        {
            (int code, string output, string error) = GpuCheckProcess.Run(
                ["--opencl-library", driver, "--device", OpenClTestEnvironment.Device!.Name, "--sizes", "0,7,1001", "--steps", "3", "--bench-size", "1000", "--bench-reps", "1", "--out", folder],
                new Dictionary<string, string?> { [Verification.Gpu.Interop.OpenClLibrary.PathVariable] = null });
            Assert.True(code == GpuCheckExitCodes.Matching, $"exit {code}: {output}{error}");
            using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "gpu-check.json")));
            JsonElement device = json.RootElement.GetProperty("device");
            Assert.Equal("chosen_path", device.GetProperty("library_source").GetString());
            Assert.Contains(device.GetProperty("binding").GetString(), new[] { "icd_dispatch", "exports" });
            Assert.Contains($"(chosen path, bound by {device.GetProperty("binding").GetString()!.Replace('_', ' ')})", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (int Code, string Output, string Error) Run(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = GpuCheckCommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
