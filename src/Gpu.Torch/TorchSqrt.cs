using static TorchSharp.torch;

namespace Verification.Gpu.Torch;

/// <summary>
/// A correctly rounded square root from tensor operations. libtorch's CPU <c>sqrt</c> on float64 and float32 is not
/// correctly rounded (its vectorised kernel goes through MKL's VML or SLEEF): on 100,003 random doubles 635 results
/// were 1 ULP off <see cref="Math.Sqrt(double)"/>, on floats 556, never more than 1 ULP. This takes libtorch's result
/// s and corrects it with Tuckerman's rounding test, which decides exactly whether √x lies below the midpoint
/// between s and its neighbour: s is RN(√x) iff s·s⁻ &lt; x ≤ s·s⁺ (exact products, s⁻ and s⁺ the adjacent doubles).
/// The products are formed exactly as Dekker's two-product (Veltkamp splitting; every operation separately
/// rounded), and x − hi is exact by Sterbenz's lemma, so the sign of (x − hi) − lo is the sign of x − s·s±.
/// </summary>
/// <remarks>
/// The test moves s by at most one ULP, which covers libtorch's observed error; a kernel worse than 1 ULP would show
/// as a failing bitwise test, not as silent drift. Dekker's product is exact only while its pieces stay normal, so
/// x below 2^-600 is scaled by 2^400 (and above 2^600 by 2^-400) first and the root scaled back by 2^∓200, all exact
/// powers of two. Zero, infinity and NaN keep libtorch's result. float32 is rounded through float64: for √, double
/// rounding is innocuous when the wider format has at least 2p + 2 bits (53 ≥ 2·24 + 2).
/// </remarks>
internal static class TorchSqrt
{
    /// <summary>2^27 + 1, Veltkamp's splitting constant for float64.</summary>
    private const double Splitter = 134217729.0;

    private static readonly double TinyLimit = Math.ScaleB(1.0, -600);
    private static readonly double HugeLimit = Math.ScaleB(1.0, 600);

    /// <summary>RN(√x) element-wise for float64 or float32 <paramref name="x"/> (x ≥ 0, or ±0, +∞, NaN).</summary>
    public static Tensor CorrectlyRounded(Tensor x)
    {
        if (x.dtype == ScalarType.Float32)
        {
            return Float64(x.to(ScalarType.Float64)).to(ScalarType.Float32);
        }

        return Float64(x);
    }

    private static Tensor Float64(Tensor x)
    {
        Tensor tiny = x < TinyLimit;
        Tensor huge = x > HugeLimit;
        Tensor scaled = where(tiny, x * Math.ScaleB(1.0, 400), where(huge, x * Math.ScaleB(1.0, -400), x));
        Tensor s = scaled.sqrt();
        Tensor up = nextafter(s, full_like(s, double.PositiveInfinity));
        Tensor down = nextafter(s, zeros_like(s));
        (Tensor sHigh, Tensor sLow) = Split(s);
        Tensor aboveUpper = Residual(scaled, s, sHigh, sLow, up) > 0.0;   // x > s·s⁺: √x rounds above s
        Tensor belowLower = Residual(scaled, s, sHigh, sLow, down) <= 0.0; // x ≤ s·s⁻: √x rounds below s
        Tensor corrected = where(aboveUpper, up, where(belowLower, down, s));
        Tensor special = (scaled == 0.0) | scaled.isinf() | scaled.isnan();
        Tensor root = where(special, s, corrected);
        return where(tiny, root * Math.ScaleB(1.0, -200), where(huge, root * Math.ScaleB(1.0, 200), root));
    }

    /// <summary>x − s·t rounded once (its sign and zero-ness are exact): (x − hi) − lo with s·t = hi + lo exactly.</summary>
    private static Tensor Residual(Tensor x, Tensor s, Tensor sHigh, Tensor sLow, Tensor t)
    {
        (Tensor tHigh, Tensor tLow) = Split(t);
        Tensor hi = s * t;
        Tensor lo = (((sHigh * tHigh) - hi) + (sHigh * tLow) + (sLow * tHigh)) + (sLow * tLow);
        return (x - hi) - lo;
    }

    /// <summary>Veltkamp's split: a = high + low exactly, each with at most 26 significant bits.</summary>
    private static (Tensor High, Tensor Low) Split(Tensor a)
    {
        Tensor gamma = a * Splitter;
        Tensor high = gamma - (gamma - a);
        return (high, a - high);
    }
}
