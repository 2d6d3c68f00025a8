using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Verification.Reference.Random;

/// <summary>Philox4x32 on 4 blocks at once with SSE2 (<see cref="PhiloxBulk"/> describes the lane layout).</summary>
internal static class PhiloxVector128
{
    /// <summary>Blocks per group.</summary>
    public const int Blocks = 4;

    // Lane p computes block p of the group: after the 4×4 transpose, vector p holds block p's four words.
    private static readonly Vector128<uint> LaneBlock = Vector128.Create(0u, 1, 2, 3);

    // The odd 32-bit lanes, where a 64-bit product keeps its high half.
    private static readonly Vector128<uint> OddLanes = Vector128.Create(0xFFFFFFFF_00000000ul).AsUInt32();

    public static bool IsSupported => Sse2.IsSupported;

    /// <summary>
    /// Writes <c>output.Length / 16</c> groups of 4 blocks: word q of block <paramref name="firstBlock"/> + k
    /// (mod 2^64) to <c>output[4k + q]</c>, with counter words 2 and 3 fixed at <paramref name="c2"/>, <paramref name="c3"/>.
    /// </summary>
    public static void Generate(ulong firstBlock, uint c2, uint c3, ReadOnlySpan<uint> roundKeys, Span<uint> output)
    {
        var m0 = Vector128.Create(Philox4x32.Multiplier0);
        var m1 = Vector128.Create(Philox4x32.Multiplier1);
        for (int g = 0; g < output.Length / (4 * Blocks); g++)
        {
            ulong block = unchecked(firstBlock + (ulong)g * Blocks);
            Vector128<uint> x0 = Vector128.Create((uint)block) + LaneBlock;
            Vector128<uint> wrapped = Vector128.LessThan(x0, LaneBlock);    // all ones where the low word carried
            Vector128<uint> x1 = Vector128.Create((uint)(block >> 32)) - wrapped;
            Vector128<uint> x2 = Vector128.Create(c2);
            Vector128<uint> x3 = Vector128.Create(c3);
            for (int r = 0; r < roundKeys.Length; r += 2)
            {
                // c = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0) with (hi0, lo0) = M0·c0 and (hi1, lo1) = M1·c2.
                (Vector128<uint> hi0, Vector128<uint> lo0) = MulHiLo(m0, x0);
                (Vector128<uint> hi1, Vector128<uint> lo1) = MulHiLo(m1, x2);
                x0 = hi1 ^ x1 ^ Vector128.Create(roundKeys[r]);
                x1 = lo1;
                x2 = hi0 ^ x3 ^ Vector128.Create(roundKeys[r + 1]);
                x3 = lo0;
            }

            // Back to block order: a 4×4 transpose of words and blocks inside each 128-bit lane.
            Span<uint> destination = output.Slice(g * 4 * Blocks, 4 * Blocks);
            Vector128<ulong> a = Sse2.UnpackLow(x0, x1).AsUInt64();
            Vector128<ulong> b = Sse2.UnpackHigh(x0, x1).AsUInt64();
            Vector128<ulong> c = Sse2.UnpackLow(x2, x3).AsUInt64();
            Vector128<ulong> d = Sse2.UnpackHigh(x2, x3).AsUInt64();
            Sse2.UnpackLow(a, c).AsUInt32().CopyTo(destination);
            Sse2.UnpackHigh(a, c).AsUInt32().CopyTo(destination[4..]);
            Sse2.UnpackLow(b, d).AsUInt32().CopyTo(destination[8..]);
            Sse2.UnpackHigh(b, d).AsUInt32().CopyTo(destination[12..]);
        }
    }

    // (high, low) words of the 32×32→64 products lane by lane. The widening multiply reads the even lanes, so a second
    // one takes the odd lanes shifted down; each half is then shifted into its lane where needed and the two products
    // blended (one instruction with SSE4.1, a bitwise select with SSE2 alone).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<uint> High, Vector128<uint> Low) MulHiLo(Vector128<uint> multiplier, Vector128<uint> x)
    {
        Vector128<ulong> even = Sse2.Multiply(x, multiplier);
        Vector128<ulong> odd = Sse2.Multiply((x.AsUInt64() >>> 32).AsUInt32(), multiplier);
        return (OddFrom(odd, even >>> 32), OddFrom(odd << 32, even));
    }

    // The odd 32-bit lanes of the first vector, the even ones of the second.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> OddFrom(Vector128<ulong> odd, Vector128<ulong> even) =>
        Sse41.IsSupported
            ? Sse41.Blend(even.AsUInt16(), odd.AsUInt16(), 0b1100_1100).AsUInt32()
            : Vector128.ConditionalSelect(OddLanes, odd.AsUInt32(), even.AsUInt32());
}
