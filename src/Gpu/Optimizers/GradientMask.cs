using Verification.Reference.Random;

namespace Verification.Gpu.Optimizers;

/// <summary>
/// StochGradAdam's Bernoulli(s) gradient mask for one step: coordinate j is kept iff the Philox draw for
/// (<see cref="Step"/>, <see cref="IndexOffset"/> + j) of <see cref="Stream"/> is below <see cref="Threshold"/>.
/// </summary>
/// <param name="Stream">The Philox stream (seed and stream id).</param>
/// <param name="Step">The step the draws are keyed by.</param>
/// <param name="IndexOffset">The Philox index of coordinate 0 (non-zero when a parameter vector is a slice of a larger one).</param>
/// <param name="Threshold">⌊s·2^32⌋ from <see cref="BernoulliThreshold.For"/>.</param>
public readonly record struct GradientMask(PhiloxStream Stream, ulong Step, ulong IndexOffset, ulong Threshold)
{
    /// <summary>The mask of keep rate <paramref name="s"/> on the <see cref="RandomStream.GradientMask"/> stream of <paramref name="seed"/>.</summary>
    public static GradientMask ForRate(ulong seed, double s, ulong step, ulong indexOffset = 0) =>
        new(new PhiloxStream(seed, RandomStream.GradientMask), step, indexOffset, BernoulliThreshold.For(s));
}
