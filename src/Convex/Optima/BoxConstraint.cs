using Verification.Reference.Validation;

namespace Verification.Convex.Optima;

/// <summary>The box feasible set F = {θ : l ≤ θ ≤ u} (per coordinate), closed and convex as the analysis requires.</summary>
public sealed class BoxConstraint
{
    /// <summary>Creates the box; every l_j ≤ u_j, infinities allowed for unbounded coordinates.</summary>
    public BoxConstraint(double[] lower, double[] upper)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        Guard.SameLength(nameof(upper), upper.Length, nameof(lower), lower.Length);
        for (int j = 0; j < lower.Length; j++)
        {
            if (double.IsNaN(lower[j]) || double.IsNaN(upper[j]) || lower[j] > upper[j])
            {
                throw new ArgumentException($"Box coordinate {j}: need lower <= upper, got [{lower[j]}, {upper[j]}].", nameof(lower));
            }
        }

        Lower = lower;
        Upper = upper;
    }

    /// <summary>The cube [<paramref name="lower"/>, <paramref name="upper"/>]^d.</summary>
    public static BoxConstraint Uniform(int dimension, double lower, double upper) =>
        new(Enumerable.Repeat(lower, dimension).ToArray(), Enumerable.Repeat(upper, dimension).ToArray());

    /// <summary>Per-coordinate lower bounds.</summary>
    public IReadOnlyList<double> Lower { get; }

    /// <summary>Per-coordinate upper bounds.</summary>
    public IReadOnlyList<double> Upper { get; }

    /// <summary>The dimension d.</summary>
    public int Dimension => Lower.Count;

    /// <summary>D_∞ = max_j (u_j − l_j) = sup ‖θ − θ'‖_∞ over the box (Reddi et al.'s bounded-diameter constant).</summary>
    public double DiameterInfinity => Enumerable.Range(0, Dimension).Max(j => Upper[j] - Lower[j]);

    /// <summary>D = sup ‖θ − θ'‖₂ = ‖u − l‖₂ over the box.</summary>
    public double Diameter2 => Math.Sqrt(Enumerable.Range(0, Dimension).Sum(j => (Upper[j] - Lower[j]) * (Upper[j] - Lower[j])));

    /// <summary>Projects <paramref name="theta"/> onto the box in place (the Euclidean projection Π_F is coordinate clipping).</summary>
    public void Project(Span<double> theta)
    {
        Guard.SameLength(nameof(theta), theta.Length, "box dimension", Dimension);
        for (int j = 0; j < theta.Length; j++)
        {
            theta[j] = Math.Clamp(theta[j], Lower[j], Upper[j]);
        }
    }

    /// <summary>Whether every coordinate lies in its interval.</summary>
    public bool Contains(ReadOnlySpan<double> theta)
    {
        for (int j = 0; j < theta.Length; j++)
        {
            if (!(theta[j] >= Lower[j] && theta[j] <= Upper[j]))
            {
                return false;
            }
        }

        return theta.Length == Dimension;
    }
}
