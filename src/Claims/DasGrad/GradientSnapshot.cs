using System.Text.Json.Serialization;
using FsCheck;
using FsCheck.Fluent;
using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>
/// One step of an importance-sampled method: the per-example gradients g_i = ∇f_i(θ_t) (n × d), a sampling
/// distribution p over the n examples, a direction u (for θ_t − θ*), and the claimed gradient bound
/// G_∞ = factor · max_{i,k} |g_{i,k}| (factor ≥ 1, so the bounded-gradient hypothesis holds for the raw gradients).
/// Every expectation over i ~ p is an exact sum over the n indices.
/// </summary>
internal sealed record GradientSnapshot(double[][] Gradients, double[] P, double[] Direction, double GInfFactor)
{
    [JsonIgnore]
    public int N => Gradients.Length;

    [JsonIgnore]
    public int D => Gradients[0].Length;

    [JsonIgnore]
    public double GInf => GInfFactor * Gradients.Max(Vec.NormInf);

    /// <summary>g = (1/n) Σ_i g_i.</summary>
    [JsonIgnore]
    public double[] Full => Enumerable.Range(0, D).Select(k => Gradients.Sum(g => g[k]) / N).ToArray();

    [JsonIgnore]
    public double[] Norms => Gradients.Select(Vec.Norm).ToArray();

    /// <summary>(1/n) Σ_i ‖g_i‖₂.</summary>
    [JsonIgnore]
    public double MeanNorm => Norms.Sum() / N;

    /// <summary>(1/n) Σ_i ‖g_i‖₂² (= E_unif ‖ĝ‖²).</summary>
    [JsonIgnore]
    public double MeanSquaredNorm => Gradients.Sum(Vec.Sq) / N;

    /// <summary>p*_i = ‖g_i‖/Σ_j‖g_j‖ (uniform when every gradient is 0).</summary>
    [JsonIgnore]
    public double[] Optimal
    {
        get
        {
            double[] norms = Norms;
            double sum = norms.Sum();
            return sum > 0 ? norms.Select(r => r / sum).ToArray() : Enumerable.Repeat(1.0 / N, N).ToArray();
        }
    }

    [JsonIgnore]
    public double[] Uniform => Enumerable.Repeat(1.0 / N, N).ToArray();

    /// <summary>ĝ(i) = g_i/(n p_i).</summary>
    public double[] Weighted(int i, double[] p) => Vec.Scale(Gradients[i], 1.0 / (N * p[i]));

    /// <summary>E_{i~p} h(i) by enumeration over the indices with p_i &gt; 0.</summary>
    public double Expect(double[] p, Func<int, double> h)
    {
        double s = 0.0;
        for (int i = 0; i < N; i++)
        {
            if (p[i] > 0)
            {
                s += p[i] * h(i);
            }
        }

        return s;
    }

    /// <summary>E_p ‖ĝ‖² by enumeration.</summary>
    public double SecondMoment(double[] p) => Expect(p, i => Vec.Sq(Weighted(i, p)));

    /// <summary>Var_p(ĝ) = E_p ‖ĝ − g‖² by enumeration.</summary>
    public double Variance(double[] p)
    {
        double[] g = Full;
        return Expect(p, i => Vec.Sq(Vec.Sub(Weighted(i, p), g)));
    }

    public override string ToString() =>
        $"n={N} d={D} g=[{string.Join("; ", Gradients.Select(r => string.Join(", ", r)))}] p=[{string.Join(", ", P)}] u=[{string.Join(", ", Direction)}] factor={GInfFactor}";
}

/// <summary>The families of <see cref="GradientSnapshot"/> and their shrinker.</summary>
internal static class GradientSnapshotFamilies
{
    public static IReadOnlyList<InstanceFamily<GradientSnapshot>> All(int trials = 100) =>
    new InstanceFamily<GradientSnapshot>[]
    {
        Family("unit-scale", "n ∈ [1, 6], d ∈ [1, 4], g ∈ [−1, 1], p random", Entry(1.0), RandomP(), trials),
        Family("tiny-scale", "g ∈ [−1e-6, 1e-6] (G_∞ ≪ 1)", Entry(1e-6), RandomP(), trials),
        Family("huge-scale", "g ∈ [−1e6, 1e6] (G_∞ ≫ 1)", Entry(1e6), RandomP(), trials),
        Family("near-floor-p", "some p_i ∈ [1e-9, 1e-6]: examples that are almost never drawn", Entry(1.0), FloorP(), trials),
        Family("sparse", "80% of the entries are exactly 0 (whole zero rows occur)", Sparse(), RandomP(), trials),
        Family("norm-spread", "rows scaled by 10^[−3, 3]: per-example norms spread over six decades", Entry(1.0), RandomP(), trials, rowScale: true),
        Family("one-hot-rows", "each g_i has a single nonzero coordinate: ‖g_i‖_∞ = ‖g_i‖₂", OneHot: true, p: RandomP(), trials: trials),
    }.Select(f => f with { Domain = Domain }).ToList();

