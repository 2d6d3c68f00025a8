using Verification.Claims.Certification.Arithmetic;

namespace Verification.Claims.Certification.Symbolic;

/// <summary>
/// A product c·Π b_k^{e_k} of a constant and integer powers of bases (any expression that is not itself a product,
/// power, negation or constant): the normal form in which products and quotients are multiplied out, so that
/// p·(g/(n p))² and g²/(n² p) become the same expression. b^e·b^(−e) = 1 is used where b ≠ 0, i.e. wherever the
/// expression it came from is defined. A constant coefficient is distributed over a sum it multiplies, so like terms
/// can meet in the sum.
/// </summary>
internal sealed class Monomial
{
    private Monomial(double coefficient, List<(Expr Base, int Exponent)> factors)
    {
        Coefficient = coefficient;
        Factors = factors;
    }

    /// <summary>The constant coefficient (a double; constants that do not combine exactly stay among the factors).</summary>
    public double Coefficient { get; }

    /// <summary>The bases and their nonzero exponents, in canonical order.</summary>
    public List<(Expr Base, int Exponent)> Factors { get; }

    /// <summary>The monomial form of <paramref name="e"/>.</summary>
    public static Monomial Of(Expr e)
    {
        switch (e.Kind)
        {
            case ExprKind.Constant:
                return new(e.Value, []);
            case ExprKind.Negate:
                {
                    Monomial inner = Of(e.Children[0]);
                    return new(-inner.Coefficient, inner.Factors);
                }

            case ExprKind.Power:
                return new(1.0, [(e.Children[0], e.Index)]);
            case ExprKind.Product:
                {
                    Monomial result = new(1.0, []);
                    foreach (Expr child in e.Children)
                    {
                        result = Multiply(result, Of(child), 1) ?? throw new InvalidOperationException("A normalised product's factors always combine.");
                    }

                    return result;
                }

            default:
                return new(1.0, [(e, 1)]);
        }
    }

    /// <summary>a · b^sign (sign ±1), or null when a coefficient division by 0 makes it undefined.</summary>
    public static Monomial? Multiply(Monomial a, Monomial b, int sign)
    {
        var factors = new List<(Expr Base, int Exponent)>(a.Factors);
        double coefficient = a.Coefficient;
        if (sign > 0)
        {
            (double down, double up) = DirectedRounding.Multiply(coefficient, b.Coefficient);
            if (down == up)
            {
                coefficient = down;
            }
            else
            {
                Add(factors, Expr.Constant(b.Coefficient), 1, ref coefficient);
            }
        }
        else
        {
            if (b.Coefficient == 0.0)
            {
                return null;
            }

            (double down, double up) = DirectedRounding.Divide(coefficient, b.Coefficient);
            if (down == up)
            {
                coefficient = down;
            }
            else
            {
                Add(factors, Expr.Constant(b.Coefficient), -1, ref coefficient);
            }
        }

        foreach ((Expr @base, int exponent) in b.Factors)
        {
            Add(factors, @base, sign * exponent, ref coefficient);
        }

        factors.Sort((x, y) => Expr.CompareForOrder(x.Base, y.Base));
        return new(coefficient, factors);
    }

    /// <summary>The same factors with another coefficient.</summary>
    public Monomial WithCoefficient(double coefficient) => new(coefficient, Factors);

    /// <summary>Whether both have the same factors (coefficients aside).</summary>
    public bool SameFactors(Monomial other) =>
        other.Factors.Count == Factors.Count && Factors.Zip(other.Factors).All(p => p.First.Exponent == p.Second.Exponent && p.First.Base.Equals(p.Second.Base));

