using System.Text.Json.Serialization;
using FsCheck;
using FsCheck.Fluent;
using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>
/// A gradient history ĝ_{1:T} (T × d) fed to the AMSGrad recursions: m_t = β_{1t}m_{t−1} + (1−β_{1t})ĝ_t,
/// v_t = β₂v_{t−1} + (1−β₂)ĝ_t², v̂_t = max(v̂_{t−1}, v_t). Lemma 9 is pathwise, so any history is a valid path (for
/// DASGrad the ĝ are the weighted gradients); G_∞ = factor · max|ĝ_{t,k}| where a claim needs the gradient bound.
/// </summary>
internal sealed record MomentHistory(double[][] G, double Beta1, double Beta2, double Lambda, double[]? Beta1Schedule, double Alpha, double GInfFactor)
{
    [JsonIgnore]
    public int T => G.Length;

    [JsonIgnore]
    public int D => G[0].Length;

    [JsonIgnore]
    public double GInf => GInfFactor * G.Max(Vec.NormInf);

    [JsonIgnore]
    public double Gamma => Beta2 == 0.0 ? (Beta1 == 0.0 ? 0.0 : double.PositiveInfinity) : Beta1 / Math.Sqrt(Beta2);

    public double Beta1At(int t) => Beta1Schedule is { } s ? s[t - 1] : Beta1 * Math.Pow(Lambda, t - 1);

    public double AlphaAt(int t) => Alpha / Math.Sqrt(t);

    /// <summary>(m_t, v_t, v̂_t) for t = 1..T (index t − 1).</summary>
    [JsonIgnore]
    public (double[] M, double[] V, double[] VHat)[] Moments
    {
        get
        {
            var result = new (double[], double[], double[])[T];
            double[] m = new double[D], v = new double[D], vhat = new double[D];
            for (int t = 1; t <= T; t++)
            {
                double b1 = Beta1At(t);
                m = m.Select((x, k) => b1 * x + (1 - b1) * G[t - 1][k]).ToArray();
                v = v.Select((x, k) => Beta2 * x + (1 - Beta2) * G[t - 1][k] * G[t - 1][k]).ToArray();
                double[] vNow = v;
                vhat = vhat.Select((x, k) => Math.Max(x, vNow[k])).ToArray();
                for (int k = 0; k < D; k++)
                {
                    UnrepresentableInstanceException.ThrowIfSecondMomentLost(G[t - 1][k], vhat[k], $"step {t}, coordinate {k}");
                }

                result[t - 1] = (m, v, vhat);
            }

            return result;
        }
    }

    /// <summary>Σ_k ‖ĝ_{1:T,k}‖₂.</summary>
    [JsonIgnore]
    public double HistoryNorms => Enumerable.Range(0, D).Sum(k => Math.Sqrt(G.Sum(g => g[k] * g[k])));

    public override string ToString() =>
        $"T={T} d={D} α={Alpha} β=({Beta1}, {Beta2}) λ={Lambda} schedule={(Beta1Schedule is null ? "λ" : string.Join(",", Beta1Schedule))} g=[{string.Join("; ", G.Select(r => string.Join(", ", r)))}] factor={GInfFactor}";
}

/// <summary>The families of <see cref="MomentHistory"/> (γ = β₁/√β₂ &lt; 1 throughout).</summary>
internal static class MomentHistoryFamilies
{
    public static IReadOnlyList<InstanceFamily<MomentHistory>> All(int trials = 60, bool lambdaOnly = false)
    {
        var families = new List<InstanceFamily<MomentHistory>>
        {
            Family("unit-scale", "ĝ ∈ [−1, 1], T ∈ [1, 12], d ∈ [1, 4]", Entry(1.0), Gen.Choose(1, 12), trials),
            Family("tiny-scale", "ĝ ∈ [−1e-6, 1e-6]", Entry(1e-6), Gen.Choose(1, 12), trials),
            Family("huge-scale", "ĝ ∈ [−1e6, 1e6]", Entry(1e6), Gen.Choose(1, 12), trials),
            Family("sparse", "85% of the ĝ_{t,k} are exactly 0", Gen.Frequency((17, Gen.Constant(0.0)), (3, Entry(1.0))), Gen.Choose(1, 12), trials),
            Family("one-hot-steps", "each ĝ_t has one nonzero coordinate (the sparse setting of Section 5)", Entry(1.0), Gen.Choose(1, 12), trials, oneHot: true),
            Family("long-horizon", "T ∈ [50, 300]", Entry(1.0), Gen.Choose(50, 300), Math.Max(1, trials / 10)),
            Structured("power-law", "ĝ_{t,k} = ±c_k t^(−a), a ∈ [0, 1.5], T log-uniform in [1, 10³], β₂ over all of (0, 1)", trials / 2, alternating: false),
            Structured("alternating", "ĝ_{t,k} = (−1)^t c_k t^(−a), T log-uniform in [1, 10³], β₂ over all of (0, 1)", trials / 2, alternating: true),
        };
        if (!lambdaOnly)
        {
            families.Add(Family("beta1-schedule", "arbitrary β_{1t} ∈ [0, β₁] with β_{11} = β₁", Entry(1.0), Gen.Choose(2, 12), trials, schedule: true));
        }

        var domain = new MomentHistoryDomain(lambdaOnly);
        return families.Select(f => f with { Domain = domain }).ToList();
    }

