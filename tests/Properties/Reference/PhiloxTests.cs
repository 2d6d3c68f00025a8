using FsCheck;
using FsCheck.Fluent;
using Verification.Properties.Support;
using Verification.Reference.Random;

namespace Verification.Properties.Reference;

public class PhiloxTests
{
    /// <summary>The known-answer vectors of ../shared/platform.md (Random123's kat_vectors).</summary>
    [Theory]
    [InlineData(10, new uint[] { 0, 0, 0, 0 }, new uint[] { 0, 0 }, new uint[] { 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8 })]
    [InlineData(10, new uint[] { 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff }, new uint[] { 0xffffffff, 0xffffffff }, new uint[] { 0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd })]
    [InlineData(10, new uint[] { 0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344 }, new uint[] { 0xa4093822, 0x299f31d0 }, new uint[] { 0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1 })]
    [InlineData(7, new uint[] { 0, 0, 0, 0 }, new uint[] { 0, 0 }, new uint[] { 0x5f6fb709, 0x0d893f64, 0x4f121f81, 0x4f730a48 })]
    public void Philox_reproduces_the_known_answer_vectors(int rounds, uint[] counter, uint[] key, uint[] expected)
    {
        Philox4x32.Block output = Philox4x32.Generate(new(counter[0], counter[1], counter[2], counter[3]), (key[0], key[1]), rounds);
        Assert.Equal(new Philox4x32.Block(expected[0], expected[1], expected[2], expected[3]), output);
    }

    [Fact]
    public void Stream_layout_puts_seed_stream_step_and_index_where_docs_rng_says()
    {
        // key = (seed low, seed high XOR stream); counter = (block low, block high, step low, step high).
        ulong seed = 0x0123456789abcdefUL;
        var stream = new PhiloxStream(seed, RandomStream.GradientMask);
        ulong step = 0x0000000500000007UL, index = 4UL * 0x100000003UL + 2;
        Philox4x32.Block direct = Philox4x32.Generate(
            new Philox4x32.Block(3, 1, 7, 5), (0x89abcdefu, 0x01234567u ^ (uint)RandomStream.GradientMask));
        Assert.Equal(direct.W2, stream.UInt32(step, index));
    }

    [Fact]
    public void Bulk_fill_equals_element_draws_for_any_offset_and_length()
    {
        Prop.ForAll(
            Arb.From(from seed in Gen.Choose(0, int.MaxValue)
                     from step in Gen.Choose(0, 1000)
                     from first in Gen.Choose(0, 37)
                     from length in Gen.Choose(0, 41)
                     select (seed, step, first, length)),
            c =>
            {
                var stream = new PhiloxStream((ulong)c.seed, RandomStream.GradientMask);
                var bulk = new uint[c.length];
                stream.FillUInt32((ulong)c.step, (ulong)c.first, bulk);
                return bulk.Select((w, k) => w == stream.UInt32((ulong)c.step, (ulong)(c.first + k))).All(x => x);
            }).Check(Generators.Config(200));
    }

    [Fact]
    public void Unit_interval_map_is_exact_and_covers_its_ends()
    {
        Assert.Equal(0.0, PhiloxStream.ToUnitInterval(0, 0));
        Assert.Equal(1.0 - Math.Pow(2, -53), PhiloxStream.ToUnitInterval(uint.MaxValue, uint.MaxValue));
        Assert.Equal(0.5, PhiloxStream.ToUnitInterval(0x80000000u, 0));
    }

    [Fact]
    public void Bernoulli_threshold_keeps_everything_at_rate_one_and_matches_the_rate_in_frequency()
    {
        Assert.Equal(1UL << 32, BernoulliThreshold.For(1.0));
        Assert.True(BernoulliThreshold.Keeps(uint.MaxValue, BernoulliThreshold.For(1.0)));

        // 200,000 draws at s = 0.3: the kept fraction has standard deviation √(s(1−s)/N) ≈ 1.02e-3; a 5σ band
        // fails by chance with probability below 1e-6, so a failure means a biased mask.
        const int n = 200_000;
        var words = new uint[n];
        new PhiloxStream(42, RandomStream.GradientMask).FillUInt32(1, 0, words);
        ulong threshold = BernoulliThreshold.For(0.3);
        double kept = words.Count(w => BernoulliThreshold.Keeps(w, threshold)) / (double)n;
        Assert.InRange(kept, 0.3 - 5 * Math.Sqrt(0.21 / n), 0.3 + 5 * Math.Sqrt(0.21 / n));
    }
}
