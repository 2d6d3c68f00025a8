namespace Verification.GpuCheck.Report;

/// <summary>The settings of the run, as the summary records them.</summary>
internal sealed record SettingsSummary(bool Quick, IReadOnlyList<int> Sizes, int Steps, int ZeroGradientStep, int RedrawnRunsPerOptimizer, ulong Seed, int BenchmarkSize, int BenchmarkRepetitions, string? DeviceFilter);
