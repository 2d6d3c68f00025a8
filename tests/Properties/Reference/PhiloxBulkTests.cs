using FsCheck;
using FsCheck.Fluent;
using Verification.Properties.Support;
using Verification.Reference.Random;
using Xunit.Abstractions;

namespace Verification.Properties.Reference;

/// <summary>
/// Every instruction-set path of the bulk Philox generator is the scalar definition (<see cref="Philox4x32.Generate"/>,
/// <see cref="PhiloxStream.UInt32"/>, <see cref="PhiloxStream.UniformDouble"/>) bit for bit. Each property runs every
/// path this machine supports, forced explicitly, and writes which ones ran to the test output.
/// </summary>
public class PhiloxBulkTests(ITestOutputHelper output)
{
    private static readonly PhiloxPath[] AllPaths = [PhiloxPath.Scalar, PhiloxPath.Vector128, PhiloxPath.Vector256, PhiloxPath.Vector512];

    /// <summary>Any 32-bit word, with 0 and the all-ones word over-represented.</summary>
    private static readonly Gen<uint> Word = Gen.Frequency(
        (6, Gen.Choose(int.MinValue, int.MaxValue).Select(x => unchecked((uint)x))),
        (1, Gen.Elements(0u, 1u, 0xFFFF_FFFEu, 0xFFFF_FFFFu)));

    /// <summary>
    /// 64-bit values anywhere, and just below the places where a counter carries from its low word into its high word
    /// (2^32), where the 64-bit block number wraps (2^64), and where an element index wraps or its block's low word
    /// carries (4·(2^32 − 1), 2^64 − 1).
    /// </summary>
    private static readonly Gen<ulong> Counter = Gen.Frequency(
        (3, from hi in Word from lo in Word select ((ulong)hi << 32) | lo),
        (1, Gen.Choose(0, 100).Select(i => (ulong)i)),
        (3, from edge in Gen.Elements(0x1_0000_0000UL, 0x2_0000_0000UL, 0x4_0000_0000UL, 4 * 0xFFFF_FFFFUL, 0x4000_0000_0000_0000UL, 0UL)
            from back in Gen.Choose(-70, 40)
            select unchecked(edge + (ulong)(long)back)));

    /// <summary>Lengths that are no multiple of any vector width, the widths themselves, 0, and a long run.</summary>
    private static readonly Gen<int> Length = Gen.Frequency(
        (4, Gen.Elements(0, 1, 3, 5, 7, 15, 17, 31, 33, 1001)),
        (1, Gen.Elements(4, 8, 16, 32, 64, 2048, 4099)),
        (2, Gen.Choose(0, 300)));

    [Fact]
    public void Fastest_path_is_the_widest_this_machine_supports()
    {
        PhiloxPath[] supported = SupportedPaths();
        Assert.Equal(supported[^1], PhiloxBulk.Fastest);
        Assert.True(PhiloxBulk.IsSupported(PhiloxPath.Scalar));
    }

    [Fact]
    public void Every_path_reproduces_the_known_answer_vectors_in_every_lane()
    {
        // Random123's vectors, with the block placed at each lane of a group (the blocks before it are computed too
        // and dropped), so a lane whose counter or transpose slot were wrong would show.
        (uint[] Counter, uint K0, uint K1, int Rounds, uint[] Expected)[] vectors =
        [
            ([0, 0, 0, 0], 0, 0, 10, [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]),
            ([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], 0xffffffff, 0xffffffff, 10, [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]),
            ([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], 0xa4093822, 0x299f31d0, 10, [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]),
            ([0, 0, 0, 0], 0, 0, 7, [0x5f6fb709, 0x0d893f64, 0x4f121f81, 0x4f730a48]),
        ];
        foreach (PhiloxPath path in SupportedPaths())
        {
            foreach ((uint[] c, uint k0, uint k1, int rounds, uint[] expected) in vectors)
            {
                ulong block = ((ulong)c[1] << 32) | c[0];
                for (int lane = 0; lane < 16; lane++)
                {
                    var words = new uint[4 * (lane + 1)];
                    PhiloxBulk.Generate(unchecked(block - (ulong)lane), c[2], c[3], (k0, k1), words, path, rounds);
                    Assert.Equal(expected, words[(4 * lane)..]);
                }
            }
        }

        Report("known answers");
    }

    [Fact]
    public void Every_path_generates_the_scalar_blocks_for_consecutive_counters()
    {
        Gen<(ulong, uint, uint, uint, uint, int, int)> cases =
            from first in Counter
            from c2 in Word
            from c3 in Word
            from k0 in Word
            from k1 in Word
            from blocks in Length
            from rounds in Gen.Frequency((4, Gen.Constant(10)), (1, Gen.Choose(1, 16)))
            select (first, c2, c3, k0, k1, blocks, rounds);
        foreach (PhiloxPath path in SupportedPaths())
        {
            Prop.ForAll(Arb.From(cases), c =>
            {
                (ulong first, uint c2, uint c3, uint k0, uint k1, int blocks, int rounds) = c;
                var words = new uint[4 * blocks];
                PhiloxBulk.Generate(first, c2, c3, (k0, k1), words, path, rounds);
                for (int k = 0; k < blocks; k++)
                {
                    ulong b = unchecked(first + (ulong)k);
                    Philox4x32.Block expected = Philox4x32.Generate(new Philox4x32.Block((uint)b, (uint)(b >> 32), c2, c3), (k0, k1), rounds);
                    Assert.True(
                        new Philox4x32.Block(words[4 * k], words[4 * k + 1], words[4 * k + 2], words[4 * k + 3]) == expected,
                        $"{path}: block {k} of {blocks} from {first:x16}");
                }

                return true;
            }).Check(Generators.Config(150));
        }

        Report("blocks");
    }

