namespace Verification.Gpu.CrossCheck;

/// <summary>The outcome of one float32 cross-check run.</summary>
/// <param name="Case">The run.</param>
/// <param name="WorstRatio">The largest error as a multiple of the bound (≤ 1 passes; 0 when every float result equals the double one).</param>
/// <param name="Worst">Where that error occurred (the device's float value against the reference's double value), or null when there was none.</param>
/// <param name="ValuesCompared">How many values were compared.</param>
public sealed record FloatCrossCheckResult(CrossCheckCase Case, double WorstRatio, TrajectoryMismatch? Worst, long ValuesCompared)
{
    /// <summary>Whether every value stayed within the bound.</summary>
    public bool WithinBound => WorstRatio <= 1.0;
}
