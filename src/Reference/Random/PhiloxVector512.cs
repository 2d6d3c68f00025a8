using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Verification.Reference.Random;

/// <summary>Philox4x32 on 16 blocks at once with AVX-512F (<see cref="PhiloxBulk"/> describes the lane layout).</summary>
internal static class PhiloxVector512
{
    /// <summary>Blocks per group.</summary>
    public const int Blocks = 16;

    // Lane 4s + p computes block 4p + s of the group: after the 4×4 transpose inside each 128-bit lane, vector p holds
    // blocks 4p .. 4p + 3 in order, so the four vectors are stored back to back.
    private static readonly Vector512<uint> LaneBlock = Vector512.Create(0u, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);

    // Lane 2k of the high words is the high half of even product k (lane 2k + 1 of the first table), lane 2k + 1 that
    // of odd product k (lane 2k + 1 of the second table, numbered from 16).
    private static readonly Vector512<uint> HighHalves = Vector512.Create(1u, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31);

    // The even 32-bit lanes, where a 64-bit product keeps its low half.
    private static readonly Vector512<uint> EvenLanes = Vector512.Create(0x00000000_FFFFFFFFul).AsUInt32();

    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>
    /// Writes <c>output.Length / 64</c> groups of 16 blocks: word q of block <paramref name="firstBlock"/> + k
    /// (mod 2^64) to <c>output[4k + q]</c>, with counter words 2 and 3 fixed at <paramref name="c2"/>, <paramref name="c3"/>.
    /// </summary>
    public static void Generate(ulong firstBlock, uint c2, uint c3, ReadOnlySpan<uint> roundKeys, Span<uint> output)
    {
        var m0 = Vector512.Create(Philox4x32.Multiplier0);
        var m1 = Vector512.Create(Philox4x32.Multiplier1);
        for (int g = 0; g < output.Length / (4 * Blocks); g++)
        {
            ulong block = unchecked(firstBlock + (ulong)g * Blocks);
            Vector512<uint> x0 = Vector512.Create((uint)block) + LaneBlock;
            Vector512<uint> wrapped = Vector512.LessThan(x0, LaneBlock);    // all ones where the low word carried
            Vector512<uint> x1 = Vector512.Create((uint)(block >> 32)) - wrapped;
            Vector512<uint> x2 = Vector512.Create(c2);
            Vector512<uint> x3 = Vector512.Create(c3);
            for (int r = 0; r < roundKeys.Length; r += 2)
            {
                // c = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0) with (hi0, lo0) = M0·c0 and (hi1, lo1) = M1·c2.
                (Vector512<uint> hi0, Vector512<uint> lo0) = MulHiLo(m0, x0);
                (Vector512<uint> hi1, Vector512<uint> lo1) = MulHiLo(m1, x2);
                x0 = hi1 ^ x1 ^ Vector512.Create(roundKeys[r]);
                x1 = lo1;
                x2 = hi0 ^ x3 ^ Vector512.Create(roundKeys[r + 1]);
                x3 = lo0;
            }

            // Back to block order: a 4×4 transpose of words and blocks inside each 128-bit lane.
            Span<uint> destination = output.Slice(g * 4 * Blocks, 4 * Blocks);
            Vector512<ulong> a = Avx512F.UnpackLow(x0, x1).AsUInt64();
            Vector512<ulong> b = Avx512F.UnpackHigh(x0, x1).AsUInt64();
            Vector512<ulong> c = Avx512F.UnpackLow(x2, x3).AsUInt64();
            Vector512<ulong> d = Avx512F.UnpackHigh(x2, x3).AsUInt64();
            Avx512F.UnpackLow(a, c).AsUInt32().CopyTo(destination);
            Avx512F.UnpackHigh(a, c).AsUInt32().CopyTo(destination[16..]);
            Avx512F.UnpackLow(b, d).AsUInt32().CopyTo(destination[32..]);
            Avx512F.UnpackHigh(b, d).AsUInt32().CopyTo(destination[48..]);
        }
    }

    // (high, low) words of the 32×32→64 products lane by lane. The widening multiply reads the even lanes, so a second
    // one takes the odd lanes shifted down. The high words are the odd 32-bit halves of both products, gathered by one
    // two-table permute; the low words are the even products' low halves with the odd ones' shifted up beside them.
    // (The plain 32-bit multiply would give the low words in one instruction but competes for the multiplier ports.)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<uint> High, Vector512<uint> Low) MulHiLo(Vector512<uint> multiplier, Vector512<uint> x)
    {
        Vector512<ulong> even = Avx512F.Multiply(x, multiplier);
        Vector512<ulong> odd = Avx512F.Multiply((x.AsUInt64() >>> 32).AsUInt32(), multiplier);
        return (Avx512F.PermuteVar16x32x2(even.AsUInt32(), HighHalves, odd.AsUInt32()),
                Vector512.ConditionalSelect(EvenLanes, even.AsUInt32(), (odd << 32).AsUInt32()));
    }
}
