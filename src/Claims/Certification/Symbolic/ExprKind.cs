namespace Verification.Claims.Certification.Symbolic;

/// <summary>The node kinds of an <see cref="Expr"/>.</summary>
public enum ExprKind
{
    /// <summary>A double constant.</summary>
    Constant,

    /// <summary>Coordinate <see cref="Expr.Index"/> of the box.</summary>
    Variable,

    /// <summary>The sum of the children (at least two, none a sum, none the constant 0).</summary>
    Sum,

    /// <summary>−child.</summary>
    Negate,

    /// <summary>The product of the children: a monomial (<see cref="Monomial"/>), a constant first, then bases and their powers.</summary>
    Product,

    /// <summary>child₀ / child₁ where child₁ is the constant 0 (everything else divides as a monomial).</summary>
    Quotient,

    /// <summary>child₀ / child₁ with 0/0 = 0.</summary>
    Ratio,

    /// <summary>√child.</summary>
    Sqrt,

    /// <summary>|child|.</summary>
    Abs,

    /// <summary>min(child₀, child₁).</summary>
    Min,

    /// <summary>max(child₀, child₁).</summary>
    Max,

    /// <summary>child^<see cref="Expr.Index"/>, a nonzero integer (negative: the reciprocal power).</summary>
    Power,
}
