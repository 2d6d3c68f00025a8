namespace Verification.Reference.Random;

/// <summary>
/// Many Philox4x32 blocks for consecutive counters at once: the bulk form of <see cref="Philox4x32.Generate"/>, with
/// the same bits on every <see cref="PhiloxPath"/>.
/// </summary>
/// <remarks>
/// Block k of a call has the counter (b mod 2^32, b >> 32, c2, c3) with b = firstBlock + k mod 2^64, the project's
/// layout (docs/rng.md §2), and its output words go to <c>words[4k .. 4k + 3]</c>, so a mask's draws land in index
/// order. The vector paths keep one block per 32-bit lane (structure of arrays), do each round's two 32×32→64
/// products with the even-lane widening multiply (a second one on the odd lanes shifted down), and transpose the four
/// word vectors back to block order before storing. Integer arithmetic only: the bits cannot depend on the path, and
/// PhiloxBulkTests holds every path the machine supports to the scalar definition.
/// </remarks>
internal static class PhiloxBulk
{
    /// <summary>The widest path this machine supports: the one the public bulk APIs use.</summary>
    public static PhiloxPath Fastest { get; } =
        PhiloxVector512.IsSupported ? PhiloxPath.Vector512
        : PhiloxVector256.IsSupported ? PhiloxPath.Vector256
        : PhiloxVector128.IsSupported ? PhiloxPath.Vector128
        : PhiloxPath.Scalar;

    /// <summary>Whether <paramref name="path"/> can run on this machine (the scalar path always can).</summary>
    public static bool IsSupported(PhiloxPath path) => path switch
    {
        PhiloxPath.Scalar => true,
        PhiloxPath.Vector128 => PhiloxVector128.IsSupported,
        PhiloxPath.Vector256 => PhiloxVector256.IsSupported,
        PhiloxPath.Vector512 => PhiloxVector512.IsSupported,
        _ => false,
    };

    /// <summary>Blocks computed together on <paramref name="path"/>.</summary>
    public static int BlocksPerGroup(PhiloxPath path) => path switch
    {
        PhiloxPath.Vector128 => PhiloxVector128.Blocks,
        PhiloxPath.Vector256 => PhiloxVector256.Blocks,
        PhiloxPath.Vector512 => PhiloxVector512.Blocks,
        _ => 1,
    };

    /// <summary>
    /// Writes <c>words.Length / 4</c> blocks: word q of the block with counter (firstBlock + k mod 2^64, c2, c3) and
    /// <paramref name="key"/> to <c>words[4k + q]</c>.
    /// </summary>
    public static void Generate(
        ulong firstBlock, uint c2, uint c3, (uint K0, uint K1) key, Span<uint> words, PhiloxPath path, int rounds = Philox4x32.DefaultRounds)
    {
        if (words.Length % 4 != 0)
        {
            throw new ArgumentException($"A whole number of 4-word blocks is needed, not {words.Length} words.", nameof(words));
        }

        if (!IsSupported(path))
        {
            throw new PlatformNotSupportedException($"The {path} Philox path needs an instruction set this machine lacks.");
        }

        if (rounds is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), rounds, $"Invalid Philox round count: {rounds} (must be in 1..16).");
        }

        if (path == PhiloxPath.Scalar)
        {
            for (int k = 0; k < words.Length / 4; k++)
            {
                ulong block = unchecked(firstBlock + (ulong)k);
                Philox4x32.Block output = Philox4x32.Generate(new Philox4x32.Block((uint)block, (uint)(block >> 32), c2, c3), key, rounds);
                words[4 * k] = output.W0;
                words[4 * k + 1] = output.W1;
                words[4 * k + 2] = output.W2;
                words[4 * k + 3] = output.W3;
            }

            return;
        }

        // The key of round r (0-based) is the given key plus r Weyl bumps, mod 2^32.
        Span<uint> roundKeys = stackalloc uint[2 * rounds];
        for (int r = 0; r < rounds; r++)
        {
            roundKeys[2 * r] = unchecked(key.K0 + (uint)r * Philox4x32.WeylBump0);
            roundKeys[2 * r + 1] = unchecked(key.K1 + (uint)r * Philox4x32.WeylBump1);
        }

        int groupWords = 4 * BlocksPerGroup(path);
        int whole = words.Length / groupWords * groupWords;
        Vectorized(path, firstBlock, c2, c3, roundKeys, words[..whole]);
        if (whole < words.Length)
        {
            // The last blocks fill part of a group: compute the whole group aside and keep what was asked for.
            Span<uint> group = stackalloc uint[groupWords];
            Vectorized(path, unchecked(firstBlock + (ulong)(whole / 4)), c2, c3, roundKeys, group);
            group[..(words.Length - whole)].CopyTo(words[whole..]);
        }
    }

    private static void Vectorized(PhiloxPath path, ulong firstBlock, uint c2, uint c3, ReadOnlySpan<uint> roundKeys, Span<uint> words)
    {
        switch (path)
        {
            case PhiloxPath.Vector512:
                PhiloxVector512.Generate(firstBlock, c2, c3, roundKeys, words);
                break;
            case PhiloxPath.Vector256:
                PhiloxVector256.Generate(firstBlock, c2, c3, roundKeys, words);
                break;
            default:
                PhiloxVector128.Generate(firstBlock, c2, c3, roundKeys, words);
                break;
        }
    }
}
