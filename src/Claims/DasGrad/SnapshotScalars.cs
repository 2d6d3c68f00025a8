using Verification.Claims.Certification.Arithmetic;

namespace Verification.Claims.DasGrad;

/// <summary>
/// A gradient snapshot in any <see cref="IScalar{T}"/>: what Lemma 2's expressions are written over, so that the
/// search (doubles) and the certifier (expressions over a box) run the same formulas. Which p_i are positive is a
/// property of the instance (the expectations skip p_i = 0), not of the arithmetic.
/// </summary>
/// <typeparam name="TScalar">The arithmetic.</typeparam>
internal sealed class SnapshotScalars<TScalar>
    where TScalar : IScalar<TScalar>
{
    public SnapshotScalars(TScalar[][] gradients, TScalar[] p, bool[] positive, TScalar gInf, bool normsVanish, bool[] nonzero)
    {
        NonZero = nonzero;
        Gradients = gradients;
        P = p;
        Positive = positive;
        GInf = gInf;
        NormsVanish = normsVanish;
    }

    public TScalar[][] Gradients { get; }

    public TScalar[] P { get; }

    public bool[] Positive { get; }

    public TScalar GInf { get; }

    /// <summary>Whether g_i ≠ 0, i.e. p*_i &gt; 0 (the expectation under p* skips the others).</summary>
    public bool[] NonZero { get; }

    /// <summary>Whether every gradient is 0 (then p* is uniform by convention).</summary>
    public bool NormsVanish { get; }

    public int N => Gradients.Length;

    public int D => Gradients[0].Length;

    /// <summary>‖g_i‖₂.</summary>
    public TScalar Norm(int i) => TScalar.Sqrt(Sq(Gradients[i]));

    /// <summary>Σ_i ‖g_i‖₂, summed in index order.</summary>
    public TScalar NormSum()
    {
        TScalar s = 0.0;
        for (int i = 0; i < N; i++)
        {
            s += Norm(i);
        }

        return s;
    }

    /// <summary>p*_i = ‖g_i‖/Σ_j‖g_j‖ (uniform when every gradient is 0).</summary>
    public TScalar[] Optimal()
    {
        if (NormsVanish)
        {
            return Uniform();
        }

        TScalar sum = NormSum();
        return Enumerable.Range(0, N).Select(i => Norm(i) / sum).ToArray();
    }

    /// <summary>p_i = 1/n.</summary>
    public TScalar[] Uniform() => Enumerable.Range(0, N).Select(_ => (TScalar)1.0 / (double)N).ToArray();

    /// <summary>E_p‖ĝ‖² = Σ_{p_i &gt; 0} p_i ‖g_i/(n p_i)‖², enumerated.</summary>
    public TScalar SecondMoment(TScalar[] p, bool[] positive)
    {
        TScalar s = 0.0;
        for (int i = 0; i < N; i++)
        {
            if (positive[i])
            {
                TScalar weight = (TScalar)1.0 / ((double)N * p[i]);
                s += p[i] * Sq(Gradients[i].Select(x => x * weight).ToArray());
            }
        }

        return s;
    }

    /// <summary>Σ_k a_k², in index order.</summary>
    public static TScalar Sq(TScalar[] a)
    {
        TScalar s = 0.0;
        foreach (TScalar x in a)
        {
            s += x * x;
        }

        return s;
    }
}

/// <summary>Builds <see cref="SnapshotScalars{TScalar}"/> from an instance.</summary>
internal static class SnapshotScalars
{
    /// <summary>The snapshot in doubles; which p_i and p*_i are positive is read off the instance.</summary>
    public static SnapshotScalars<Real> Of(GradientSnapshot s) =>
        new(s.Gradients.Select(Real.Of).ToArray(), Real.Of(s.P), s.P.Select(p => p > 0).ToArray(), s.GInf, s.Norms.Sum() <= 0, s.Norms.Select(r => r > 0).ToArray());
}
