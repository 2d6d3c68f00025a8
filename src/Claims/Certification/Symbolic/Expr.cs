using System.Globalization;
using Verification.Claims.Certification.Arithmetic;

namespace Verification.Claims.Certification.Symbolic;

/// <summary>
/// A claim's formula recorded as an expression over the coordinates of a box, built by running the claim's generic
/// code with this type. The constructors simplify only by rules that hold for every real value of the operands
/// (x + (−x) = 0, 0·x = 0 for finite x, √(x·x) = |x|, constants folded only when the double result is exact), so
/// the expression and the claim's code agree everywhere they are defined; what the simplification buys is that two
/// sides sharing a term lose it before interval evaluation, where it would only add width.
/// </summary>
/// <remarks>
/// Structural equality (kind, constant bits, index, children) with a deterministic hash, so that simplification and
/// the order of a sum's terms do not depend on the process.
/// </remarks>
public sealed class Expr : IScalar<Expr>, IEquatable<Expr>
{
    private static readonly Expr[] NoChildren = [];
    private readonly int _hash;

    private Expr(ExprKind kind, double value, int index, Expr[] children)
    {
        Kind = kind;
        Value = value;
        Index = index;
        Children = children;
        ulong h = 1469598103934665603UL ^ (ulong)kind;
        h = (h ^ (ulong)BitConverter.DoubleToInt64Bits(value)) * 1099511628211UL;
        h = (h ^ (ulong)(uint)index) * 1099511628211UL;
        foreach (Expr child in children)
        {
            h = (h ^ (ulong)(uint)child._hash) * 1099511628211UL;
        }

        _hash = (int)(h ^ (h >> 32));
    }

    /// <summary>The node kind.</summary>
    public ExprKind Kind { get; }

    /// <summary>The value of a <see cref="ExprKind.Constant"/>.</summary>
    public double Value { get; }

    /// <summary>The coordinate of a <see cref="ExprKind.Variable"/>, or the exponent of a <see cref="ExprKind.Power"/>.</summary>
    public int Index { get; }

    /// <summary>The operands.</summary>
    public IReadOnlyList<Expr> Children { get; }

    /// <summary>Whether this is the constant <paramref name="value"/>.</summary>
    public bool IsConstant(double value) => Kind == ExprKind.Constant && Value == value;

    /// <summary>The constant <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">The value is NaN or infinite.</exception>
    public static Expr Constant(double value) =>
        double.IsFinite(value) ? new(ExprKind.Constant, value == 0.0 ? 0.0 : value, 0, NoChildren) : throw new ArgumentException($"A constant must be finite, not {value}.", nameof(value));

    /// <summary>Coordinate <paramref name="index"/> of the box.</summary>
    public static Expr Variable(int index) => new(ExprKind.Variable, 0.0, index, NoChildren);

    /// <inheritdoc/>
    public static implicit operator Expr(double value) => Constant(value);

    /// <inheritdoc/>
    public static Expr operator +(Expr a, Expr b) => Sum([a, b]);

    /// <inheritdoc/>
    public static Expr operator -(Expr a, Expr b) => Sum([a, -b]);

    /// <inheritdoc/>
    public static Expr operator -(Expr a) => a.Kind switch
    {
        ExprKind.Constant => Constant(-a.Value),
        ExprKind.Negate => a.Children[0],
        ExprKind.Sum => Sum(a.Children.Select(c => -c).ToList()),
        _ => new(ExprKind.Negate, 0.0, 0, [a]),
    };

    /// <inheritdoc/>
    public static Expr operator *(Expr a, Expr b)
    {
        if (a.IsConstant(0.0) || b.IsConstant(0.0))
        {
            return Constant(0.0);
        }

        return Monomial.Multiply(Monomial.Of(a), Monomial.Of(b), 1)?.Build() ?? Binary(ExprKind.Product, a, b);
    }

