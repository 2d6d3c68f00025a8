using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Verification.Gpu;
using Verification.Gpu.Devices;
using Verification.Gpu.Interop;
using Verification.GpuCheck.Benchmarking;
using Verification.GpuCheck.Checking;
using Verification.GpuCheck.Cli;
using Verification.GpuCheck.Report;
using Verification.Reference.Optimizers;

namespace Verification.GpuCheck;

/// <summary>One run of <c>gpu-check</c>: choose the library and device, check every catalogue entry, time the steps, write the summary.</summary>
internal static class GpuCheckRun
{
    /// <summary>Runs <paramref name="settings"/>, printing progress to <paramref name="output"/>.</summary>
    /// <returns><see cref="GpuCheckExitCodes.Matching"/> or <see cref="GpuCheckExitCodes.Mismatch"/>.</returns>
    /// <exception cref="GpuCheckUsageException">An option names a missing file or an unwritable folder.</exception>
    /// <exception cref="NoOpenClDeviceException">No usable OpenCL device; the summary is written first.</exception>
    public static int Execute(GpuCheckSettings settings, TextWriter output)
    {
        long start = Stopwatch.GetTimestamp();
        if (settings.OpenClLibrary is { } library)
        {
            // A bare name (libpocl.so.2) is left to the dynamic linker's search, as in an ICD file; a path must exist.
            bool isPath = library.Contains('/', StringComparison.Ordinal);
            if (isPath && !File.Exists(library))
            {
                throw new GpuCheckUsageException($"--opencl-library '{library}' is not a file.");
            }

            try
            {
                OpenClLibrary.Use(isPath ? Path.GetFullPath(library) : library);
            }
            catch (InvalidOperationException e)
            {
                throw new GpuCheckUsageException($"--opencl-library: {e.Message}", e);
            }
        }

        string folder = Path.GetFullPath(settings.OutputFolder);
        EnsureWritable(folder);
        if (!OpenClDevices.TrySelect(settings.DeviceFilter, out OpenClDeviceInfo? device, out string reason))
        {
            Finish(settings, start, folder, null, [], [], null, reason);
            throw new NoOpenClDeviceException(reason);
        }

        OpenClBackend backend;
        try
        {
            backend = new OpenClBackend(device);
        }
        catch (OpenClException e)
        {
            string why = $"The OpenCL device {device.Name} could not be opened: {e.Message}";
            Finish(settings, start, folder, null, [], [], null, why);
            throw new NoOpenClDeviceException(why, e);
        }

        using (backend)
        {
            var notes = new List<string>();
            if (!device.IsNvidia)
            {
                var setup = OpenClSetup.Probe(null, OpenClDevices.PlatformCount(), OpenClDevices.Enumerate().Count);
                notes.Add($"the device is not NVIDIA's. {OpenClDiagnosis.NvidiaNote("nvidia", setup)}");
            }

            DeviceSummary deviceSummary = DeviceSummary.From(device);
            output.WriteLine($"{Tool()}: {device.Description}");
            output.WriteLine($"OpenCL library: {deviceSummary.Library} ({deviceSummary.LibrarySource.Replace('_', ' ')}, bound by {deviceSummary.Binding.Replace('_', ' ')})");
            foreach (string note in notes)
            {
                output.WriteLine($"note: {note}");
            }

            output.WriteLine(FormattableString.Invariant($"cross-check: sizes {string.Join(", ", settings.Sizes)} (+{CheckPlan.RedrawnRuns} redrawn at d = {CheckPlan.RedrawnSize}), {settings.Steps} steps"));
            var optimizers = new List<OptimizerSummary>();
            foreach ((string name, Func<IGradientOptimizer> create) in OptimizerCatalog.GradientOptimizers)
            {
                long began = Stopwatch.GetTimestamp();
                OptimizerSummary result = OptimizerChecker.Check(backend, name, create, settings);
                optimizers.Add(result);
                output.WriteLine(FormattableString.Invariant(
                    $"  {name,-40} {result.Verdict,-9} float64 {result.Float64.Verdict}, float32 {result.Float32.Verdict}{(result.Float32.WorstRatio is { } r ? $" (worst {r:F3} of the bound)" : string.Empty)} [{Stopwatch.GetElapsedTime(began).TotalSeconds:F1} s]"));
                foreach (PrecisionSummary p in new[] { result.Float64, result.Float32 }.Where(p => p.Verdict is Verdicts.Mismatch or Verdicts.Error))
                {
                    output.WriteLine($"    {p.Verdict}: {p.FirstDifference?.Describe() ?? p.Note}");
                }
            }

            BenchmarkSummary? benchmark = null;
            if (settings.BenchmarkRepetitions > 0)
            {
                output.WriteLine(FormattableString.Invariant($"benchmark: d = {settings.BenchmarkSize}, {settings.BenchmarkRepetitions} timings of {StepBenchmark.StepsPerTiming} launches"));
                benchmark = StepBenchmark.Run(backend, OptimizerCatalog.GradientOptimizers, settings.BenchmarkSize, settings.BenchmarkRepetitions, output);
            }

            GpuCheckSummary summary = Finish(settings, start, folder, deviceSummary, optimizers, notes, benchmark, null);
            output.WriteLine($"{summary.Outcome}: {optimizers.Count(o => o.Verdict == Verdicts.Matching)} of {optimizers.Count} optimizers match; wrote {Path.Combine(folder, SummaryFiles.MarkdownName)} and {SummaryFiles.JsonName}");
            return summary.ExitCode;
        }
    }

