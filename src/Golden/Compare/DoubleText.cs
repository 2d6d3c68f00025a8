using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace Verification.Golden.Compare;

/// <summary>
/// Doubles as <c>golden compare</c> reads and prints them: the CSV's decimal, inf/nan and hex-float values, and the
/// shortest round-trip decimal in the layout of Python's <c>repr</c>, so that the C# and the Python compare print
/// the same text (tools/golden/compare.py).
/// </summary>
internal static partial class DoubleText
{
    /// <summary>
    /// The double a CSV value names: a decimal (correctly rounded), <c>inf</c>, <c>infinity</c> or <c>nan</c> with an
    /// optional sign (any case), or a C99 hex-float that names a double exactly; null for anything else.
    /// </summary>
    public static double? ParseCsv(string text)
    {
        if (Decimal().IsMatch(text))
        {
            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        if (Special().Match(text) is { Success: true } special)
        {
            bool negative = text[0] == '-';
            return special.Groups[1].Value.Equals("nan", StringComparison.OrdinalIgnoreCase) ? double.NaN
                : negative ? double.NegativeInfinity : double.PositiveInfinity;
        }

        return ParseHexFloat(text);
    }

    /// <summary>
    /// The double a hex-float (<c>0x1.999999999999ap-4</c>, what C's <c>%a</c> and Python's <c>float.hex()</c> write)
    /// names, or null unless it names one exactly: more than 53 significant bits, or a value outside the doubles'
    /// range, is not rounded but refused.
    /// </summary>
    public static double? ParseHexFloat(string text)
    {
        Match m = HexFloat().Match(text);
        if (!m.Success || m.Groups[2].Length + m.Groups[3].Length == 0)
        {
            return null;
        }

        bool negative = m.Groups[1].Value == "-";
        string fraction = m.Groups[3].Value;
        BigInteger mantissa = BigInteger.Parse("0" + m.Groups[2].Value + fraction, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        if (!BigInteger.TryParse(m.Groups[4].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out BigInteger exponent))
        {
            return null;
        }

        exponent -= 4 * fraction.Length;
        if (mantissa.IsZero)
        {
            return negative ? -0.0 : 0.0;
        }

        while (mantissa.IsEven)
        {
            mantissa >>= 1;
            exponent += 1;
        }

        // The leading bit's exponent must be at most 1023 and the lowest bit's at least -1074 (the smallest subnormal).
        BigInteger top = (BigInteger)mantissa.GetBitLength() + exponent - 1;
        if (mantissa >= BigInteger.One << 53 || exponent < -1074 || top > 1023)
        {
            return null;
        }

        double value = Math.ScaleB((double)mantissa, (int)exponent);
        return negative ? -value : value;
    }

    /// <summary>
    /// The shortest decimal that reads back as <paramref name="value"/>, laid out as Python's <c>repr</c>: positional
    /// between 1e-4 and 1e16 (with ".0" for an integer), else <c>d.ddde±XX</c>; <c>inf</c>, <c>-inf</c>, <c>nan</c>.
    /// </summary>
    public static string Shortest(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        // .NET's "R" gives the shortest round-trip digits; only their layout differs from Python's.
        string r = value.ToString("R", CultureInfo.InvariantCulture);
        bool negative = r.StartsWith('-');
        string body = negative ? r[1..] : r;
        int e = body.IndexOfAny(['E', 'e']);
        int exponent = e < 0 ? 0 : int.Parse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string mantissa = e < 0 ? body : body[..e];
        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string digits = dot < 0 ? mantissa : mantissa[..dot] + mantissa[(dot + 1)..];
        int point = (dot < 0 ? mantissa.Length : dot) + exponent;   // digits d1 d2 … with the decimal point after `point` of them
        int leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        point -= leading;
        var text = new StringBuilder(negative ? "-" : "");
        if (digits.Length == 0)
        {
            return text.Append("0.0").ToString();
        }

        int scientific = point - 1;
        if (scientific is >= -4 and < 16)
        {
            if (point <= 0)
            {
                text.Append("0.").Append('0', -point).Append(digits);
            }
            else if (point >= digits.Length)
            {
                text.Append(digits).Append('0', point - digits.Length).Append(".0");
            }
            else
            {
                text.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
            }

            return text.ToString();
        }

        text.Append(digits[0]);
        if (digits.Length > 1)
        {
            text.Append('.').Append(digits, 1, digits.Length - 1);
        }

        return text.Append(scientific < 0 ? "e-" : "e+").Append(Math.Abs(scientific).ToString("00", CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>
    /// The number of doubles from <paramref name="a"/> to <paramref name="b"/> (0 when equal, −0 and +0 included,
    /// counting across zero); null when exactly one is NaN (two NaNs are 0 apart).
    /// </summary>
    public static UInt128? UlpDistance(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b))
        {
            return double.IsNaN(a) && double.IsNaN(b) ? UInt128.Zero : null;
        }

        Int128 difference = (Int128)Ordered(a) - Ordered(b);
        return (UInt128)(difference < 0 ? -difference : difference);
    }

    // Doubles in order as integers: the bit pattern for a positive double, its negation (sign bit cleared) otherwise.
    private static long Ordered(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        return bits >= 0 ? bits : -(bits & long.MaxValue);
    }

    [GeneratedRegex(@"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Decimal();

    [GeneratedRegex(@"^[+-]?(inf|infinity|nan)\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Special();

    [GeneratedRegex(@"^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?[0-9]+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex HexFloat();
}
