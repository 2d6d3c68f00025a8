namespace Verification.Claims.Certification.Arithmetic;

/// <summary>
/// The arithmetic a certifiable claim is written in, once: <see cref="Real"/> evaluates it in doubles for the search,
/// <see cref="Interval"/> encloses it over a box, and <see cref="Symbolic.Expr"/> records it as an expression so that
/// the branch and bound can cancel terms both sides share and substitute the faces of a box.
/// </summary>
/// <typeparam name="T">The implementing type.</typeparam>
public interface IScalar<T>
    where T : IScalar<T>
{
    /// <summary>A constant.</summary>
    static abstract implicit operator T(double value);

    /// <summary>a + b.</summary>
    static abstract T operator +(T a, T b);

    /// <summary>a − b.</summary>
    static abstract T operator -(T a, T b);

    /// <summary>a · b.</summary>
    static abstract T operator *(T a, T b);

    /// <summary>a / b.</summary>
    static abstract T operator /(T a, T b);

    /// <summary>−a.</summary>
    static abstract T operator -(T a);

    /// <summary>√x.</summary>
    static abstract T Sqrt(T x);

    /// <summary>|x|.</summary>
    static abstract T Abs(T x);

    /// <summary>min(a, b).</summary>
    static abstract T Min(T a, T b);

    /// <summary>max(a, b).</summary>
    static abstract T Max(T a, T b);

    /// <summary>x^n for an integer n ≥ 0.</summary>
    static abstract T Pow(T x, int n);

    /// <summary>a/b with the papers' convention 0/0 = 0 (a term with a zero numerator vanishes).</summary>
    static abstract T Ratio(T a, T b);
}
