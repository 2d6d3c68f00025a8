using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Verification.Reference.Random;

/// <summary>Philox4x32 on 8 blocks at once with AVX2 (<see cref="PhiloxBulk"/> describes the lane layout).</summary>
internal static class PhiloxVector256
{
    /// <summary>Blocks per group.</summary>
    public const int Blocks = 8;

    // Lane 4s + p computes block 2p + s of the group: after the 4×4 transpose inside each 128-bit lane, vector p holds
    // blocks 2p and 2p + 1 in order, so the four vectors are stored back to back.
    private static readonly Vector256<uint> LaneBlock = Vector256.Create(0u, 2, 4, 6, 1, 3, 5, 7);

    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>
    /// Writes <c>output.Length / 32</c> groups of 8 blocks: word q of block <paramref name="firstBlock"/> + k
    /// (mod 2^64) to <c>output[4k + q]</c>, with counter words 2 and 3 fixed at <paramref name="c2"/>, <paramref name="c3"/>.
    /// </summary>
    public static void Generate(ulong firstBlock, uint c2, uint c3, ReadOnlySpan<uint> roundKeys, Span<uint> output)
    {
        var m0 = Vector256.Create(Philox4x32.Multiplier0);
        var m1 = Vector256.Create(Philox4x32.Multiplier1);
        for (int g = 0; g < output.Length / (4 * Blocks); g++)
        {
            ulong block = unchecked(firstBlock + (ulong)g * Blocks);
            Vector256<uint> x0 = Vector256.Create((uint)block) + LaneBlock;
            Vector256<uint> wrapped = Vector256.LessThan(x0, LaneBlock);    // all ones where the low word carried
            Vector256<uint> x1 = Vector256.Create((uint)(block >> 32)) - wrapped;
            Vector256<uint> x2 = Vector256.Create(c2);
            Vector256<uint> x3 = Vector256.Create(c3);
            for (int r = 0; r < roundKeys.Length; r += 2)
            {
                // c = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0) with (hi0, lo0) = M0·c0 and (hi1, lo1) = M1·c2.
                (Vector256<uint> hi0, Vector256<uint> lo0) = MulHiLo(m0, x0);
                (Vector256<uint> hi1, Vector256<uint> lo1) = MulHiLo(m1, x2);
                x0 = hi1 ^ x1 ^ Vector256.Create(roundKeys[r]);
                x1 = lo1;
                x2 = hi0 ^ x3 ^ Vector256.Create(roundKeys[r + 1]);
                x3 = lo0;
            }

            // Back to block order: a 4×4 transpose of words and blocks inside each 128-bit lane.
            Span<uint> destination = output.Slice(g * 4 * Blocks, 4 * Blocks);
            Vector256<ulong> a = Avx2.UnpackLow(x0, x1).AsUInt64();
            Vector256<ulong> b = Avx2.UnpackHigh(x0, x1).AsUInt64();
            Vector256<ulong> c = Avx2.UnpackLow(x2, x3).AsUInt64();
            Vector256<ulong> d = Avx2.UnpackHigh(x2, x3).AsUInt64();
            Avx2.UnpackLow(a, c).AsUInt32().CopyTo(destination);
            Avx2.UnpackHigh(a, c).AsUInt32().CopyTo(destination[8..]);
            Avx2.UnpackLow(b, d).AsUInt32().CopyTo(destination[16..]);
            Avx2.UnpackHigh(b, d).AsUInt32().CopyTo(destination[24..]);
        }
    }

    // (high, low) words of the 32×32→64 products lane by lane. The widening multiply reads the even lanes, so a second
    // one takes the odd lanes shifted down; each half is then shifted into its lane where needed and the two products
    // blended. (The plain 32-bit multiply would give the low words in one instruction but competes for the multiplier.)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<uint> High, Vector256<uint> Low) MulHiLo(Vector256<uint> multiplier, Vector256<uint> x)
    {
        Vector256<ulong> even = Avx2.Multiply(x, multiplier);
        Vector256<ulong> odd = Avx2.Multiply((x.AsUInt64() >>> 32).AsUInt32(), multiplier);
        return (Avx2.Blend((even >>> 32).AsUInt32(), odd.AsUInt32(), 0b1010_1010),
                Avx2.Blend(even.AsUInt32(), (odd << 32).AsUInt32(), 0b1010_1010));
    }
}
