using System.Numerics;
using Verification.Reference.Random;

namespace Verification.Reference.Optimizers.StochGradAdam;

/// <summary>
/// The mask Ω as 64-bit select lanes for the vectorised update (<see cref="AdamElementwise"/>): −1 (all bits set)
/// where the 32-bit draw is below the Bernoulli threshold, 0 where it is not.
/// </summary>
internal static class MaskLanes
{
    /// <summary>Writes lanes_j = [words_j &lt; threshold] ? −1 : 0.</summary>
    /// <remarks>
    /// <see cref="Vector{T}.Count"/> words at a time: an unsigned compare and a sign extension, no arithmetic, so
    /// the lanes are those of <see cref="BernoulliThreshold.Keeps"/> word by word (MaskLanesTests). A threshold of 2^32
    /// (s = 1) keeps every word.
    /// </remarks>
    public static void FromWords(ReadOnlySpan<uint> words, ulong threshold, Span<long> lanes)
    {
        int n = lanes.Length;
        int j = 0;
        if (threshold > uint.MaxValue)
        {
            lanes.Fill(-1L);
            return;
        }

        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<uint>.Count;
            var limit = new Vector<uint>((uint)threshold);
            for (; j <= n - width; j += width)
            {
                Vector<int> kept = Vector.AsVectorInt32(Vector.LessThan(new Vector<uint>(words[j..]), limit));
                Vector.Widen(kept, out Vector<long> low, out Vector<long> high);
                low.CopyTo(lanes[j..]);
                high.CopyTo(lanes[(j + Vector<long>.Count)..]);
            }
        }

        for (; j < n; j++)
        {
            lanes[j] = BernoulliThreshold.Keeps(words[j], threshold) ? -1L : 0L;
        }
    }
}
