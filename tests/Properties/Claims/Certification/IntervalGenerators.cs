using FsCheck;
using FsCheck.Fluent;
using Verification.Claims.Certification.Arithmetic;
using Interval = Verification.Claims.Certification.Arithmetic.Interval;

namespace Verification.Properties.Claims.Certification;

/// <summary>Intervals and points inside them, over every magnitude a double has: zeros, subnormals, huge values, both signs.</summary>
internal static class IntervalGenerators
{
    /// <summary>A finite double: ordinary, tiny, subnormal, huge, zero, small integers, and values next to them.</summary>
    public static Gen<double> Double() =>
        Gen.Frequency(
            (4, from m in Gen.Choose(-1_000_000, 1_000_000) from e in Gen.Choose(-60, 60) select m * Math.Pow(2, e) / 1_000_000.0),
            (2, from m in Gen.Choose(-1_000_000, 1_000_000) from e in Gen.Choose(-1074, 1023) select Math.ScaleB(m / 1_000_000.0, e)),
            (1, Gen.Elements(0.0, -0.0, 1.0, -1.0, 2.0, 0.5, 3.0, double.Epsilon, -double.Epsilon, 2.2250738585072014E-308, double.MaxValue / 4)),
            (1, from k in Gen.Choose(-20, 20) from up in Gen.Elements(true, false) select up ? Math.BitIncrement(k) : Math.BitDecrement(k)));

    /// <summary>An interval and a point in it (an end, the midpoint, or a point between).</summary>
    public static Gen<(Interval Box, double Point)> IntervalWithPoint() =>
        from a in Double()
        from b in Gen.Frequency((3, Double()), (1, Gen.Constant(double.NaN)))
        from at in Gen.Choose(0, 1000)
        let lo = double.IsNaN(b) ? a : Math.Min(a, b)
        let hi = double.IsNaN(b) ? a : Math.Max(a, b)
        let point = at == 0 ? lo : at == 1000 ? hi : Math.Clamp(lo + (hi - lo) * (at / 1000.0), lo, hi)
        select (new Interval(lo, hi), double.IsFinite(point) ? point : lo);
}
