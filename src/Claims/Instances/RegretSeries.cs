using FsCheck;
using FsCheck.Fluent;
using Verification.Claims.Catalogue;

namespace Verification.Claims.Instances;

/// <summary>The parameters of the series Σ_{t=1}^T β_{1,t}/(1 − β_{1,t})·√t with β_{1,t} = β₁λ^{t−1} (StochGradAdam (54)–(56)).</summary>
/// <param name="Beta1">β₁ ∈ [0, 1).</param>
/// <param name="Lambda">λ ∈ (0, 1).</param>
/// <param name="T">The horizon T ≥ 1.</param>
public sealed record RegretSeries(double Beta1, double Lambda, int T);

/// <summary>Families of <see cref="RegretSeries"/>: λ near 0 and near 1, β₁ across [0, 1), short and very long horizons.</summary>
public static class RegretSeriesFamilies
{
    /// <summary>All families, each carrying the <see cref="RegretSeriesDomain"/>.</summary>
    public static IReadOnlyList<InstanceFamily<RegretSeries>> All(int trials = 150) =>
    new InstanceFamily<RegretSeries>[]
    {
        Family("uniform", "β₁ ∈ [0, 0.999], λ ∈ (0, 1), T ∈ [1, 200]", Beta1(), Gen.Choose(1, 999).Select(k => k / 1000.0), Gen.Choose(1, 200), trials),
        Family("lambda-near-0", "λ ∈ [1e-9, 1e-2]", Beta1(), Gen.Choose(1, 7).Select(e => Math.Pow(10, -e - 1)), Gen.Choose(1, 200), trials),
        Family("lambda-near-1", "λ = 1 − 10^{−k}, k ∈ [2, 9]", Beta1(), Gen.Choose(2, 9).Select(e => 1 - Math.Pow(10, -e)), Gen.Choose(1, 2000), trials),
        Family("long-horizon", "T ∈ [10⁴, 10⁵]", Beta1(), Gen.Choose(1, 999).Select(k => k / 1000.0), Gen.Choose(10_000, 100_000), trials / 10),
    }.Select(f => f with { Domain = Domain }).ToList();

    private static readonly RegretSeriesDomain Domain = new();

    private static Gen<double> Beta1() =>
        Gen.Frequency((1, Gen.Constant(0.0)), (1, Gen.Constant(0.999)), (4, Gen.Choose(0, 999).Select(k => k / 1000.0)));

    private static InstanceFamily<RegretSeries> Family(string name, string description, Gen<double> beta1, Gen<double> lambda, Gen<int> horizon, int trials)
    {
        Gen<RegretSeries> generator = from b in beta1 from l in lambda from t in horizon select new RegretSeries(b, l, t);
        return new InstanceFamily<RegretSeries>(name, description, generator, Shrink, trials);
    }

    /// <summary>Shorter horizons, β₁ towards 0 or one decimal, λ = 1/2 or one decimal (kept in (0, 1)).</summary>
    public static IEnumerable<RegretSeries> Shrink(RegretSeries s)
    {
        if (s.T > 1)
        {
            yield return s with { T = s.T / 2 };
            yield return s with { T = s.T - 1 };
        }

        if (s.Beta1 != 0.0)
        {
            yield return s with { Beta1 = 0.0 };
            double b = Math.Round(s.Beta1, 1);
            if (b != s.Beta1 && b < 1.0)
            {
                yield return s with { Beta1 = b };
            }
        }

        if (s.Lambda != 0.5)
        {
            yield return s with { Lambda = 0.5 };
            double l = Math.Round(s.Lambda, 1);
            if (l != s.Lambda && l > 0.0 && l < 1.0)
            {
                yield return s with { Lambda = l };
            }
        }
    }
}