    /// <inheritdoc/>
    public static Expr operator /(Expr a, Expr b)
    {
        if (a.IsConstant(0.0))
        {
            return Constant(0.0);   // 0/b = 0 wherever the quotient is defined
        }

        return b.IsConstant(0.0) ? new(ExprKind.Quotient, 0.0, 0, [a, b]) : Monomial.Multiply(Monomial.Of(a), Monomial.Of(b), -1)?.Build() ?? new(ExprKind.Quotient, 0.0, 0, [a, b]);
    }

    /// <inheritdoc/>
    public static Expr Ratio(Expr a, Expr b) => Divide(ExprKind.Ratio, a, b);

    /// <summary>A product node of already normalised factors (a constant first, then bases and powers in canonical order).</summary>
    internal static Expr ProductOf(IReadOnlyList<Expr> factors) =>
        factors.Count == 1 ? factors[0] : new(ExprKind.Product, 0.0, 0, factors.ToArray());

    /// <summary>base^exponent for a nonzero integer exponent (negative: the reciprocal power), as a monomial factor.</summary>
    internal static Expr PowerNode(Expr @base, int exponent) => exponent == 1 ? @base : new(ExprKind.Power, 0.0, exponent, [@base]);

    private static Expr Binary(ExprKind kind, Expr a, Expr b) => Order(a, b) <= 0 ? new(kind, 0.0, 0, [a, b]) : new(kind, 0.0, 0, [b, a]);

    /// <summary>The canonical order of commutative operands.</summary>
    internal static int CompareForOrder(Expr a, Expr b) => Order(a, b);

    /// <inheritdoc/>
    public static Expr Sqrt(Expr x)
    {
        if (x.Kind == ExprKind.Constant && x.Value >= 0.0 && Exact(DirectedRounding.Sqrt(x.Value)) is { } root)
        {
            return Constant(root);
        }

        if (x.Kind == ExprKind.Power && x.Index == 2)
        {
            return Abs(x.Children[0]);
        }

        return new(ExprKind.Sqrt, 0.0, 0, [x]);
    }

    /// <inheritdoc/>
    public static Expr Abs(Expr x) => x.Kind switch
    {
        ExprKind.Constant => Constant(Math.Abs(x.Value)),
        ExprKind.Negate => Abs(x.Children[0]),
        ExprKind.Abs or ExprKind.Sqrt => x,
        ExprKind.Power when x.Index % 2 == 0 => x,
        _ => new(ExprKind.Abs, 0.0, 0, [x]),
    };

    /// <inheritdoc/>
    public static Expr Min(Expr a, Expr b) =>
        a.Equals(b) ? a
        : a.Kind == ExprKind.Constant && b.Kind == ExprKind.Constant ? Constant(Math.Min(a.Value, b.Value))
        : Order(a, b) <= 0 ? new(ExprKind.Min, 0.0, 0, [a, b]) : new(ExprKind.Min, 0.0, 0, [b, a]);

    /// <inheritdoc/>
    public static Expr Max(Expr a, Expr b) =>
        a.Equals(b) ? a
        : a.Kind == ExprKind.Constant && b.Kind == ExprKind.Constant ? Constant(Math.Max(a.Value, b.Value))
        : Order(a, b) <= 0 ? new(ExprKind.Max, 0.0, 0, [a, b]) : new(ExprKind.Max, 0.0, 0, [b, a]);

    /// <inheritdoc/>
    public static Expr Pow(Expr x, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n == 0)
        {
            return Constant(1.0);
        }

        Expr result = x;
        for (int k = 1; k < n; k++)
        {
            result *= x;
        }

