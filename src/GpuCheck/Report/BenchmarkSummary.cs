namespace Verification.GpuCheck.Report;

/// <summary>The step benchmark and the STREAM triad it is measured against, both on the device in the same run.</summary>
/// <param name="Size">Parameters per step (and elements per triad array).</param>
/// <param name="StepsPerTiming">Launches per timing (each timing ends with clFinish; the time per launch is reported).</param>
/// <param name="TriadTimings">How many triad timings the median is taken over.</param>
/// <param name="TriadSeconds">The median time of one float64 triad pass.</param>
/// <param name="TriadGigabytesPerSecond">24 bytes per element over that time.</param>
/// <param name="Rows">One row per timed step.</param>
internal sealed record BenchmarkSummary(int Size, int StepsPerTiming, int TriadTimings, double TriadSeconds, double TriadGigabytesPerSecond, IReadOnlyList<BenchmarkRow> Rows);
