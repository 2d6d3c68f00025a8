using System.Globalization;

namespace Verification.Claims.Certification.Arithmetic;

/// <summary>
/// A closed interval [Lo, Hi] of reals that encloses every exact value of the computation it came from: each
/// operation's bounds are rounded outward (<see cref="DirectedRounding"/>), so for every point of the operands'
/// intervals the exact result of the operation lies inside. Bounds may be infinite (an unbounded enclosure); an
/// operation undefined on the whole of its operands (√ of a negative interval) gives <see cref="Undefined"/>, which
/// every later operation propagates.
/// </summary>
/// <remarks>
/// exp and log are not correctly rounded by the C library (glibc documents errors up to 1–2 ulp), so their bounds are
/// widened by <see cref="LibmUlps"/> ulps on each side instead of using the residual test.
/// </remarks>
public readonly struct Interval : IScalar<Interval>, IEquatable<Interval>
{
    /// <summary>Ulps added on each side of exp and log results: four times the largest error glibc documents for them.</summary>
    public const int LibmUlps = 8;

    private Interval(double lo, double hi, bool check)
    {
        if (check && (double.IsNaN(lo) || double.IsNaN(hi) || lo > hi || double.IsPositiveInfinity(lo) || double.IsNegativeInfinity(hi)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"[{lo}, {hi}] is not an interval: bounds must be ordered, not NaN, and neither Lo = +∞ nor Hi = −∞."));
        }

        Lo = lo;
        Hi = hi;
    }

    /// <summary>Creates [lo, hi].</summary>
    /// <exception cref="ArgumentException">lo &gt; hi, a bound is NaN, lo = +∞ or hi = −∞.</exception>
    public Interval(double lo, double hi)
        : this(lo, hi, check: true)
    {
    }

    /// <summary>The lower bound.</summary>
    public double Lo { get; }

    /// <summary>The upper bound.</summary>
    public double Hi { get; }

    /// <summary>Whether this is <see cref="Undefined"/>.</summary>
    public bool IsUndefined => double.IsNaN(Lo);

    /// <summary>The midpoint (a double inside the interval; 0 for an unbounded one).</summary>
    public double Mid => double.IsInfinity(Lo) || double.IsInfinity(Hi) ? 0.0 : Math.Clamp(Lo / 2 + Hi / 2, Lo, Hi);

    /// <summary>Whether the interval is a single point.</summary>
    public bool IsPoint => Lo == Hi;

    /// <summary>(−∞, +∞).</summary>
    public static Interval Entire { get; } = new(double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>The result of an operation undefined everywhere on its operands.</summary>
    public static Interval Undefined { get; } = new(double.NaN, double.NaN, check: false);

    /// <summary>[v, v].</summary>
    public static Interval Point(double value) => new(value, value);

    /// <summary>Whether <paramref name="x"/> lies in the interval.</summary>
    public bool Contains(double x) => !IsUndefined && Lo <= x && x <= Hi;

    /// <summary>Whether <paramref name="other"/> lies in the interval.</summary>
    public bool Contains(Interval other) => !IsUndefined && !other.IsUndefined && Lo <= other.Lo && other.Hi <= Hi;

    /// <summary>The smallest interval holding both.</summary>
    public static Interval Hull(Interval a, Interval b) =>
        a.IsUndefined ? b : b.IsUndefined ? a : new(Math.Min(a.Lo, b.Lo), Math.Max(a.Hi, b.Hi));

    /// <inheritdoc/>
    public static implicit operator Interval(double value) => Point(value);

    /// <inheritdoc/>
    public static Interval operator +(Interval a, Interval b) =>
        a.IsUndefined || b.IsUndefined ? Undefined : new(DirectedRounding.AddDown(a.Lo, b.Lo), DirectedRounding.AddUp(a.Hi, b.Hi));

    /// <inheritdoc/>
    public static Interval operator -(Interval a, Interval b) => a + -b;

    /// <inheritdoc/>
    public static Interval operator -(Interval a) => a.IsUndefined ? Undefined : new(-a.Hi, -a.Lo);

    /// <inheritdoc/>
    public static Interval operator *(Interval a, Interval b)
    {
        if (a.IsUndefined || b.IsUndefined)
        {
            return Undefined;
        }

        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (double x in (ReadOnlySpan<double>)[a.Lo, a.Hi])
        {
            foreach (double y in (ReadOnlySpan<double>)[b.Lo, b.Hi])
            {
                (double down, double up) = DirectedRounding.Multiply(x, y);
                lo = Math.Min(lo, down);
                hi = Math.Max(hi, up);
            }
        }

        return new(lo, hi);
    }

    /// <inheritdoc/>
    public static Interval operator /(Interval a, Interval b)
    {
        if (a.IsUndefined || b.IsUndefined || (b.Lo == 0.0 && b.Hi == 0.0))
        {
            return Undefined;
        }

        if (b.Lo > 0.0 || b.Hi < 0.0)
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            foreach (double x in (ReadOnlySpan<double>)[a.Lo, a.Hi])
            {
                foreach (double y in (ReadOnlySpan<double>)[b.Lo, b.Hi])
                {
                    (double down, double up) = Quotient(x, y);
                    lo = Math.Min(lo, down);
                    hi = Math.Max(hi, up);
                }
            }

            return new(lo, hi);
        }

        // The divisor touches 0 at one end: the quotient keeps its sign and is unbounded there.
        if (b.Lo == 0.0 && a.Lo >= 0.0)
        {
            return new(a.Lo == 0.0 ? 0.0 : Quotient(a.Lo, b.Hi).Down, double.PositiveInfinity);
        }

        if (b.Lo == 0.0 && a.Hi <= 0.0)
        {
            return new(double.NegativeInfinity, a.Hi == 0.0 ? 0.0 : Quotient(a.Hi, b.Hi).Up);
        }

        if (b.Hi == 0.0 && a.Lo >= 0.0)
        {
            return new(double.NegativeInfinity, a.Lo == 0.0 ? 0.0 : Quotient(a.Lo, b.Lo).Up);
        }

        if (b.Hi == 0.0 && a.Hi <= 0.0)
        {
            return new(a.Hi == 0.0 ? 0.0 : Quotient(a.Hi, b.Lo).Down, double.PositiveInfinity);
        }

        return Entire;
    }

    /// <inheritdoc/>
    public static Interval Ratio(Interval a, Interval b)
    {
        if (a.IsUndefined || b.IsUndefined)
        {
            return Undefined;
        }

        bool zeroOverZero = a.Contains(0.0) && b.Contains(0.0);
        if (b.Lo == 0.0 && b.Hi == 0.0)
        {
            return a.Lo == 0.0 && a.Hi == 0.0 ? Point(0.0) : a.Contains(0.0) ? Point(0.0) : Undefined;
        }

        Interval quotient = a / b;
        return zeroOverZero ? Hull(quotient, Point(0.0)) : quotient;
    }

    /// <inheritdoc/>
    public static Interval Sqrt(Interval x)
    {
        if (x.IsUndefined || x.Hi < 0.0)
        {
            return Undefined;
        }

        // Where x dips below 0 the square root is undefined; the enclosure covers the points where it is defined.
        double lo = x.Lo <= 0.0 ? 0.0 : DirectedRounding.Sqrt(x.Lo).Down;
        return new(lo, DirectedRounding.Sqrt(x.Hi).Up);
    }

    /// <inheritdoc/>
    public static Interval Abs(Interval x) =>
        x.IsUndefined ? Undefined : x.Lo >= 0.0 ? x : x.Hi <= 0.0 ? -x : new(0.0, Math.Max(-x.Lo, x.Hi));

    /// <inheritdoc/>
    public static Interval Min(Interval a, Interval b) =>
        a.IsUndefined || b.IsUndefined ? Undefined : new(Math.Min(a.Lo, b.Lo), Math.Min(a.Hi, b.Hi));

    /// <inheritdoc/>
    public static Interval Max(Interval a, Interval b) =>
        a.IsUndefined || b.IsUndefined ? Undefined : new(Math.Max(a.Lo, b.Lo), Math.Max(a.Hi, b.Hi));

    /// <inheritdoc/>
    public static Interval Pow(Interval x, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (x.IsUndefined)
        {
            return Undefined;
        }

        if (n == 0)
        {
            return Point(1.0);
        }

        // Even powers of an interval that holds 0 start at 0: the dependency x·x ≥ 0 that a product of intervals loses.
        Interval magnitude = n % 2 == 0 ? Abs(x) : x;
        Interval result = magnitude;
        for (int k = 1; k < n; k++)
        {
            result *= magnitude;
        }

        return result;
    }

    /// <summary>e^x, widened by <see cref="LibmUlps"/> ulps.</summary>
    public static Interval Exp(Interval x) =>
        x.IsUndefined ? Undefined : new(Math.Max(0.0, Widen(Math.Exp(x.Lo), -LibmUlps)), Widen(Math.Exp(x.Hi), LibmUlps));

    /// <summary>ln x, widened by <see cref="LibmUlps"/> ulps; undefined where x ≤ 0 throughout.</summary>
    public static Interval Log(Interval x) =>
        x.IsUndefined || x.Hi <= 0.0 ? Undefined
        : new(x.Lo <= 0.0 ? double.NegativeInfinity : Widen(Math.Log(x.Lo), -LibmUlps), Widen(Math.Log(x.Hi), LibmUlps));

    /// <inheritdoc/>
    public bool Equals(Interval other) => Lo.Equals(other.Lo) && Hi.Equals(other.Hi);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Interval other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Lo, Hi);

    /// <summary>Equality of bounds.</summary>
    public static bool operator ==(Interval a, Interval b) => a.Equals(b);

    /// <summary>Inequality of bounds.</summary>
    public static bool operator !=(Interval a, Interval b) => !a.Equals(b);

    /// <inheritdoc/>
    public override string ToString() => IsUndefined ? "undefined" : string.Create(CultureInfo.InvariantCulture, $"[{Lo:R}, {Hi:R}]");

    private static (double Down, double Up) Quotient(double x, double y)
    {
        if (double.IsInfinity(x) && double.IsInfinity(y))
        {
            // ∞/∞ at the corners of unbounded operands: the quotient is unbounded in the corner's sign.
            return Math.Sign(x) == Math.Sign(y) ? (0.0, double.PositiveInfinity) : (double.NegativeInfinity, 0.0);
        }

        return DirectedRounding.Divide(x, y);
    }

    private static double Widen(double value, int ulps)
    {
        if (double.IsNaN(value))
        {
            return ulps < 0 ? double.NegativeInfinity : double.PositiveInfinity;
        }

        for (int k = 0; k < Math.Abs(ulps); k++)
        {
            value = ulps < 0 ? Math.BitDecrement(value) : Math.BitIncrement(value);
        }

        return value;
    }
}
