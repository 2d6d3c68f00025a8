using Verification.Reference.Validation;

namespace Verification.Reference.Optimizers;

/// <summary>
/// The box feasible set F = [Lower, Upper]^d and its projection Π_F.
/// </summary>
/// <remarks>
/// For a diagonal preconditioner A the weighted projection Π_{F,A}(y) = argmin_{x∈F} ‖A^{1/2}(x−y)‖ separates by
/// coordinate, and each one-dimensional problem is solved by clipping; so the Euclidean and every diagonally
/// weighted projection onto a box are the same coordinate clipping (DASGrad Alg. 1, StochGradAdam Thm 4.5).
/// </remarks>
/// <param name="Lower">The lower bound of every coordinate.</param>
/// <param name="Upper">The upper bound of every coordinate.</param>
public sealed record Box(double Lower, double Upper)
{
    /// <summary>The ℓ∞ diameter D_∞ = Upper − Lower.</summary>
    public double InfinityDiameter => Upper - Lower;

    /// <summary>Clips one coordinate.</summary>
    public double Project(double x) => Math.Min(Math.Max(x, Lower), Upper);

    /// <summary>Clips every coordinate in place.</summary>
    public void Project(Span<double> theta)
    {
        for (int i = 0; i < theta.Length; i++)
        {
            theta[i] = Project(theta[i]);
        }
    }

    /// <summary>Checks that the bounds are not NaN and Lower ≤ Upper (infinite bounds are allowed).</summary>
    public void Validate()
    {
        if (double.IsNaN(Lower) || double.IsNaN(Upper) || Lower > Upper)
        {
            throw new InvalidHyperparameterException("box", $"[{Lower}, {Upper}]", "must satisfy lower <= upper, neither NaN");
        }
    }
}
