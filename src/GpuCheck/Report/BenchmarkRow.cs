namespace Verification.GpuCheck.Report;

/// <summary>One timed optimizer step.</summary>
/// <param name="Optimizer">The catalogue name.</param>
/// <param name="Precision"><c>float64</c> or <c>float32</c>.</param>
/// <param name="BytesPerElement">The step's nominal traffic per parameter (AcceleratedOptimizer.NominalBytesPerElement).</param>
/// <param name="Timings">How many timings the median is taken over.</param>
/// <param name="StepSeconds">The median time of one step.</param>
/// <param name="GigabytesPerSecond">Nominal traffic over step time (10⁹ bytes per second).</param>
/// <param name="TimeOverTriadBound">Step time / (triad time × bytes per element / 24): 1 runs at the triad's bandwidth.</param>
internal sealed record BenchmarkRow(string Optimizer, string Precision, int BytesPerElement, int Timings, double StepSeconds, double GigabytesPerSecond, double TimeOverTriadBound);
