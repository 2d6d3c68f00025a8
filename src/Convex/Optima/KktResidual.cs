namespace Verification.Convex.Optima;

/// <summary>
/// The projected-gradient (KKT) residual of a box-constrained problem, r(θ) = Π_F(θ − ∇F(θ)) − θ. It is zero exactly
/// at the minimisers of a convex F over F (the KKT conditions: ∂_j F = 0 on free coordinates, ≥ 0 at a lower bound,
/// ≤ 0 at an upper bound), and its size measures how far a point is from satisfying them.
/// </summary>
public static class KktResidual
{
    /// <summary>(‖r‖_∞, ‖r‖₂) at <paramref name="theta"/> with gradient <paramref name="gradient"/>.</summary>
    public static (double Infinity, double Euclidean) Compute(BoxConstraint box, ReadOnlySpan<double> theta, ReadOnlySpan<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(box);
        double max = 0.0;
        double squared = 0.0;
        for (int j = 0; j < theta.Length; j++)
        {
            double r = Math.Clamp(theta[j] - gradient[j], box.Lower[j], box.Upper[j]) - theta[j];
            max = Math.Max(max, Math.Abs(r));
            squared += r * r;
        }

        return (max, Math.Sqrt(squared));
    }
}
