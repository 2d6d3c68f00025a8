namespace Verification.Reference.Random;

/// <summary>
/// The project's one layout of Philox4x32-10 draws: every random number is a pure function of
/// (seed, stream, step, index). docs/rng.md specifies it for other implementations.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>key = (low 32 bits of seed, high 32 bits of seed XOR stream id);</item>
/// <item>counter = (block low, block high, step low, step high) with block = index / 4 (words per block);</item>
/// <item>32-bit draw for (step, index) = output word index mod 4 of that block;</item>
/// <item>a uniform double for (step, index) uses block = index (one block per double) and words 0 and 1:
/// <c>((w0 &gt;&gt; 5) * 2^26 + (w1 &gt;&gt; 6)) / 2^53</c>, exact in IEEE double and in [0, 1).</item>
/// </list>
/// </remarks>
public readonly struct PhiloxStream
{
    // Words drawn per pass of the bulk fills that convert as they go: 4 KB on the stack.
    private const int BulkSlice = 1024;

    private readonly uint _k0;
    private readonly uint _k1;

    /// <summary>Creates the stream <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    public PhiloxStream(ulong seed, RandomStream stream)
    {
        Seed = seed;
        Stream = stream;
        _k0 = (uint)seed;
        _k1 = (uint)(seed >> 32) ^ (uint)stream;
    }

    /// <summary>The 64-bit seed.</summary>
    public ulong Seed { get; }

    /// <summary>The stream identifier mixed into the key.</summary>
    public RandomStream Stream { get; }

    /// <summary>The Philox key words derived from seed and stream.</summary>
    public (uint K0, uint K1) Key => (_k0, _k1);

    /// <summary>The Philox block for (step, block index).</summary>
    public Philox4x32.Block Block(ulong step, ulong block) =>
        Philox4x32.Generate(new Philox4x32.Block((uint)block, (uint)(block >> 32), (uint)step, (uint)(step >> 32)), Key);

    /// <summary>The 32-bit draw for element <paramref name="index"/> at <paramref name="step"/>.</summary>
    public uint UInt32(ulong step, ulong index) => Block(step, index >> 2)[(int)(index & 3)];

    /// <summary>
    /// Fills <paramref name="words"/> with whole blocks at <paramref name="step"/>: word q of block
    /// <paramref name="firstBlock"/> + k (mod 2^64) goes to <c>words[4k + q]</c>. The length must be a multiple of 4.
    /// </summary>
    /// <remarks>Many blocks per instruction where the CPU allows (<see cref="PhiloxBulk"/>); the same bits as <see cref="Block"/>.</remarks>
    public void FillBlocks(ulong step, ulong firstBlock, Span<uint> words) => FillBlocks(step, firstBlock, words, PhiloxBulk.Fastest);

    /// <summary>Fills <paramref name="destination"/> with the 32-bit draws of elements <c>first .. first+length-1</c> (mod 2^64).</summary>
    /// <remarks>The same bits as <see cref="UInt32"/> element by element, many blocks per instruction where the CPU allows.</remarks>
    public void FillUInt32(ulong step, ulong first, Span<uint> destination) => FillUInt32(step, first, destination, PhiloxBulk.Fastest);

    /// <summary>
    /// Fills <paramref name="keep"/> with the Bernoulli bits of elements <c>first .. first+length-1</c> (mod 2^64):
    /// element i is kept iff its 32-bit draw is below <paramref name="threshold"/> (<see cref="BernoulliThreshold"/>).
    /// </summary>
    public void FillBernoulli(ulong step, ulong first, ulong threshold, Span<bool> keep) => FillBernoulli(step, first, threshold, keep, PhiloxBulk.Fastest);

    /// <summary>Fills <paramref name="destination"/> with <see cref="UniformDouble"/> of slots <c>first .. first+length-1</c> (mod 2^64).</summary>
    public void FillUniformDouble(ulong step, ulong first, Span<double> destination) => FillUniformDouble(step, first, destination, PhiloxBulk.Fastest);

    /// <summary><see cref="FillBlocks(ulong, ulong, Span{uint})"/> on a chosen instruction-set path.</summary>
    internal void FillBlocks(ulong step, ulong firstBlock, Span<uint> words, PhiloxPath path) =>
        PhiloxBulk.Generate(firstBlock, (uint)step, (uint)(step >> 32), Key, words, path);

    /// <summary><see cref="FillUInt32(ulong, ulong, Span{uint})"/> on a chosen instruction-set path.</summary>
    internal void FillUInt32(ulong step, ulong first, Span<uint> destination, PhiloxPath path)
    {
        Span<uint> block = stackalloc uint[4];
        int written = 0;
        while (written < destination.Length)
        {
            ulong index = unchecked(first + (ulong)written);
            int remaining = destination.Length - written;
            int lead = (int)(index & 3);
            if (lead == 0 && remaining >= 4)
            {
                // Whole blocks, up to the last whole one or to the wrap of the index at 2^64 (0 − index, a multiple
                // of 4 here; 0 when index is 0, where nothing wraps), whichever comes first.
                int count = remaining & ~3;
                ulong untilWrap = unchecked(0UL - index);
                if (untilWrap != 0 && untilWrap < (ulong)count)
                {
                    count = (int)untilWrap;
                }

                FillBlocks(step, index >> 2, destination.Slice(written, count), path);
                written += count;
            }
            else
            {
                // A block the range enters past its first word or leaves before its last.
                FillBlocks(step, index >> 2, block, path);
                int take = Math.Min(4 - lead, remaining);
                block.Slice(lead, take).CopyTo(destination.Slice(written, take));
                written += take;
            }
        }
    }

    /// <summary><see cref="FillBernoulli(ulong, ulong, ulong, Span{bool})"/> on a chosen instruction-set path.</summary>
    internal void FillBernoulli(ulong step, ulong first, ulong threshold, Span<bool> keep, PhiloxPath path)
    {
        Span<uint> words = stackalloc uint[BulkSlice];
        for (int done = 0; done < keep.Length; done += BulkSlice)
        {
            int n = Math.Min(BulkSlice, keep.Length - done);
            FillUInt32(step, unchecked(first + (ulong)done), words[..n], path);
            for (int i = 0; i < n; i++)
            {
                keep[done + i] = BernoulliThreshold.Keeps(words[i], threshold);
            }
        }
    }

    /// <summary><see cref="FillUniformDouble(ulong, ulong, Span{double})"/> on a chosen instruction-set path.</summary>
    internal void FillUniformDouble(ulong step, ulong first, Span<double> destination, PhiloxPath path)
    {
        const int slots = BulkSlice / 4;   // one block per double
        Span<uint> words = stackalloc uint[BulkSlice];
        for (int done = 0; done < destination.Length; done += slots)
        {
            int n = Math.Min(slots, destination.Length - done);
            FillBlocks(step, unchecked(first + (ulong)done), words[..(4 * n)], path);
            for (int i = 0; i < n; i++)
            {
                destination[done + i] = ToUnitInterval(words[4 * i], words[4 * i + 1]);
            }
        }
    }

    /// <summary>
    /// A uniform double in [0, 1) for slot <paramref name="index"/> at <paramref name="step"/>, built from 53 bits of
    /// words 0 and 1 of block <paramref name="index"/>.
    /// </summary>
    public double UniformDouble(ulong step, ulong index)
    {
        Philox4x32.Block block = Block(step, index);
        return ToUnitInterval(block.W0, block.W1);
    }

    /// <summary>The exact map of two 32-bit words to a double in [0, 1): 27 high bits of w0, 26 high bits of w1.</summary>
    public static double ToUnitInterval(uint w0, uint w1) => ((w0 >> 5) * 67108864.0 + (w1 >> 6)) / 9007199254740992.0;
}
