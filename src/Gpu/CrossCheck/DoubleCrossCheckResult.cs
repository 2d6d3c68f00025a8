namespace Verification.Gpu.CrossCheck;

/// <summary>The outcome of one double-precision cross-check run.</summary>
/// <param name="Case">The run.</param>
/// <param name="Mismatch">The first difference, or null when every value of every step agreed bit for bit.</param>
/// <param name="ValuesCompared">How many values were compared (θ, state and masks over every step up to the first difference).</param>
public sealed record DoubleCrossCheckResult(CrossCheckCase Case, TrajectoryMismatch? Mismatch, long ValuesCompared)
{
    /// <summary>Whether every value agreed.</summary>
    public bool Matches => Mismatch is null;
}