    /// <summary>The one domain of every snapshot claim (their hypotheses differ only in what the claim evaluates).</summary>
    private static readonly GradientSnapshotDomain Domain = new();

    private static InstanceFamily<GradientSnapshot> Family(
        string name, string description, Gen<double>? entry = null, Func<int, Gen<double[]>>? p = null, int trials = 100, bool rowScale = false, bool OneHot = false)
    {
        entry ??= Entry(1.0);
        p ??= RandomP();
        Gen<GradientSnapshot> gen =
            from n in Gen.Choose(1, 6)
            from d in Gen.Choose(1, 4)
            from rows in (OneHot ? OneHotRow(d) : entry.ArrayOf(d)).ArrayOf(n)
            from scales in Gen.Choose(-3, 3).Select(e => rowScale ? Math.Pow(10, e) : 1.0).ArrayOf(n)
            from probabilities in p(n)
            from u in Entry(1.0).ArrayOf(d)
            from factor in Gen.Elements(1.0, 1.0, 2.0)
            select new GradientSnapshot(rows.Select((r, i) => Vec.Scale(r, scales[i])).ToArray(), probabilities, u, factor);
        return new InstanceFamily<GradientSnapshot>(name, description, gen, Shrink, trials);
    }

    public static Gen<double> Entry(double scale) => Gen.Choose(-1000, 1000).Select(k => k / 1000.0 * scale);

    private static Gen<double> Sparse() => Gen.Frequency((4, Gen.Constant(0.0)), (1, Entry(1.0)));

    private static Gen<double[]> OneHotRow(int d) =>
        from k in Gen.Choose(0, d - 1)
        from v in Entry(1.0)
        select Enumerable.Range(0, d).Select(j => j == k ? v : 0.0).ToArray();

    public static Func<int, Gen<double[]>> RandomP() => n => Gen.Choose(1, 1000).ArrayOf(n).Select(Normalise);

    private static Func<int, Gen<double[]>> FloorP() => n =>
        Gen.Frequency((1, Gen.Choose(1, 1000).Select(k => k * 1e-9)), (2, Gen.Choose(1, 1000).Select(k => k / 1000.0))).ArrayOf(n).Select(Normalise);

    private static double[] Normalise(IEnumerable<int> weights) => Normalise(weights.Select(w => (double)w));

    private static double[] Normalise(IEnumerable<double> weights)
    {
        double[] w = weights.ToArray();
        double s = w.Sum();
        return w.Select(x => x / s).ToArray();
    }

    public static IEnumerable<GradientSnapshot> Shrink(GradientSnapshot s)
    {
        if (s.N > 1)
        {
            for (int i = 0; i < s.N; i++)
            {
                double[]? p = Shrinking.DropProbability(s.P, i);
                if (p is not null)
                {
                    yield return s with { Gradients = Shrinking.Without(s.Gradients, i), P = p };
                }
            }
        }

        if (s.D > 1)
        {
            for (int k = 0; k < s.D; k++)
            {
                yield return s with { Gradients = Shrinking.WithoutColumn(s.Gradients, k), Direction = Shrinking.Without(s.Direction, k) };
            }
        }

        if (s.GInfFactor != 1.0)
        {
            yield return s with { GInfFactor = 1.0 };
        }

        if (s.P.Any(x => x != 1.0 / s.N))
        {
            yield return s with { P = s.Uniform };
        }

        foreach (double[][] rows in Shrinking.Entries(s.Gradients))
        {
            yield return s with { Gradients = rows };
        }

        for (int k = 0; k < s.D; k++)
        {
            foreach (double v in Shrinking.Scalar(s.Direction[k], allowZero: true))
            {
                yield return s with { Direction = Shrinking.Replace(s.Direction, k, v) };
            }
        }
    }
}
