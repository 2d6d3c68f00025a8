using Verification.Claims.Certification.Arithmetic;

namespace Verification.Claims.Certification.Symbolic;

/// <summary>Evaluations of an <see cref="Expr"/>: interval enclosure, enclosure with derivatives, and substitution of coordinates.</summary>
public static class ExprEvaluation
{
    /// <summary>An enclosure of <paramref name="expr"/> over <paramref name="box"/> (coordinate i ranging over box[i]).</summary>
    public static Interval Enclose(Expr expr, IReadOnlyList<Interval> box)
    {
        ArgumentNullException.ThrowIfNull(expr);
        ArgumentNullException.ThrowIfNull(box);
        return Enclose(expr, box, new Dictionary<Expr, Interval>(ReferenceEqualityComparer.Instance));
    }

    /// <summary>Enclosures of <paramref name="expr"/> and of its partial derivatives over <paramref name="box"/>.</summary>
    public static IntervalGradient EncloseWithGradient(Expr expr, IReadOnlyList<Interval> box)
    {
        ArgumentNullException.ThrowIfNull(expr);
        ArgumentNullException.ThrowIfNull(box);
        return Differentiate(expr, box, new Dictionary<Expr, IntervalGradient>(ReferenceEqualityComparer.Instance));
    }

    /// <summary><paramref name="expr"/> with coordinate i replaced by the constant values[i] wherever values[i] is not null, simplified again.</summary>
    public static Expr Substitute(Expr expr, IReadOnlyList<double?> values)
    {
        ArgumentNullException.ThrowIfNull(expr);
        ArgumentNullException.ThrowIfNull(values);
        return Substitute(expr, values, new Dictionary<Expr, Expr>(ReferenceEqualityComparer.Instance));
    }

    /// <summary>The coordinates <paramref name="expr"/> depends on, ascending.</summary>
    public static IReadOnlyList<int> Variables(Expr expr)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var found = new SortedSet<int>();
        var seen = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Expr>([expr]);
        while (stack.Count > 0)
        {
            Expr e = stack.Pop();
            if (!seen.Add(e))
            {
                continue;
            }

            if (e.Kind == ExprKind.Variable)
            {
                found.Add(e.Index);
            }

            foreach (Expr child in e.Children)
            {
                stack.Push(child);
            }
        }

