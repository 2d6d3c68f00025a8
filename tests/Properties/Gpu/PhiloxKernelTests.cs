using FsCheck;
using FsCheck.Fluent;
using Verification.Gpu;
using Verification.Reference.Random;

namespace Verification.Properties.Gpu;

/// <summary>The OpenCL Philox kernels reproduce src/Reference's <see cref="PhiloxStream"/> bit for bit.</summary>
public sealed class PhiloxKernelTests
{
    /// <summary>Number of FsCheck trials per property.</summary>
    private const int Trials = 100;

    private static readonly Gen<DrawCase> Cases =
        from seed in GpuGenerators.UInt64
        from stream in Gen.Elements(RandomStream.GradientMask, RandomStream.ExampleSampling, RandomStream.ProblemData, RandomStream.Instances, (RandomStream)0xDEADBEEF)
        from step in GpuGenerators.UInt64
        from first in GpuGenerators.UInt64
        from length in GpuGenerators.Length
        from rate in GpuGenerators.Rate
        select new DrawCase(seed, stream, step, first, length, rate);

    private static readonly Arbitrary<DrawCase> Arbitrary = Arb.From(Cases, ShrinkLength);

    [OpenClFact]
    public void Raw_blocks_match_the_Random123_known_answers()
    {
        uint[] counters =
        [
            0, 0, 0, 0,
            0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff,
            0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344,
        ];
        uint[] keys = [0, 0, 0xffffffff, 0xffffffff, 0xa4093822, 0x299f31d0];
        uint[] expected =
        [
            0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8,
            0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd,
            0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1,
        ];

        Assert.Equal(expected, OpenClTestEnvironment.Backend.PhiloxRaw(counters, keys, 10));
        Assert.Equal([0x5f6fb709u, 0x0d893f64u, 0x4f121f81u, 0x4f730a48u], OpenClTestEnvironment.Backend.PhiloxRaw([0, 0, 0, 0], [0, 0], 7));
    }

    [OpenClFact]
    public void Uint32_draws_equal_the_reference_stream() =>
        GpuGenerators.Check(Prop.ForAll(Arbitrary, c =>
        {
            var stream = new PhiloxStream(c.Seed, c.Stream);
            var expected = new uint[c.Length];
            stream.FillUInt32(c.Step, c.First, expected);

            OpenClBackend backend = OpenClTestEnvironment.Backend;
            using IDeviceVector<uint> device = backend.Allocate<uint>(c.Length);
            backend.FillUInt32(device, stream, c.Step, c.First);
            var actual = new uint[c.Length];
            device.Download(actual);

            AssertSame(expected, actual, c);
        }), Trials);

    [OpenClFact]
    public void Bernoulli_mask_bits_equal_the_reference_threshold_test() =>
        GpuGenerators.Check(Prop.ForAll(Arbitrary, c =>
        {
            var stream = new PhiloxStream(c.Seed, c.Stream);
            ulong threshold = BernoulliThreshold.For(c.Rate);
            var expected = new uint[c.Length];
            for (int i = 0; i < c.Length; i++)
            {
                expected[i] = BernoulliThreshold.Keeps(stream.UInt32(c.Step, unchecked(c.First + (ulong)i)), threshold) ? 1u : 0u;
            }

            OpenClBackend backend = OpenClTestEnvironment.Backend;
            using IDeviceVector<uint> device = backend.Allocate<uint>(c.Length);
            backend.FillBernoulliMask(device, stream, c.Step, c.First, threshold);
            var actual = new uint[c.Length];
            device.Download(actual);

            AssertSame(expected, actual, c);
        }), Trials);

    /// <summary>
    /// The masked scale kernel runs one work-item per Philox block, so any first index (not a multiple of 4, near 2^64
    /// where the index wraps) and any length must still scale exactly the kept coordinates.
    /// </summary>
    [OpenClFact(RequiresFloat64 = true)]
    public void Masked_scale_touches_exactly_the_kept_coordinates() =>
        GpuGenerators.Check(Prop.ForAll(Arbitrary, c =>
        {
            var stream = new PhiloxStream(c.Seed, c.Stream);
            ulong threshold = BernoulliThreshold.For(c.Rate);
            double[] x = Enumerable.Range(0, c.Length).Select(i => 1.0 + (i * 0.25)).ToArray();
            const double factor = 0.9990234375;
            double[] expected = x.Select((value, i) =>
                BernoulliThreshold.Keeps(stream.UInt32(c.Step, unchecked(c.First + (ulong)i)), threshold) ? value * factor : value).ToArray();

            OpenClBackend backend = OpenClTestEnvironment.Backend;
            using IDeviceVector<double> device = backend.Allocate<double>(c.Length);
            device.Upload(x);
            backend.Scale(device, factor, new Verification.Gpu.Optimizers.GradientMask(stream, c.Step, c.First, threshold));
            var actual = new double[c.Length];
            device.Download(actual);
            Assert.Equal(expected, actual);
        }), Trials);

    [OpenClFact]
    public void A_rate_of_one_keeps_every_coordinate()
    {
        OpenClBackend backend = OpenClTestEnvironment.Backend;
        using IDeviceVector<uint> device = backend.Allocate<uint>(4099);
        backend.FillBernoulliMask(device, new PhiloxStream(7, RandomStream.GradientMask), 3, ulong.MaxValue - 100, BernoulliThreshold.For(1.0));
        var actual = new uint[4099];
        device.Download(actual);
        Assert.All(actual, bit => Assert.Equal(1u, bit));
    }

    [OpenClFact(RequiresFloat64 = true)]
    public void Uniform_doubles_equal_the_reference_stream_bit_for_bit() =>
        GpuGenerators.Check(Prop.ForAll(Arbitrary, c =>
        {
            var stream = new PhiloxStream(c.Seed, c.Stream);
            var expected = new double[c.Length];
            for (int i = 0; i < c.Length; i++)
            {
                expected[i] = stream.UniformDouble(c.Step, unchecked(c.First + (ulong)i));
            }

            OpenClBackend backend = OpenClTestEnvironment.Backend;
            using IDeviceVector<double> device = backend.Allocate<double>(c.Length);
            backend.FillUniformDouble(device, stream, c.Step, c.First);
            var actual = new double[c.Length];
            device.Download(actual);

            for (int i = 0; i < c.Length; i++)
            {
                if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
                {
                    Assert.Fail($"{c}: element {i}: device {actual[i]:R} vs reference {expected[i]:R}");
                }
            }
        }), Trials);

    private static void AssertSame(uint[] expected, uint[] actual, DrawCase c)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i] != actual[i])
            {
                Assert.Fail($"{c}: element {i} (index {unchecked(c.First + (ulong)i)}): device {actual[i]:x8} vs reference {expected[i]:x8}");
            }
        }
    }

    private static IEnumerable<DrawCase> ShrinkLength(DrawCase c)
    {
        if (c.Length > 0)
        {
            yield return c with { Length = c.Length / 2 };
            yield return c with { Length = c.Length - 1 };
        }
    }

    /// <summary>One draw request: which stream, step and index range, and the keep rate for mask properties.</summary>
    public sealed record DrawCase(ulong Seed, RandomStream Stream, ulong Step, ulong First, int Length, double Rate);
}
