using FsCheck;
using FsCheck.Fluent;
using Verification.Claims.Certification.Arithmetic;
using Interval = Verification.Claims.Certification.Arithmetic.Interval;
using Verification.Properties.Support;

namespace Verification.Properties.Claims.Certification;

/// <summary>
/// Every interval operation encloses the result at every point of its operands: the double result (what the claim's
/// code computes there) and, for +, −, ×, ÷ and √, the exact real result (checked in rational arithmetic). Operands
/// span zeros, subnormals and magnitudes up to 2^1021; infinities are outside the contract of the point operations.
/// </summary>
public sealed class IntervalSoundnessTests
{
    private const int Trials = 20_000;

    private delegate Interval BinaryOp(Interval a, Interval b);

    [Theory]
    [InlineData("+")]
    [InlineData("-")]
    [InlineData("*")]
    [InlineData("/")]
    public void Arithmetic_encloses_the_exact_result_at_every_point(string op)
    {
        Check.One(Generators.Config(Trials), Encloses(Binary(op), op));
    }

    [Fact]
    public void Square_root_encloses_the_exact_root_at_every_point()
    {
        // |operand| ranges over [0, max] (when it straddles 0) or [min, max] of the magnitudes, and holds |point|.
        Gen<(Interval Box, double Point)> nonNegative = IntervalGenerators.IntervalWithPoint().Select(c =>
        {
            double a = Math.Abs(c.Box.Lo), b = Math.Abs(c.Box.Hi);
            double lo = c.Box.Lo <= 0.0 && c.Box.Hi >= 0.0 ? 0.0 : Math.Min(a, b);
            return (new Interval(lo, Math.Max(a, b)), Math.Abs(c.Point));
        });
        Check.One(Generators.Config(Trials), Prop.ForAll(nonNegative.ToArbitrary(), c =>
        {
            Interval root = Interval.Sqrt(c.Box);
            double r = Math.Sqrt(c.Point);
            ExactRational x = ExactRational.Of(c.Point), lo = ExactRational.Of(root.Lo), hi = ExactRational.Of(root.Hi);
            bool exact = ExactRational.Compare(lo * lo, x) <= 0 && (double.IsPositiveInfinity(root.Hi) || ExactRational.Compare(x, hi * hi) <= 0) && root.Lo >= 0.0;
            return (root.Contains(r) && exact).Label($"√{c.Box} = {root} at {c.Point:R} (√ = {r:R})");
        }));
    }

    [Fact]
    public void Every_other_operation_encloses_the_double_result_at_every_point()
    {
        Gen<((Interval, double) A, (Interval, double) B, int Op)> cases =
            from a in IntervalGenerators.IntervalWithPoint()
            from b in IntervalGenerators.IntervalWithPoint()
            from op in Gen.Choose(0, 8)
            select (a, b, op);
        Check.One(Generators.Config(Trials), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            ((Interval x, double px), (Interval y, double py), int op) = c;
            (Interval result, double point, string name) = op switch
            {
                0 => (Interval.Abs(x), Math.Abs(px), "abs"),
                1 => (Interval.Min(x, y), Math.Min(px, py), "min"),
                2 => (Interval.Max(x, y), Math.Max(px, py), "max"),
                3 => (Interval.Pow(x, 2), px * px, "x²"),
                4 => (Interval.Pow(x, 3), px * px * px, "x³"),
                5 => (Interval.Exp(Scaled(x)), Math.Exp(Scaled(px)), "exp"),
                6 => (Interval.Log(Interval.Abs(x)), Math.Log(Math.Abs(px)), "log"),
                7 => (Interval.Ratio(x, y), px == 0.0 && py == 0.0 ? 0.0 : px / py, "ratio"),
                _ => (-x, -px, "negation"),
            };

            // Outside its contract (an undefined or non-finite point value) there is nothing to enclose.
            bool applies = double.IsFinite(point) && !result.IsUndefined;
            return (!applies || result.Contains(point)).Label($"{name}({x}, {y}) = {result} at ({px:R}, {py:R}) → {point:R}");
        }));
    }

    [Fact]
    public void An_operation_rounded_inward_is_caught()
    {
        // The same property, fed a multiplication that moves each bound one ulp inward: it must fail.
        BinaryOp inward = (a, b) =>
        {
            Interval r = a * b;
            return r.Lo < r.Hi && double.IsFinite(r.Lo) && double.IsFinite(r.Hi) ? new Interval(Math.BitIncrement(r.Lo), Math.Max(Math.BitIncrement(r.Lo), Math.BitDecrement(r.Hi))) : r;
        };
        Exception? failure = Record.Exception(() => Check.One(Generators.Config(Trials), Encloses(inward, "*")));
        Assert.NotNull(failure);
    }

    [Fact]
    public void An_operation_that_forgets_the_rounding_error_is_caught()
    {
        // Round to nearest without moving a bound: exact for most products of small integers, wrong for the rest.
        BinaryOp nearest = (a, b) =>
        {
            double[] p = [a.Lo * b.Lo, a.Lo * b.Hi, a.Hi * b.Lo, a.Hi * b.Hi];
            return p.Any(double.IsNaN) ? a * b : new Interval(p.Min(), p.Max());
        };
        Exception? failure = Record.Exception(() => Check.One(Generators.Config(Trials), Encloses(nearest, "*")));
        Assert.NotNull(failure);
    }

    private static BinaryOp Binary(string op) => op switch
    {
        "+" => (a, b) => a + b,
        "-" => (a, b) => a - b,
        "*" => (a, b) => a * b,
        _ => (a, b) => a / b,
    };

    private static Property Encloses(BinaryOp op, string symbol)
    {
        Gen<((Interval, double) A, (Interval, double) B)> cases =
            from a in IntervalGenerators.IntervalWithPoint()
            from b in IntervalGenerators.IntervalWithPoint()
            select (a, b);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            ((Interval x, double px), (Interval y, double py)) = c;
            if (symbol == "/" && py == 0.0)
            {
                return true.Label("division by a zero point is outside the contract");
            }

            Interval result = op(x, y);
            double point = symbol switch { "+" => px + py, "-" => px - py, "*" => px * py, _ => px / py };
            ExactRational a = ExactRational.Of(px), b = ExactRational.Of(py);
            ExactRational exact = symbol switch { "+" => a + b, "-" => a - b, "*" => a * b, _ => a / b };
            bool encloses = !result.IsUndefined && exact.Within(result.Lo, result.Hi) && (!double.IsFinite(point) || result.Contains(point));
            return encloses.Label($"{x} {symbol} {y} = {result} at ({px:R}, {py:R}): double {point:R}");
        });
    }

    /// <summary>Keeps exp's argument where its result is finite and not subnormal-only (|x| ≤ 700).</summary>
    private static double Scaled(double x) => Math.Clamp(x, -700.0, 700.0);

    private static Interval Scaled(Interval x) => new(Scaled(x.Lo), Scaled(x.Hi));
}