    /// <summary>The expression: 0, a constant, a sum with the coefficient distributed, a negation, or a product node.</summary>
    public Expr Build()
    {
        if (Coefficient == 0.0)
        {
            return Expr.Constant(0.0);
        }

        if (Factors.Count == 0)
        {
            return Expr.Constant(Coefficient);
        }

        if (Coefficient < 0.0)
        {
            return -WithCoefficient(-Coefficient).Build();
        }

        if (Coefficient != 1.0 && Factors.Count == 1 && Factors[0].Exponent == 1 && Factors[0].Base.Kind == ExprKind.Sum)
        {
            return Expr.Sum(Factors[0].Base.Children.Select(t => Expr.Constant(Coefficient) * t).ToList());
        }

        var nodes = new List<Expr>();
        if (Coefficient != 1.0)
        {
            nodes.Add(Expr.Constant(Coefficient));
        }

        nodes.AddRange(Factors.Select(f => Expr.PowerNode(f.Base, f.Exponent)));
        return Expr.ProductOf(nodes);
    }

    private static void Add(List<(Expr Base, int Exponent)> factors, Expr @base, int exponent, ref double coefficient)
    {
        // √x raised to an even power is a power of x (wherever √x is defined); |x| to an even power is x to it. The
        // unwrapped operand is itself brought to monomial form, so a product never sits among the bases.
        if ((@base.Kind == ExprKind.Sqrt || @base.Kind == ExprKind.Abs) && exponent % 2 == 0)
        {
            int power = @base.Kind == ExprKind.Sqrt ? exponent / 2 : exponent;
            Monomial inner = Of(@base.Children[0]);
            if (inner.Coefficient == 1.0)
            {
                foreach ((Expr b, int e) in inner.Factors)
                {
                    Add(factors, b, e * power, ref coefficient);
                }

                return;
            }
        }

        // A sum is kept with the coefficient of its first term scaled to 1 (2 − 2x = −2·(x − 1)), when that is exact,
        // so that sums differing by a constant factor meet as one base.
        if (@base.Kind == ExprKind.Sum && Leading(@base) is { } lead && lead != 1.0
            && Scaled(@base, lead) is { } monic && PowerOf(lead, exponent) is { } factor
            && Exact(DirectedRounding.Multiply(coefficient, factor)) is { } product)
        {
            coefficient = product;
            @base = monic;
        }

        int k = factors.FindIndex(f => f.Base.Equals(@base));
        if (k < 0)
        {
            factors.Add((@base, exponent));
            return;
        }

        int total = factors[k].Exponent + exponent;
        factors.RemoveAt(k);
        if (total != 0)
        {
            // Re-added as a whole, so that a merged even power of √x or |x| is unwrapped too.
            Add(factors, @base, total, ref coefficient);
        }
    }

    private static double? Exact((double Down, double Up) bounds) => bounds.Down == bounds.Up ? bounds.Down : null;

    /// <summary>
    /// The coefficient of the sum's leading term: the term whose shape (the term with coefficient 1) comes first in the
    /// canonical order, so that c·S and S pick the same term whatever c's sign.
    /// </summary>
    private static double? Leading(Expr sum)
    {
        Monomial lead = sum.Children.Select(Of).MinBy(m => m.WithCoefficient(1.0).Build(), Comparer<Expr>.Create(Expr.CompareForOrder))!;
        return lead.Coefficient == 0.0 ? null : lead.Coefficient;
    }

    /// <summary>The sum with every term divided by <paramref name="c"/>, or null when a division is inexact.</summary>
    private static Expr? Scaled(Expr sum, double c)
    {
        var terms = new List<Expr>();
        foreach (Expr term in sum.Children)
        {
            Monomial m = Of(term);
            if (Exact(DirectedRounding.Divide(m.Coefficient, c)) is not { } q)
            {
                return null;
            }

            terms.Add(m.WithCoefficient(q).Build());
        }

        return Expr.Sum(terms);
    }

    /// <summary>c^n exactly, or null.</summary>
    private static double? PowerOf(double c, int n)
    {
        double result = 1.0;
        for (int k = 0; k < Math.Abs(n); k++)
        {
            if (Exact(DirectedRounding.Multiply(result, c)) is not { } next)
            {
                return null;
            }

            result = next;
        }

        return n >= 0 ? result : Exact(DirectedRounding.Divide(1.0, result));
    }
}