        return found.ToList();
    }

    private static Interval Enclose(Expr e, IReadOnlyList<Interval> box, Dictionary<Expr, Interval> memo)
    {
        if (memo.TryGetValue(e, out Interval known))
        {
            return known;
        }

        Interval Child(int k) => Enclose(e.Children[k], box, memo);
        Interval result = e.Kind switch
        {
            ExprKind.Constant => Interval.Point(e.Value),
            ExprKind.Variable => box[e.Index],
            ExprKind.Sum => e.Children.Aggregate(Interval.Point(0.0), (s, c) => s + Enclose(c, box, memo)),
            ExprKind.Negate => -Child(0),
            ExprKind.Product => e.Children.Aggregate(Interval.Point(1.0), (p, c) => p * Enclose(c, box, memo)),
            ExprKind.Quotient => Child(0) / Child(1),
            ExprKind.Ratio => Interval.Ratio(Child(0), Child(1)),
            ExprKind.Sqrt => Interval.Sqrt(Child(0)),
            ExprKind.Abs => Interval.Abs(Child(0)),
            ExprKind.Min => Interval.Min(Child(0), Child(1)),
            ExprKind.Max => Interval.Max(Child(0), Child(1)),
            ExprKind.Power => Power(Child(0), e.Index),
            _ => throw new InvalidOperationException($"Unknown node kind {e.Kind}."),
        };
        memo[e] = result;
        return result;
    }

    /// <summary>x^n for any integer n (a negative power is the reciprocal of the positive one).</summary>
    private static Interval Power(Interval x, int n) => n >= 0 ? Interval.Pow(x, n) : Interval.Point(1.0) / Interval.Pow(x, -n);

    private static IntervalGradient Differentiate(Expr e, IReadOnlyList<Interval> box, Dictionary<Expr, IntervalGradient> memo)
    {
        if (memo.TryGetValue(e, out IntervalGradient known))
        {
            return known;
        }

        int n = box.Count;
        IntervalGradient Child(int k) => Differentiate(e.Children[k], box, memo);
        Interval[] Zero() => Enumerable.Repeat(Interval.Point(0.0), n).ToArray();
        Interval[] Combine(Interval[] a, Interval wa, Interval[] b, Interval wb)
        {
            var g = new Interval[n];
            for (int i = 0; i < n; i++)
            {
                g[i] = Scale(a[i], wa) + Scale(b[i], wb);
            }

            return g;
        }

        Interval[] ScaleAll(Interval[] a, Interval w) => a.Select(x => Scale(x, w)).ToArray();

        IntervalGradient result;
        switch (e.Kind)
        {
            case ExprKind.Constant:
                result = new(Interval.Point(e.Value), Zero());
                break;
            case ExprKind.Variable:
                {
                    Interval[] g = Zero();
                    g[e.Index] = Interval.Point(1.0);
                    result = new(box[e.Index], g);
                    break;
                }

            case ExprKind.Sum:
                {
                    Interval value = Interval.Point(0.0);
                    Interval[] g = Zero();
                    foreach (Expr c in e.Children)
                    {
                        IntervalGradient d = Differentiate(c, box, memo);
                        value += d.Value;
                        for (int i = 0; i < n; i++)
                        {
                            g[i] += d.Gradient[i];
                        }
                    }

                    result = new(value, g);
                    break;
                }

            case ExprKind.Negate:
                {
                    IntervalGradient a = Child(0);
                    result = new(-a.Value, a.Gradient.Select(x => -x).ToArray());
                    break;
                }

            case ExprKind.Product:
                {
                    // (Π f_j)' = Σ_i f_i' Π_{j≠i} f_j.
                    IntervalGradient[] factors = e.Children.Select(c => Differentiate(c, box, memo)).ToArray();
                    Interval value = factors.Aggregate(Interval.Point(1.0), (p, f) => p * f.Value);
                    Interval[] g = Zero();
                    for (int k = 0; k < factors.Length; k++)
                    {
                        Interval others = Interval.Point(1.0);
                        for (int j = 0; j < factors.Length; j++)
                        {
                            if (j != k)
                            {
                                others *= factors[j].Value;
                            }
                        }

                        for (int i = 0; i < n; i++)
                        {
                            g[i] += Scale(factors[k].Gradient[i], others);
                        }
                    }

                    result = new(value, g);
                    break;
                }

            case ExprKind.Quotient:
            case ExprKind.Ratio:
                {
                    // (a/b)' = a'/b − (a/b)·b'/b; a ratio's 0/0 points have no derivative, and the enclosure of 1/b is then unbounded.
                    IntervalGradient a = Child(0), b = Child(1);
                    Interval q = e.Kind == ExprKind.Ratio ? Interval.Ratio(a.Value, b.Value) : a.Value / b.Value;
                    Interval inverse = Interval.Point(1.0) / b.Value;
                    Interval[] g = Combine(a.Gradient, inverse, b.Gradient, -(q * inverse));
                    if (e.Kind == ExprKind.Ratio && a.Value.Contains(0.0) && b.Value.Contains(0.0))
                    {
                        // Near a 0/0 point the convention may make the ratio jump: no derivative bound holds across it.
                        g = g.Select((x, i) => a.Gradient[i] == Interval.Point(0.0) && b.Gradient[i] == Interval.Point(0.0) ? x : Interval.Entire).ToArray();
                    }

                    result = new(q, g);
                    break;
                }

            case ExprKind.Sqrt:
                {
                    IntervalGradient a = Child(0);
                    Interval root = Interval.Sqrt(a.Value);
                    result = new(root, ScaleAll(a.Gradient, Interval.Point(1.0) / (Interval.Point(2.0) * root)));
                    break;
                }

            case ExprKind.Abs:
                {
                    // On a box where the operand keeps one sign, |a| is ±a there (one-sided at 0), so the derivative is ±a'.
                    IntervalGradient a = Child(0);
                    Interval sign = a.Value.Lo >= 0.0 ? Interval.Point(1.0) : a.Value.Hi <= 0.0 ? Interval.Point(-1.0) : new Interval(-1.0, 1.0);
                    result = new(Interval.Abs(a.Value), ScaleAll(a.Gradient, sign));
                    break;
                }

            case ExprKind.Min:
            case ExprKind.Max:
                {
                    IntervalGradient a = Child(0), b = Child(1);
                    bool min = e.Kind == ExprKind.Min;
                    Interval value = min ? Interval.Min(a.Value, b.Value) : Interval.Max(a.Value, b.Value);
                    bool aWins = min ? a.Value.Hi <= b.Value.Lo : a.Value.Lo >= b.Value.Hi;
                    bool bWins = min ? b.Value.Hi <= a.Value.Lo : b.Value.Lo >= a.Value.Hi;
                    Interval[] g = aWins ? a.Gradient : bWins ? b.Gradient : a.Gradient.Zip(b.Gradient, Interval.Hull).ToArray();
                    result = new(value, g);
                    break;
                }

            case ExprKind.Power:
                {
                    IntervalGradient a = Child(0);
                    Interval factor = Interval.Point(e.Index) * Power(a.Value, e.Index - 1);
                    result = new(Power(a.Value, e.Index), ScaleAll(a.Gradient, factor));
                    break;
                }

            default:
                throw new InvalidOperationException($"Unknown node kind {e.Kind}.");
        }

        memo[e] = result;
        return result;
    }

    /// <summary>d·w, keeping an exactly zero derivative exact even when the weight is unbounded (the term does not depend on the coordinate).</summary>
    private static Interval Scale(Interval derivative, Interval weight) =>
        derivative.Lo == 0.0 && derivative.Hi == 0.0 ? derivative : derivative * weight;

    private static Expr Substitute(Expr e, IReadOnlyList<double?> values, Dictionary<Expr, Expr> memo)
    {
        if (memo.TryGetValue(e, out Expr? known))
        {
            return known;
        }

        Expr C(int k) => Substitute(e.Children[k], values, memo);
        Expr result = e.Kind switch
        {
            ExprKind.Constant => e,
            ExprKind.Variable => values[e.Index] is { } v ? Expr.Constant(v) : e,
            ExprKind.Sum => Expr.Sum(e.Children.Select(c => Substitute(c, values, memo)).ToList()),
            ExprKind.Negate => -C(0),
            ExprKind.Product => e.Children.Select(c => Substitute(c, values, memo)).Aggregate(Expr.Constant(1.0), (p, c) => p * c),
            ExprKind.Quotient => C(0) / C(1),
            ExprKind.Ratio => Expr.Ratio(C(0), C(1)),
            ExprKind.Sqrt => Expr.Sqrt(C(0)),
            ExprKind.Abs => Expr.Abs(C(0)),
            ExprKind.Min => Expr.Min(C(0), C(1)),
            ExprKind.Max => Expr.Max(C(0), C(1)),
            ExprKind.Power => e.Index >= 0 ? Expr.Pow(C(0), e.Index) : 1.0 / Expr.Pow(C(0), -e.Index),
            _ => throw new InvalidOperationException($"Unknown node kind {e.Kind}."),
        };
        memo[e] = result;
        return result;
    }
}
