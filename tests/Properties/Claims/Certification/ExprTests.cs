using Verification.Claims.Certification.Symbolic;
using Interval = Verification.Claims.Certification.Arithmetic.Interval;

namespace Verification.Properties.Claims.Certification;

/// <summary>The expression layer's normal form: what cancels, and what must not be folded.</summary>
public sealed class ExprTests
{
    private static readonly Expr X = Expr.Variable(0), P = Expr.Variable(1), G = Expr.Variable(2);

    [Fact]
    public void Terms_that_are_equal_as_real_functions_cancel()
    {
        Assert.True((X - X).IsConstant(0.0));
        Assert.True(((X + G) - (G + X)).IsConstant(0.0));
        Assert.True((Expr.Sqrt(X) * Expr.Sqrt(X) - X).IsConstant(0.0));
        Assert.True((Expr.Abs(X) * Expr.Abs(X) - X * X).IsConstant(0.0));
        Assert.True((Expr.Sqrt(G * G) - Expr.Abs(G)).IsConstant(0.0));

        // E_p‖ĝ‖² term p·(g/(2p))² against g²/(4p), and (1 − p)/(2 − 2p)² against 1/(4(1 − p)).
        Expr weighted = P * Expr.Pow(G * (1.0 / (2.0 * P)), 2);
        Assert.True((weighted - G * G / P / 4.0).IsConstant(0.0));
        Expr q = 1.0 - P;
        Assert.True(((q / Expr.Pow(2.0 - 2.0 * P, 2)) - 0.25 / q).IsConstant(0.0));
    }

    [Fact]
    public void Inexact_constants_stay_exact_in_the_enclosure()
    {
        // 1/3 and √3 are not doubles: they must stay operations whose enclosures contain the real values.
        Expr third = Expr.Constant(1.0) / 3.0, root = Expr.Sqrt(3.0);
        Assert.False(third.Kind == ExprKind.Constant);
        Assert.False(root.Kind == ExprKind.Constant);
        Interval t = ExprEvaluation.Enclose(third, []), r = ExprEvaluation.Enclose(root, []);
        Assert.True(t.Lo < t.Hi && t.Lo <= 1.0 / 3.0 && 1.0 / 3.0 <= t.Hi, t.ToString());
        Assert.True(r.Lo * r.Lo <= 3.0 && 3.0 <= r.Hi * r.Hi, r.ToString());
        Assert.Equal(0.25, (Expr.Constant(1.0) / 4.0).Value);
    }

    [Fact]
    public void Different_functions_do_not_cancel()
    {
        Assert.False((Expr.Abs(X) - X).IsConstant(0.0));
        Assert.False((Expr.Sqrt(X * X) - X).IsConstant(0.0));
        Assert.False(((1.0 - P) / (2.0 - 2.0 * P) - 0.5 / (1.0 + P)).IsConstant(0.0));
    }

    [Fact]
    public void A_face_substitution_cancels_what_vanishes_there()
    {
        // √(x² + g²) − |x| vanishes on the face g = 0.
        Expr f = Expr.Sqrt(X * X + G * G) - Expr.Abs(X);
        Expr onFace = ExprEvaluation.Substitute(f, [null, null, 0.0]);
        Assert.True(onFace.IsConstant(0.0), onFace.ToString());
        Assert.Equal([0, 2], ExprEvaluation.Variables(f));
    }
}
