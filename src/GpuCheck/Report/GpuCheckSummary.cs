namespace Verification.GpuCheck.Report;

/// <summary>Everything <c>gpu-check</c> found; written as <c>gpu-check.json</c> (snake_case names, docs/gpu.md).</summary>
/// <param name="Schema">The format's name and version, <see cref="SchemaName"/>.</param>
/// <param name="Tool">The program and its version.</param>
/// <param name="Outcome"><c>matching</c> (exit 0), <c>mismatch</c> (exit 1) or <c>no_device</c> (exit 3).</param>
/// <param name="ExitCode">The exit code of the run.</param>
/// <param name="Reason">For <c>no_device</c>: what is missing; otherwise null.</param>
/// <param name="Settings">What was run.</param>
/// <param name="Device">The device, or null when none was found.</param>
/// <param name="Optimizers">One verdict per catalogue entry, in catalogue order.</param>
/// <param name="Notes">Remarks about the machine (for example that no NVIDIA device was found, and why).</param>
/// <param name="Benchmark">The step benchmark, or null when skipped.</param>
/// <param name="ElapsedSeconds">Wall time of the run.</param>
internal sealed record GpuCheckSummary(
    string Schema,
    string Tool,
    string Outcome,
    int ExitCode,
    string? Reason,
    SettingsSummary Settings,
    DeviceSummary? Device,
    IReadOnlyList<OptimizerSummary> Optimizers,
    IReadOnlyList<string> Notes,
    BenchmarkSummary? Benchmark,
    double ElapsedSeconds)
{
    /// <summary>The value of <see cref="Schema"/>; the number changes when a field changes meaning or disappears.</summary>
    public const string SchemaName = "gpu-check/1";
}
