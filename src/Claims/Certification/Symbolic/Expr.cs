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
        Size = 1 + children.Sum(c => c.Size);
    }

    /// <summary>The node kind.</summary>
    public ExprKind Kind { get; }

    /// <summary>The value of a <see cref="ExprKind.Constant"/>.</summary>
    public double Value { get; }

    /// <summary>The coordinate of a <see cref="ExprKind.Variable"/>, or the exponent of a <see cref="ExprKind.Power"/>.</summary>
    public int Index { get; }

    /// <summary>The operands.</summary>
    public IReadOnlyList<Expr> Children { get; }

    /// <summary>Nodes in the tree (shared subtrees counted each time).</summary>
    public int Size { get; }

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

        if (a.IsConstant(1.0))
        {
            return b;
        }

        if (b.IsConstant(1.0))
        {
            return a;
        }

        if (a.IsConstant(-1.0))
        {
            return -b;
        }

        if (b.IsConstant(-1.0))
        {
            return -a;
        }

        if (a.Kind == ExprKind.Constant && b.Kind == ExprKind.Constant && Exact(DirectedRounding.Multiply(a.Value, b.Value)) is { } product)
        {
            return Constant(product);
        }

        if (a.Kind == ExprKind.Sqrt && a.Equals(b))
        {
            return a.Children[0];   // √x·√x = x wherever √x is defined
        }

        if (a.Kind == ExprKind.Abs && a.Equals(b))
        {
            return a.Children[0] * a.Children[0];   // |x|·|x| = x·x
        }

        if (a.Kind == ExprKind.Negate)
        {
            return -(a.Children[0] * b);
        }

        if (b.Kind == ExprKind.Negate)
        {
            return -(a * b.Children[0]);
        }

        return Order(a, b) <= 0 ? new(ExprKind.Product, 0.0, 0, [a, b]) : new(ExprKind.Product, 0.0, 0, [b, a]);
    }

    /// <inheritdoc/>
    public static Expr operator /(Expr a, Expr b) => Divide(ExprKind.Quotient, a, b);

    /// <inheritdoc/>
    public static Expr Ratio(Expr a, Expr b) => Divide(ExprKind.Ratio, a, b);

    /// <inheritdoc/>
    public static Expr Sqrt(Expr x)
    {
        if (x.Kind == ExprKind.Constant && x.Value >= 0.0 && Exact(DirectedRounding.Sqrt(x.Value)) is { } root)
        {
            return Constant(root);
        }

        if (x.Kind == ExprKind.Product && x.Children[0].Equals(x.Children[1]))
        {
            return Abs(x.Children[0]);
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
        ExprKind.Product when x.Children[0].Equals(x.Children[1]) => x,
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

        if (n == 1 || x.IsConstant(0.0) || x.IsConstant(1.0))
        {
            return x;
        }

        if (x.Kind == ExprKind.Constant)
        {
            double? power = 1.0;
            for (int k = 0; k < n && power is { } p; k++)
            {
                power = Exact(DirectedRounding.Multiply(p, x.Value));
            }

            if (power is { } exact)
            {
                return Constant(exact);
            }
        }

        if (n % 2 == 0 && (x.Kind == ExprKind.Abs || x.Kind == ExprKind.Negate))
        {
            return Pow(x.Children[0], n);
        }

        return new(ExprKind.Power, 0.0, n, [x]);
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
        ExprKind.Product => $"{Children[0]}*{Children[1]}",
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
    /// The sum of <paramref name="terms"/>: nested sums flattened, zeros dropped, constants folded while exact, a term
    /// and its negation cancelled, and the rest in a canonical order.
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

        // Cancel x against −x (each pair once).
        for (int i = 0; i < flat.Count; i++)
        {
            Expr negated = -flat[i];
            int j = flat.FindIndex(i + 1, t => t.Equals(negated));
            if (j >= 0)
            {
                flat.RemoveAt(j);
                flat.RemoveAt(i);
                i--;
            }
        }

        // Fold constants pairwise while the double sum is exact.
        var constants = flat.Where(t => t.Kind == ExprKind.Constant).Select(t => t.Value).ToList();
        flat.RemoveAll(t => t.Kind == ExprKind.Constant);
        var kept = new List<double>();
        foreach (double c in constants)
        {
            int k = kept.FindIndex(v => DirectedRounding.AddDown(v, c) == DirectedRounding.AddUp(v, c));
            if (k >= 0)
            {
                kept[k] += c;
            }
            else
            {
                kept.Add(c);
            }
        }

        flat.AddRange(kept.Where(c => c != 0.0).Select(Constant));
        if (flat.Count == 0)
        {
            return Constant(0.0);
        }

        if (flat.Count == 1)
        {
            return flat[0];
        }

        flat.Sort(Order);
        return new(ExprKind.Sum, 0.0, 0, flat.ToArray());
    }
}
