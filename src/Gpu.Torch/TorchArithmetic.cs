using TorchSharp;
using static TorchSharp.torch;

namespace Verification.Gpu.Torch;

/// <summary>
/// Tensor arithmetic that keeps every <see cref="Scalar"/> it passes to libtorch alive until the call returns.
/// </summary>
/// <remarks>
/// TorchSharp hands libtorch only a Scalar's native handle, and a Scalar has a finalizer that frees that handle. A
/// Scalar made on the fly (an implicit conversion from double, or the alpha = 1 that TorchSharp's one-argument
/// <c>add</c>/<c>sub</c> and the + and − operators create internally) is unreachable as soon as its handle is read, so
/// a garbage collection on another thread may free it while libtorch still reads it. Under a full test run this showed
/// as c10's <c>toFloat</c> check failing inside <c>add</c> (TorchOptimizerTests, float32, once in four full runs). Here the alpha is one Scalar held for the process's
/// lifetime, and every other Scalar is a local disposed only after the native call has returned.
/// </remarks>
internal static class TorchArithmetic
{
    private static readonly Scalar One = 1.ToScalar();

    private static readonly Scalar MinusOne = (-1.0).ToScalar();

    private static readonly Scalar OnePointZero = 1.0.ToScalar();

    /// <summary>a + b.</summary>
    public static Tensor Add(Tensor a, Tensor b) => a.add(b, One);

    /// <summary>a − b (TorchSharp's sub takes no alpha, so it makes no Scalar).</summary>
    public static Tensor Sub(Tensor a, Tensor b) => a.sub(b);

    /// <summary>a + c.</summary>
    public static Tensor Add(Tensor a, double c) => WithScalar(c, s => a.add(s, One));

    /// <summary>c − a, as c + (−a) (the same rounding: negation is exact).</summary>
    public static Tensor Sub(double c, Tensor a) => WithScalar(c, s => a.neg().add(s, One));

    /// <summary>a · c.</summary>
    public static Tensor Mul(Tensor a, double c) => WithScalar(c, s => a.mul(s));

    /// <summary>a − b·c, rounded once where libtorch fuses it (addcmul with value −1).</summary>
    public static Tensor SubProduct(Tensor a, Tensor b, Tensor c) => a.addcmul(b, c, MinusOne);

    /// <summary>a &lt; c.</summary>
    public static Tensor Less(Tensor a, double c) => WithScalar(c, s => a.lt(s));

    /// <summary>a ≤ c.</summary>
    public static Tensor LessOrEqual(Tensor a, double c) => WithScalar(c, s => a.le(s));

    /// <summary>a &gt; c.</summary>
    public static Tensor Greater(Tensor a, double c) => WithScalar(c, s => a.gt(s));

    /// <summary>a ≥ c.</summary>
    public static Tensor GreaterOrEqual(Tensor a, double c) => WithScalar(c, s => a.ge(s));

    /// <summary>a = c.</summary>
    public static Tensor Equal(Tensor a, double c) => WithScalar(c, s => a.eq(s));

    /// <summary>start[index[i]] += source[i] along dimension 0, in place (alpha 1.0).</summary>
    public static Tensor IndexAdd(Tensor start, Tensor index, Tensor source) => start.index_add_(0, index, source, OnePointZero);

    /// <summary>A tensor shaped like <paramref name="a"/> filled with <paramref name="c"/>.</summary>
    public static Tensor FullLike(Tensor a, double c) => WithScalar(c, s => full_like(a, s));

    /// <summary>op(c) with the Scalar for c disposed only after op, and so after libtorch, has returned.</summary>
    private static Tensor WithScalar(double c, Func<Scalar, Tensor> op)
    {
        using Scalar s = c.ToScalar();
        return op(s);
    }
}
