namespace Verification.Claims.Certification.Arithmetic;

/// <summary>
/// Bounds of one IEEE operation's exact result: the correctly rounded result, moved one ulp outward only on the side
/// where the error-free transformation (TwoSum for sums, the FMA residual for products, quotients and square roots)
/// shows that rounding went. An exact result stays exact, so zeros and small integers survive an interval computation.
/// </summary>
/// <remarks>
/// Soundness rests on three facts: IEEE 754 +, −, ×, ÷ and √ are correctly rounded (round to nearest), so the exact
/// result lies within half an ulp of the computed one, hence within the neighbouring double on the side of the error;
/// TwoSum gives the exact error of a sum without overflow; and FMA(a, b, −p) is the exact error of p = fl(a·b) (and
/// FMA(−q, y, x) the exact residual of q = fl(x/y), FMA(−r, r, x) that of r = fl(√x)) whenever the error is
/// representable, which holds when no intermediate value is subnormal. Where a result is that small or overflows, the
/// bound is moved one ulp outward on both sides (or to ±<see cref="double.MaxValue"/>) without looking at the error.
/// </remarks>
public static class DirectedRounding
{
    /// <summary>Below this magnitude an FMA residual may underflow, so it is not trusted: 2^-900, far above 2^(-1022 + 2·53).</summary>
    private static readonly double TrustedMagnitude = Math.ScaleB(1.0, -900);

    /// <summary>A lower bound of the exact a + b.</summary>
    public static double AddDown(double a, double b) => Sum(a, b).Down;

    /// <summary>An upper bound of the exact a + b.</summary>
    public static double AddUp(double a, double b) => Sum(a, b).Up;

    /// <summary>Lower and upper bounds of the exact a · b (0 when either factor is 0, infinities included: the interval convention).</summary>
    public static (double Down, double Up) Multiply(double a, double b)
    {
        if (a == 0.0 || b == 0.0)
        {
            return (0.0, 0.0);
        }

        double p = a * b;
        if (double.IsInfinity(a) || double.IsInfinity(b))
        {
            return (p, p);
        }

        if (double.IsInfinity(p))
        {
            return p > 0 ? (double.MaxValue, p) : (p, -double.MaxValue);
        }

        if (Math.Abs(p) < TrustedMagnitude)
        {
            return (Math.BitDecrement(p), Math.BitIncrement(p));
        }

        double error = Math.FusedMultiplyAdd(a, b, -p);
        return Adjust(p, error);
    }

    /// <summary>Lower and upper bounds of the exact x / y for y ≠ 0.</summary>
    public static (double Down, double Up) Divide(double x, double y)
    {
        if (y == 0.0)
        {
            throw new ArgumentException("The divisor is 0.", nameof(y));
        }

        if (x == 0.0)
        {
            return (0.0, 0.0);
        }

        double q = x / y;
        if (double.IsInfinity(x) || double.IsInfinity(y))
        {
            return (q, q);
        }

        if (double.IsInfinity(q))
        {
            return q > 0 ? (double.MaxValue, q) : (q, -double.MaxValue);
        }

        if (Math.Abs(q) < TrustedMagnitude || Math.Abs(x) < TrustedMagnitude)
        {
            return (Math.BitDecrement(q), Math.BitIncrement(q));
        }

        // x − q·y exactly; the exact quotient exceeds q iff that residual has the sign of y.
        double residual = Math.FusedMultiplyAdd(-q, y, x);
        return Adjust(q, y > 0 ? residual : -residual);
    }

    /// <summary>Lower and upper bounds of the exact √x for x ≥ 0.</summary>
    public static (double Down, double Up) Sqrt(double x)
    {
        double r = Math.Sqrt(x);
        if (x == 0.0 || double.IsPositiveInfinity(x))
        {
            return (r, r);
        }

        if (x < TrustedMagnitude)
        {
            return (Math.Max(0.0, Math.BitDecrement(r)), Math.BitIncrement(r));
        }

        return Adjust(r, Math.FusedMultiplyAdd(-r, r, x));
    }

    private static (double Down, double Up) Sum(double a, double b)
    {
        double s = a + b;
        if (double.IsInfinity(a) || double.IsInfinity(b))
        {
            return (s, s);
        }

        if (double.IsInfinity(s))
        {
            return s > 0 ? (double.MaxValue, s) : (s, -double.MaxValue);
        }

        // TwoSum (Knuth): the exact error of s, with no branch on magnitudes; exact without overflow.
        double bVirtual = s - a;
        double aVirtual = s - bVirtual;
        double error = (a - aVirtual) + (b - bVirtual);
        return Adjust(s, error);
    }

    /// <summary>Given a computed value and the sign of (exact − computed), the bounds.</summary>
    private static (double Down, double Up) Adjust(double computed, double error) =>
        error > 0 ? (computed, Math.BitIncrement(computed))
        : error < 0 ? (Math.BitDecrement(computed), computed)
        : (computed, computed);
}
