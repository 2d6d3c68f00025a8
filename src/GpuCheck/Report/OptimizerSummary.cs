namespace Verification.GpuCheck.Report;

/// <summary>The verdict for one catalogue entry.</summary>
/// <param name="Name">The catalogue name (<c>adam</c>, <c>stochgradadam/masked_adam</c>, ...).</param>
/// <param name="Reference">The reference class.</param>
/// <param name="Verdict"><c>matching</c> when both precisions match (or float32 is excluded by design), else <c>mismatch</c>.</param>
/// <param name="Float64">The bit-for-bit check.</param>
/// <param name="Float32">The within-bound check.</param>
internal sealed record OptimizerSummary(string Name, string Reference, string Verdict, PrecisionSummary Float64, PrecisionSummary Float32);