    [Fact]
    public void Every_path_fills_the_element_draws_at_any_offset_and_length()
    {
        foreach (PhiloxPath path in SupportedPaths())
        {
            Prop.ForAll(Arb.From(StreamCases()), c =>
            {
                var bulk = new uint[c.Length];
                c.Stream.FillUInt32(c.Step, c.First, bulk, path);
                for (int i = 0; i < bulk.Length; i++)
                {
                    Assert.True(bulk[i] == c.Stream.UInt32(c.Step, unchecked(c.First + (ulong)i)), $"{path}: element {i} of {c}");
                }

                return true;
            }).Check(Generators.Config(150));
        }

        Report("32-bit draws");
    }

    [Fact]
    public void Every_path_fills_the_bernoulli_bits_of_the_threshold_test()
    {
        Gen<(StreamCase, ulong)> cases =
            from c in StreamCases()
            from threshold in Gen.Frequency(
                (1, Gen.Elements(0UL, 1UL, 1UL << 31, (1UL << 32) - 1, 1UL << 32)),
                (3, Word.Select(w => (ulong)w)))
            select (c, threshold);
        foreach (PhiloxPath path in SupportedPaths())
        {
            Prop.ForAll(Arb.From(cases), x =>
            {
                (StreamCase c, ulong threshold) = x;
                var keep = new bool[c.Length];
                c.Stream.FillBernoulli(c.Step, c.First, threshold, keep, path);
                for (int i = 0; i < keep.Length; i++)
                {
                    Assert.True(
                        keep[i] == BernoulliThreshold.Keeps(c.Stream.UInt32(c.Step, unchecked(c.First + (ulong)i)), threshold),
                        $"{path}: element {i} of {c}, threshold {threshold}");
                }

                return true;
            }).Check(Generators.Config(100));
        }

        Report("Bernoulli bits");
    }

    [Fact]
    public void Every_path_fills_the_uniform_doubles_bit_for_bit()
    {
        foreach (PhiloxPath path in SupportedPaths())
        {
            Prop.ForAll(Arb.From(StreamCases()), c =>
            {
                var bulk = new double[c.Length];
                c.Stream.FillUniformDouble(c.Step, c.First, bulk, path);
                double[] expected = Enumerable.Range(0, c.Length).Select(i => c.Stream.UniformDouble(c.Step, unchecked(c.First + (ulong)i))).ToArray();
                Bits.Equal(expected, bulk, $"{path}, {c}:");
                return true;
            }).Check(Generators.Config(100));
        }

        Report("uniform doubles");
    }

    [Fact]
    public void Public_fills_use_the_fastest_path_and_agree_with_it()
    {
        var stream = new PhiloxStream(0x0123456789abcdefUL, RandomStream.GradientMask);
        var viaPublic = new uint[1001];
        var viaFastest = new uint[1001];
        stream.FillUInt32(7, 4 * 0xFFFF_FFFFUL - 5, viaPublic);
        stream.FillUInt32(7, 4 * 0xFFFF_FFFFUL - 5, viaFastest, PhiloxBulk.Fastest);
        Assert.Equal(viaFastest, viaPublic);
        Assert.Equal(stream.UInt32(7, 4 * 0xFFFF_FFFFUL + 995), viaPublic[1000]);
    }

    [Fact]
    public void Block_fill_rejects_a_partial_block()
    {
        var stream = new PhiloxStream(1, RandomStream.GradientMask);
        Assert.Throws<ArgumentException>(() => stream.FillBlocks(1, 0, new uint[6]));
    }

    private static Gen<StreamCase> StreamCases() =>
        from seedHi in Word
        from seedLo in Word
        from id in Gen.Elements(RandomStream.GradientMask, RandomStream.ExampleSampling, (RandomStream)0xFFFF_FFFFu)
        from step in Counter
        from first in Counter
        from length in Length
        select new StreamCase(new PhiloxStream(((ulong)seedHi << 32) | seedLo, id), step, first, length);

    private static PhiloxPath[] SupportedPaths() => AllPaths.Where(PhiloxBulk.IsSupported).ToArray();

    private void Report(string what)
    {
        PhiloxPath[] missing = AllPaths.Where(p => !PhiloxBulk.IsSupported(p)).ToArray();
        output.WriteLine($"{what}: ran {string.Join(", ", SupportedPaths())}; not supported here: {(missing.Length == 0 ? "none" : string.Join(", ", missing))}");
    }

    private sealed record StreamCase(PhiloxStream Stream, ulong Step, ulong First, int Length)
    {
        public override string ToString() => $"seed {Stream.Seed:x16}, stream {(uint)Stream.Stream}, step {Step:x16}, first {First:x16}, length {Length}";
    }
}