    /// <summary>The program name and version, as the summary records it.</summary>
    internal static string Tool()
    {
        string version = typeof(GpuCheckRun).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        return $"{GpuCheckCommandLine.ProgramName} {version.Split('+')[0]}";
    }

    private static GpuCheckSummary Finish(
        GpuCheckSettings settings, long start, string folder, DeviceSummary? device, IReadOnlyList<OptimizerSummary> optimizers, IReadOnlyList<string> notes, BenchmarkSummary? benchmark, string? reason)
    {
        (string outcome, int code) = Outcome(optimizers, reason);
        var summary = new GpuCheckSummary(
            GpuCheckSummary.SchemaName,
            Tool(),
            outcome,
            code,
            reason,
            new SettingsSummary(settings.Quick, settings.Sizes, settings.Steps, settings.Steps >= 2 ? 2 : 0, CheckPlan.RedrawnRuns, settings.Seed, settings.BenchmarkSize, settings.BenchmarkRepetitions, settings.DeviceFilter),
            device,
            optimizers,
            notes,
            benchmark,
            Math.Round(Stopwatch.GetElapsedTime(start).TotalSeconds, 3));
        SummaryFiles.Write(summary, folder);
        return summary;
    }

    /// <summary>The run's outcome and exit code: no device (3), else matching (0) only when every optimizer matches, else mismatch (1).</summary>
    internal static (string Outcome, int ExitCode) Outcome(IReadOnlyList<OptimizerSummary> optimizers, string? noDeviceReason) =>
        noDeviceReason is not null ? ("no_device", GpuCheckExitCodes.NoDevice)
        : optimizers.All(o => o.Verdict == Verdicts.Matching) ? (Verdicts.Matching, GpuCheckExitCodes.Matching)
        : (Verdicts.Mismatch, GpuCheckExitCodes.Mismatch);

    /// <summary>Finds an unwritable output folder before any device work.</summary>
    private static void EnsureWritable(string folder)
    {
        try
        {
            if (File.Exists(folder))
            {
                throw new GpuCheckUsageException($"--out '{folder}' is a file, not a folder.");
            }

            Directory.CreateDirectory(folder);
            string probe = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $".write-probe-{Environment.ProcessId}"));
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new GpuCheckUsageException($"--out '{folder}' cannot be written: {e.Message}", e);
        }
    }
}
