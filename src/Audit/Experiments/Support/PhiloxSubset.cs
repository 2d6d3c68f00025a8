using Verification.Reference.Random;

namespace Verification.Audit.Experiments.Support;

/// <summary>Random subsets from the project's Philox streams (never System.Random).</summary>
internal static class PhiloxSubset
{
    /// <summary>
    /// <paramref name="count"/> distinct indices of 0..n−1, chosen by ranking each index on the 32-bit draw
    /// (seed, <see cref="RandomStream.Instances"/>, step <paramref name="purpose"/>, index i), returned in increasing order.
    /// </summary>
    public static int[] Choose(int n, int count, ulong seed, ulong purpose)
    {
        if (count >= n)
        {
            return Enumerable.Range(0, n).ToArray();
        }

        var stream = new PhiloxStream(seed, RandomStream.Instances);
        var keys = new uint[n];
        stream.FillUInt32(purpose, 0, keys);
        int[] order = Enumerable.Range(0, n).ToArray();
        Array.Sort(keys, order);
        int[] chosen = order[..count];
        Array.Sort(chosen);
        return chosen;
    }
}
