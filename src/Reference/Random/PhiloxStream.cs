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

    /// <summary>Fills <paramref name="destination"/> with the 32-bit draws of elements <c>first .. first+length-1</c>.</summary>
    public void FillUInt32(ulong step, ulong first, Span<uint> destination)
    {
        int written = 0;
        while (written < destination.Length)
        {
            ulong index = first + (ulong)written;
            Philox4x32.Block block = Block(step, index >> 2);
            for (int word = (int)(index & 3); word < 4 && written < destination.Length; word++)
            {
                destination[written++] = block[word];
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
