using System.Numerics;

namespace Verification.Properties.Claims.Certification;

/// <summary>An exact rational number, built from doubles: the yardstick the interval operations are checked against.</summary>
internal readonly record struct ExactRational(BigInteger Numerator, BigInteger Denominator)
{
    /// <summary>The double's exact value (finite doubles only).</summary>
    public static ExactRational Of(double x)
    {
        if (!double.IsFinite(x))
        {
            throw new ArgumentException($"{x} has no exact rational value.", nameof(x));
        }

        long bits = BitConverter.DoubleToInt64Bits(x);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1;   // subnormal: no hidden bit
        }
        else
        {
            mantissa |= 1L << 52;
        }

        int power = exponent - 1075;
        BigInteger numerator = negative ? -new BigInteger(mantissa) : new BigInteger(mantissa);
        return power >= 0 ? new(numerator << power, BigInteger.One) : new(numerator, BigInteger.One << -power);
    }

    public static ExactRational operator +(ExactRational a, ExactRational b) => new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static ExactRational operator -(ExactRational a, ExactRational b) => new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static ExactRational operator *(ExactRational a, ExactRational b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static ExactRational operator /(ExactRational a, ExactRational b) =>
        b.Numerator.Sign < 0 ? new(-a.Numerator * b.Denominator, a.Denominator * -b.Numerator) : new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    /// <summary>Sign of a − b (denominators are positive).</summary>
    public static int Compare(ExactRational a, ExactRational b) => (a.Numerator * b.Denominator).CompareTo(b.Numerator * a.Denominator);

    /// <summary>Whether lo ≤ this ≤ hi, with infinite bounds as ∓∞.</summary>
    public bool Within(double lo, double hi) =>
        (double.IsNegativeInfinity(lo) || Compare(Of(lo), this) <= 0) && (double.IsPositiveInfinity(hi) || Compare(this, Of(hi)) <= 0);
}
