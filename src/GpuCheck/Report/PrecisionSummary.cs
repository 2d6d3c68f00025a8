namespace Verification.GpuCheck.Report;

/// <summary>The check of one optimizer in one precision.</summary>
/// <param name="Verdict">One of <c>matching</c>, <c>mismatch</c>, <c>error</c>, <c>not_run</c>, <c>excluded</c>.</param>
/// <param name="Runs">Runs completed.</param>
/// <param name="ValuesCompared">Values compared over those runs.</param>
/// <param name="WorstRatio">float32: the largest error over all runs as a multiple of the bound (≤ 1 passes); null for float64.</param>
/// <param name="FirstDifference">float64: the first differing value; float32: where the largest error occurred. Null when nothing differed.</param>
/// <param name="Note">Why the check did not run, was excluded, or failed.</param>
internal sealed record PrecisionSummary(string Verdict, int Runs, long ValuesCompared, double? WorstRatio, DifferenceSummary? FirstDifference, string? Note);