    /// <summary>Power-law histories over long horizons with β pairs from the whole γ &lt; 1 region.</summary>
    private static InstanceFamily<MomentHistory> Structured(string name, string description, int trials, bool alternating)
    {
        Gen<MomentHistory> gen =
            from t in Gen.Choose(0, 3000).Select(k => (int)Math.Round(Math.Pow(10, k / 1000.0)))
            from d in Gen.Choose(1, 4)
            from a in Gen.Choose(0, 1500).Select(k => k / 1000.0)
            from scales in Gen.Choose(-6000, 6000).Select(k => Math.Pow(10, k / 1000.0)).ArrayOf(d)
            from signs in Gen.Elements(1.0, -1.0).ArrayOf(d)
            from betas in FiniteSumRunFamilies.WideBetas()
            from lambda in Gen.Frequency((1, Gen.Constant(0.0)), (1, Gen.Constant(0.999)), (3, Gen.Choose(0, 999).Select(k => k / 1000.0)))
            from alpha in Gen.Elements(0.001, 0.1, 1.0, 10.0)
            from factor in Gen.Elements(1.0, 1.0, 2.0)
            select new MomentHistory(
                Enumerable.Range(1, t).Select(s => Enumerable.Range(0, d).Select(k => signs[k] * scales[k] * Math.Pow(s, -a) * (alternating && s % 2 == 0 ? -1.0 : 1.0)).ToArray()).ToArray(),
                betas.Beta1, betas.Beta2, lambda, null, alpha, factor);
        return new InstanceFamily<MomentHistory>(name, description, gen, Shrink, Math.Max(1, trials));
    }

    private static Gen<double> Entry(double scale) => Gen.Choose(-1000, 1000).Select(k => k / 1000.0 * scale);

    private static InstanceFamily<MomentHistory> Family(string name, string description, Gen<double> entry, Gen<int> horizon, int trials, bool oneHot = false, bool schedule = false)
    {
        Gen<MomentHistory> gen =
            from t in horizon
            from d in Gen.Choose(1, 4)
            from rows in (oneHot
                ? from k in Gen.Choose(0, d - 1) from v in entry select Enumerable.Range(0, d).Select(j => j == k ? v : 0.0).ToArray()
                : entry.ArrayOf(d)).ArrayOf(t)
            from betas in FiniteSumRunFamilies.Betas()
            from lambda in Gen.Frequency((1, Gen.Constant(0.0)), (1, Gen.Constant(0.999)), (3, Gen.Choose(0, 999).Select(k => k / 1000.0)))
            from sched in Gen.Choose(0, 1000).Select(k => k / 1000.0).ArrayOf(t)
            from alpha in Gen.Elements(0.001, 0.1, 1.0, 10.0)
            from factor in Gen.Elements(1.0, 1.0, 2.0)
            select new MomentHistory(rows, betas.Beta1, betas.Beta2, lambda,
                schedule ? sched.Select((x, i) => i == 0 ? betas.Beta1 : x * betas.Beta1).ToArray() : null, alpha, factor);
        return new InstanceFamily<MomentHistory>(name, description, gen, Shrink, trials);
    }

    public static IEnumerable<MomentHistory> Shrink(MomentHistory h)
    {
        if (h.T > 1)
        {
            // Halving first: a history of 10³ steps shrinks in ten moves instead of a thousand.
            int half = h.T / 2;
            yield return h with { G = h.G[..half], Beta1Schedule = h.Beta1Schedule?[..half] };
            yield return h with { G = h.G[..^1], Beta1Schedule = h.Beta1Schedule?[..^1] };
            yield return h with { G = h.G[1..], Beta1Schedule = h.Beta1Schedule is { } s ? [h.Beta1, .. s[2..]] : null };
        }

        if (h.D > 1)
        {
            for (int k = 0; k < h.D; k++)
            {
                yield return h with { G = Shrinking.WithoutColumn(h.G, k) };
            }
        }

        if (h.Beta1Schedule is not null)
        {
            yield return h with { Beta1Schedule = null };
        }

        if (h.Beta1 != 0.0)
        {
            yield return h with { Beta1 = 0.0, Beta1Schedule = h.Beta1Schedule?.Select(_ => 0.0).ToArray() };
        }

        if (h.Lambda != 0.0 && h.Beta1Schedule is null)
        {
            yield return h with { Lambda = 0.0 };
        }

        if (h.GInfFactor != 1.0)
        {
            yield return h with { GInfFactor = 1.0 };
        }

        if (h.Alpha != 1.0)
        {
            yield return h with { Alpha = 1.0 };
        }

        foreach (double b2 in Shrinking.Scalar(h.Beta2, allowZero: false))
        {
            if (h.Beta1 < Math.Sqrt(b2) && b2 < 1.0)
            {
                yield return h with { Beta2 = b2 };
            }
        }

        foreach (double l in Shrinking.Scalar(h.Lambda, allowZero: false))
        {
            if (l < 1.0 && h.Beta1Schedule is null)
            {
                yield return h with { Lambda = l };
            }
        }

        foreach (double[][] rows in Shrinking.Entries(h.G))
        {
            yield return h with { G = rows };
        }
    }
}
