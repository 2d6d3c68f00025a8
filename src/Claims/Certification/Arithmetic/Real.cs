namespace Verification.Claims.Certification.Arithmetic;

/// <summary>A double as an <see cref="IScalar{T}"/>: the search's evaluation of a certifiable claim, operation for operation.</summary>
/// <param name="Value">The value.</param>
public readonly record struct Real(double Value) : IScalar<Real>
{
    /// <inheritdoc/>
    public static implicit operator Real(double value) => new(value);

    /// <summary>The double.</summary>
    public static implicit operator double(Real value) => value.Value;

    /// <inheritdoc/>
    public static Real operator +(Real a, Real b) => new(a.Value + b.Value);

    /// <inheritdoc/>
    public static Real operator -(Real a, Real b) => new(a.Value - b.Value);

    /// <inheritdoc/>
    public static Real operator *(Real a, Real b) => new(a.Value * b.Value);

    /// <inheritdoc/>
    public static Real operator /(Real a, Real b) => new(a.Value / b.Value);

    /// <inheritdoc/>
    public static Real operator -(Real a) => new(-a.Value);

    /// <inheritdoc/>
    public static Real Sqrt(Real x) => new(Math.Sqrt(x.Value));

    /// <inheritdoc/>
    public static Real Abs(Real x) => new(Math.Abs(x.Value));

    /// <inheritdoc/>
    public static Real Min(Real a, Real b) => new(Math.Min(a.Value, b.Value));

    /// <inheritdoc/>
    public static Real Max(Real a, Real b) => new(Math.Max(a.Value, b.Value));

    /// <inheritdoc/>
    public static Real Pow(Real x, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        double result = 1.0;
        for (int k = 0; k < n; k++)
        {
            result *= x.Value;
        }

        return new(result);
    }

    /// <inheritdoc/>
    public static Real Ratio(Real a, Real b) => new(a.Value == 0.0 && b.Value == 0.0 ? 0.0 : a.Value / b.Value);

    /// <summary>The values of <paramref name="values"/> as reals.</summary>
    public static Real[] Of(IEnumerable<double> values) => values.Select(v => new Real(v)).ToArray();
}