        return result;
    }

    /// <inheritdoc/>
    public bool Equals(Expr? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._hash != _hash || other.Kind != Kind || other.Index != Index
            || BitConverter.DoubleToInt64Bits(other.Value) != BitConverter.DoubleToInt64Bits(Value) || other.Children.Count != Children.Count)
        {
            return false;
        }

        for (int k = 0; k < Children.Count; k++)
        {
            if (!Children[k].Equals(other.Children[k]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Expr other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _hash;

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        ExprKind.Constant => Value.ToString("R", CultureInfo.InvariantCulture),
        ExprKind.Variable => $"x{Index}",
        ExprKind.Sum => "(" + string.Join(" + ", Children) + ")",
        ExprKind.Negate => $"-{Children[0]}",
        ExprKind.Product => string.Join("*", Children),
        ExprKind.Quotient => $"{Children[0]}/{Children[1]}",
        ExprKind.Ratio => $"ratio({Children[0]}, {Children[1]})",
        ExprKind.Power => $"{Children[0]}^{Index}",
        _ => $"{Kind.ToString().ToLowerInvariant()}({string.Join(", ", Children)})",
    };

    /// <summary>A deterministic total-enough order for commutative operands: by hash, then kind, index and constant.</summary>
    private static int Order(Expr a, Expr b)
    {
        int c = a._hash.CompareTo(b._hash);
        if (c != 0)
        {
            return c;
        }

        c = a.Kind.CompareTo(b.Kind);
        return c != 0 ? c : a.Index != b.Index ? a.Index.CompareTo(b.Index) : a.Value.CompareTo(b.Value);
    }

    private static double? Exact((double Down, double Up) bounds) => bounds.Down == bounds.Up ? bounds.Down : null;

    private static Expr Divide(ExprKind kind, Expr a, Expr b)
    {
        // 0/b = 0: for a quotient wherever it is defined, for a ratio by its convention.
        if (a.IsConstant(0.0))
        {
            return Constant(0.0);
        }

        if (b.IsConstant(1.0))
        {
            return a;
        }

        if (a.Kind == ExprKind.Constant && b.Kind == ExprKind.Constant && b.Value != 0.0 && Exact(DirectedRounding.Divide(a.Value, b.Value)) is { } quotient)
        {
            return Constant(quotient);
        }

        if (a.Kind == ExprKind.Negate)
        {
            return -Divide(kind, a.Children[0], b);
        }

        return new(kind, 0.0, 0, [a, b]);
    }

    /// <summary>
    /// The sum of <paramref name="terms"/>: nested sums flattened, zeros dropped, like monomials (equal up to their
    /// constant coefficient) merged while the coefficients add exactly — so x and −x cancel — and the rest in a
    /// canonical order.
    /// </summary>
    public static Expr Sum(IReadOnlyList<Expr> terms)
    {
        var flat = new List<Expr>();
        foreach (Expr term in terms)
        {
            if (term.Kind == ExprKind.Sum)
            {
                flat.AddRange(term.Children);
            }
            else if (!term.IsConstant(0.0))
            {
                flat.Add(term);
            }
        }

        // Group by the monomial's shape (its factors without the coefficient); add coefficients while exact.
        var merged = new List<(Monomial Shape, List<double> Coefficients)>();
        foreach (Expr term in flat)
        {
            Monomial m = Monomial.Of(term);
            Monomial shape = m.WithCoefficient(1.0);
            int k = merged.FindIndex(e => e.Shape.SameFactors(shape));
            if (k < 0)
            {
                merged.Add((shape, [m.Coefficient]));
                continue;
            }

            List<double> coefficients = merged[k].Coefficients;
            int j = coefficients.FindIndex(c => DirectedRounding.AddDown(c, m.Coefficient) == DirectedRounding.AddUp(c, m.Coefficient));
            if (j >= 0)
            {
                coefficients[j] += m.Coefficient;
            }
            else
            {
                coefficients.Add(m.Coefficient);
            }
        }

        var result = new List<Expr>();
        foreach ((Monomial shape, List<double> coefficients) in merged)
        {
            result.AddRange(coefficients.Where(c => c != 0.0).Select(c => shape.WithCoefficient(c).Build()));
        }

        if (result.Count == 0)
        {
            return Constant(0.0);
        }

        if (result.Count == 1)
        {
            return result[0];
        }

        result.Sort(Order);
        return new(ExprKind.Sum, 0.0, 0, result.ToArray());
    }
}
