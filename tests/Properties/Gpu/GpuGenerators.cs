using FsCheck;
using FsCheck.Fluent;

namespace Verification.Properties.Gpu;

/// <summary>FsCheck generators shared by the accelerator properties.</summary>
internal static class GpuGenerators
{
    /// <summary>Any 64-bit value, with the word boundaries (0, 2^32 − 1, 2^32, 2^64 − 1, ...) over-represented.</summary>
    public static Gen<ulong> UInt64 { get; } = Gen.Frequency(
        (4, from hi in Gen.Choose(int.MinValue, int.MaxValue)
            from lo in Gen.Choose(int.MinValue, int.MaxValue)
            select ((ulong)(uint)hi << 32) | (uint)lo),
        (2, Gen.Choose(0, 1000).Select(i => (ulong)i)),
        (1, Gen.Elements(0UL, 1UL, 3UL, 4UL, 0xFFFF_FFFFUL, 0x1_0000_0000UL, 0x3_FFFF_FFFCUL, 0x4_0000_0000UL, ulong.MaxValue - 7, ulong.MaxValue)));

    /// <summary>Lengths: 0, 1, non-multiples of 4, a few thousand, and occasionally a large 2^17 + 3.</summary>
    public static Gen<int> Length { get; } = Gen.Frequency(
        (3, Gen.Elements(0, 1, 2, 3, 4, 5, 7, 9, 15, 17)),
        (4, Gen.Choose(0, 5000)),
        (1, Gen.Elements(131_075, 65_536)));

    /// <summary>A keep rate s in (0, 1], with 1, 1/2 and tiny rates over-represented.</summary>
    public static Gen<double> Rate { get; } = Gen.Frequency(
        (1, Gen.Elements(1.0, 0.5, 1e-9, 0.999999, 0.25)),
        (3, Gen.Choose(1, 1 << 30).Select(i => i / (double)(1 << 30))));

    /// <summary>
    /// A finite double: random 53-bit mantissas over ±2^±40, plus zeros of both signs, subnormals, ±1 and ±1e150 (whose
    /// square still fits in a double).
    /// </summary>
    public static Gen<double> Finite { get; } = Gen.Frequency(
        (8, from a in Gen.Choose(int.MinValue, int.MaxValue)
            from b in Gen.Choose(0, int.MaxValue)
            from e in Gen.Choose(-40, 40)
            select Math.ScaleB((a + (b / 2147483648.0)) / 2147483648.0, e)),
        (1, Gen.Elements(0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-310, -3e-320, 1.0, -1.0, 1e150, -1e150, 1e-150)));

    /// <summary>A value in [0, 1), uniformly on a 2^-30 grid or one of the common settings.</summary>
    public static Gen<double> Unit(params double[] common) => Gen.Frequency(
        (2, Gen.Elements(common)),
        (1, Gen.Choose(0, (1 << 30) - 1).Select(i => i / (double)(1 << 30))));

    /// <summary>A float in ±[2^lo, 2^hi] or 0, with a random 24-bit mantissa: far from float underflow and overflow.</summary>
    public static Gen<double> FloatRange(int lo, int hi, bool signed = true) => Gen.Frequency(
        (1, Gen.Constant(0.0)),
        (8, from mant in Gen.Choose(1 << 23, (1 << 24) - 1)
            from e in Gen.Choose(lo, hi)
            from negative in Gen.Elements(false, signed)
            select (negative ? -1.0 : 1.0) * Math.ScaleB(mant / (double)(1 << 23), e)));

    /// <summary>Runs <paramref name="property"/> <paramref name="trials"/> times, throwing (with the replay seed) on failure.</summary>
    public static void Check(Property property, int trials) =>
        FsCheck.Check.One(Verification.Properties.Support.Generators.Config(trials), property);
}
