using Verification.Claims.Certification.Arithmetic;

namespace Verification.Claims.Instances;

/// <summary>
/// One coordinate's history in any <see cref="IScalar{T}"/>: what the per-coordinate StochGradAdam claims are written
/// over, so that the search (doubles) and the certifier (expressions over a box) run the same formulas.
/// </summary>
/// <typeparam name="TScalar">The arithmetic.</typeparam>
public sealed class CoordinateScalars<TScalar>
    where TScalar : IScalar<TScalar>
{
    /// <summary>Creates the view.</summary>
    /// <param name="gradients">g_{t,i}, t = 1..T.</param>
    /// <param name="keep">Ω_{t,i}.</param>
    /// <param name="gInf">G_∞.</param>
    public CoordinateScalars(TScalar[] gradients, bool[] keep, TScalar gInf)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        ArgumentNullException.ThrowIfNull(keep);
        if (keep.Length != gradients.Length)
        {
            throw new ArgumentException($"{keep.Length} mask bits for {gradients.Length} gradients.", nameof(keep));
        }

        Gradients = gradients;
        Keep = keep;
        GInf = gInf;
        Phi = gradients.Select((g, t) => keep[t] ? g : (TScalar)0.0).ToArray();
    }

    /// <summary>T.</summary>
    public int T => Gradients.Length;

    /// <summary>g_{t,i}.</summary>
    public TScalar[] Gradients { get; }

    /// <summary>Ω_{t,i}.</summary>
    public bool[] Keep { get; }

    /// <summary>φ_{t,i} = Ω_{t,i} g_{t,i} (a select: 0 where masked).</summary>
    public TScalar[] Phi { get; }

    /// <summary>G_∞.</summary>
    public TScalar GInf { get; }
}

/// <summary>Builders of <see cref="CoordinateScalars{TScalar}"/>, and the sums the claims are written with.</summary>
public static class CoordinateScalars
{
    /// <summary>The history in doubles.</summary>
    public static CoordinateScalars<Real> Of(CoordinateHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return new(Real.Of(history.Gradients), history.Keep, history.GInf);
    }

    /// <summary>On a certification box: x₀ = G_∞ and g_t = G_∞·x_t with x_t ∈ [−1, 1], so |g_t| ≤ G_∞ holds by construction.</summary>
    public static CoordinateScalars<TScalar> OnBox<TScalar>(IReadOnlyList<TScalar> x, bool[] keep)
        where TScalar : IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(keep);
        return new(Enumerable.Range(1, keep.Length).Select(t => x[0] * x[t]).ToArray(), keep, x[0]);
    }

    /// <summary>‖x‖₂, summed in index order.</summary>
    public static TScalar L2<TScalar>(ReadOnlySpan<TScalar> x)
        where TScalar : IScalar<TScalar>
    {
        TScalar sum = 0.0;
        foreach (TScalar v in x)
        {
            sum += v * v;
        }

        return TScalar.Sqrt(sum);
    }

    /// <summary>Σ_t √(x_t²/t), t 1-based.</summary>
    public static TScalar ScaledSum<TScalar>(ReadOnlySpan<TScalar> x)
        where TScalar : IScalar<TScalar>
    {
        TScalar sum = 0.0;
        for (int t = 0; t < x.Length; t++)
        {
            sum += TScalar.Sqrt(x[t] * x[t] / (double)(t + 1));
        }

        return sum;
    }
}
