namespace Verification.Reference.Random;

/// <summary>
/// The Philox4x32 counter-based block cipher of Salmon, Moraes, Dror and Shaw,
/// "Parallel random numbers: as easy as 1, 2, 3" (SC'11), with the constants of Random123's <c>philox.h</c>.
/// </summary>
/// <remarks>
/// A block maps a 128-bit counter and a 64-bit key to 128 pseudo-random bits, with no state: every draw in this
/// project is a pure function of its (key, counter), which is what makes results independent of thread count and
/// device. <see cref="PhiloxStream"/> fixes how seeds, streams, steps and element indices become keys and counters.
/// </remarks>
public static class Philox4x32
{
    /// <summary>The round count that Random123 and cuRAND use by default.</summary>
    public const int DefaultRounds = 10;

    internal const uint Multiplier0 = 0xD2511F53u;
    internal const uint Multiplier1 = 0xCD9E8D57u;
    internal const uint WeylBump0 = 0x9E3779B9u;
    internal const uint WeylBump1 = 0xBB67AE85u;

    /// <summary>Encrypts one counter block under a key with the given number of rounds.</summary>
    /// <param name="counter">The four 32-bit counter words c0..c3.</param>
    /// <param name="key">The two 32-bit key words k0, k1.</param>
    /// <param name="rounds">Number of rounds, 1..16 (10 is the standard Philox4x32-10).</param>
    /// <returns>The four 32-bit output words.</returns>
    public static Block Generate(Block counter, (uint K0, uint K1) key, int rounds = DefaultRounds)
    {
        if (rounds is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), rounds, $"Invalid Philox round count: {rounds} (must be in 1..16).");
        }

        uint c0 = counter.W0, c1 = counter.W1, c2 = counter.W2, c3 = counter.W3;
        uint k0 = key.K0, k1 = key.K1;
        for (int round = 0; round < rounds; round++)
        {
            if (round > 0)
            {
                // The key is bumped by the Weyl constants before every round but the first.
                k0 += WeylBump0;
                k1 += WeylBump1;
            }

            ulong product0 = (ulong)Multiplier0 * c0;
            ulong product1 = (ulong)Multiplier1 * c2;
            uint hi0 = (uint)(product0 >> 32), lo0 = (uint)product0;
            uint hi1 = (uint)(product1 >> 32), lo1 = (uint)product1;
            (c0, c1, c2, c3) = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0);
        }

        return new Block(c0, c1, c2, c3);
    }

    /// <summary>Four 32-bit words: a counter or an output block.</summary>
    /// <param name="W0">Word 0.</param>
    /// <param name="W1">Word 1.</param>
    /// <param name="W2">Word 2.</param>
    /// <param name="W3">Word 3.</param>
    public readonly record struct Block(uint W0, uint W1, uint W2, uint W3)
    {
        /// <summary>Word <paramref name="index"/> (0..3) of the block.</summary>
        public uint this[int index] => index switch
        {
            0 => W0,
            1 => W1,
            2 => W2,
            3 => W3,
            _ => throw new ArgumentOutOfRangeException(nameof(index), index, "A Philox block has words 0..3."),
        };

        /// <inheritdoc/>
        public override string ToString() => $"{W0:x8} {W1:x8} {W2:x8} {W3:x8}";
    }
}
