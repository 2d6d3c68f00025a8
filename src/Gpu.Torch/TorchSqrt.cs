using TorchSharp;
using static TorchSharp.torch;
using static Verification.Gpu.Torch.TorchArithmetic;

namespace Verification.Gpu.Torch;

/// <summary>
/// A correctly rounded square root from tensor operations. libtorch's CPU <c>sqrt</c> on float64 and float32 is not
/// correctly rounded (likely its vectorised kernel's MKL or SLEEF call; not traced): of 100,003 random doubles 579
/// to 635 came out 1 ULP off <see cref="Math.Sqrt(double)"/> depending on the inputs, of floats 556, never more than
/// 1 ULP. This takes libtorch's result s and corrects it with Tuckerman's rounding test, which decides exactly whether √x lies beyond the midpoint
/// between s and a neighbour: s is RN(√x) iff s·s⁻ &lt; x ≤ s·s⁺ (exact products, s⁻ and s⁺ the adjacent doubles).
/// Only the signs of x − s·s± are needed, and they come out exact from either of two residuals:
/// <list type="bullet">
/// <item><description>fused: <c>addcmul(x, s, s±, value: −1)</c>, which libtorch evaluates as one fused multiply-add,
/// fma(−s, s±, x), on the CPU (on 100,003 random doubles <c>addcmul</c> equalled <see cref="Math.FusedMultiplyAdd"/>
/// everywhere); used only where <see cref="AddcmulIsFused"/> has checked that on the device;</description></item>
/// <item><description>otherwise Dekker's two-product (Veltkamp splitting, every operation separately rounded):
/// s·s± = hi + lo exactly, x − hi is exact by Sterbenz's lemma, and (x − hi) − lo has the sign of x − s·s±.</description></item>
/// </list>
/// </summary>
/// <remarks>
/// The test moves s by at most one ULP, which covers libtorch's observed error; a kernel worse than 1 ULP would show
/// as a failing bitwise test, not as silent drift. The residuals are exact only while their terms stay normal, so x
/// below 2^-600 is scaled by 2^400 (and above 2^600 by 2^-400) first and the root scaled back by 2^∓200, all exact
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
    /// <param name="x">The radicands.</param>
    /// <param name="fusedResidual">Form the residuals with <c>addcmul</c> (only where it is a fused multiply-add).</param>
    public static Tensor CorrectlyRounded(Tensor x, bool fusedResidual)
    {
        if (x.dtype == ScalarType.Float32)
        {
            return Float64(x.to(ScalarType.Float64), fusedResidual).to(ScalarType.Float32);
        }

        return Float64(x, fusedResidual);
    }

    /// <summary>
    /// Whether <c>addcmul(a, b, c, value)</c> on <paramref name="device"/> is fma(value·b, c, a) for float64, checked
    /// on values where a separately rounded product gives a different result, over a length that reaches both the
    /// vectorised body and the scalar tail of a CPU kernel.
    /// </summary>
    public static bool AddcmulIsFused(Device device)
    {
        const int length = 1027;
        var a = new double[length];
        var b = new double[length];
        for (int i = 0; i < length; i++)
        {
            // b·b = 1 + 2^-51·k + 2^-104·k², which a separate product rounds to 1 + 2^-51·k: the fused result keeps
            // the last term, so a = −(1 + 2^-51·k) gives 2^-104·k² fused and 0 unfused.
            double k = 1 + (i % 64);
            b[i] = 1.0 + (k * Math.ScaleB(1.0, -52));
            a[i] = -(b[i] * b[i]);
        }

        using Tensor ta = tensor(a, ScalarType.Float64, device);
        using Tensor tb = tensor(b, ScalarType.Float64, device);
        using Scalar one = 1.0.ToScalar();
        using Tensor result = ta.addcmul(tb, tb, one);
        using Tensor host = result.cpu();
        double[] r = host.data<double>().ToArray();
        for (int i = 0; i < length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(r[i]) != BitConverter.DoubleToInt64Bits(Math.FusedMultiplyAdd(b[i], b[i], a[i])))
            {
                return false;
            }
        }

        return true;
    }

    private static Tensor Float64(Tensor x, bool fusedResidual)
    {
        Tensor tiny = Less(x, TinyLimit);
        Tensor huge = Greater(x, HugeLimit);
        Tensor scaled = where(tiny, Mul(x, Math.ScaleB(1.0, 400)), where(huge, Mul(x, Math.ScaleB(1.0, -400)), x));
        Tensor s = scaled.sqrt();
        Tensor up = nextafter(s, FullLike(s, double.PositiveInfinity));
        Tensor down = nextafter(s, zeros_like(s));
        Tensor aboveUpper, belowLower;
        if (fusedResidual)
        {
            aboveUpper = Greater(SubProduct(scaled, s, up), 0.0);    // x > s·s⁺: √x rounds above s
            belowLower = LessOrEqual(SubProduct(scaled, s, down), 0.0); // x ≤ s·s⁻: √x rounds below s
        }
        else
        {
            (Tensor sHigh, Tensor sLow) = Split(s);
            aboveUpper = Greater(Residual(scaled, s, sHigh, sLow, up), 0.0);
            belowLower = LessOrEqual(Residual(scaled, s, sHigh, sLow, down), 0.0);
        }

        Tensor corrected = where(aboveUpper, up, where(belowLower, down, s));
        Tensor special = Equal(scaled, 0.0) | scaled.isinf() | scaled.isnan();
        Tensor root = where(special, s, corrected);
        return where(tiny, Mul(root, Math.ScaleB(1.0, -200)), where(huge, Mul(root, Math.ScaleB(1.0, 200)), root));
    }

    /// <summary>x − s·t rounded once (its sign and zero-ness are exact): (x − hi) − lo with s·t = hi + lo exactly.</summary>
    private static Tensor Residual(Tensor x, Tensor s, Tensor sHigh, Tensor sLow, Tensor t)
    {
        (Tensor tHigh, Tensor tLow) = Split(t);
        Tensor hi = s * t;
        Tensor lo = Add(Add(Add(Sub(sHigh * tHigh, hi), sHigh * tLow), sLow * tHigh), sLow * tLow);
        return Sub(Sub(x, hi), lo);
    }

    /// <summary>Veltkamp's split: a = high + low exactly, each with at most 26 significant bits.</summary>
    private static (Tensor High, Tensor Low) Split(Tensor a)
    {
        Tensor gamma = Mul(a, Splitter);
        Tensor high = Sub(gamma, Sub(gamma, a));
        return (high, Sub(a, high));
    }
}
