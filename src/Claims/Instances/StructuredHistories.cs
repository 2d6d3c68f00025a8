using FsCheck;
using FsCheck.Fluent;
using Verification.Claims.Catalogue;

namespace Verification.Claims.Instances;

/// <summary>
/// Structured gradient histories, the shapes under which per-coordinate bounds are tight or fail: power-law decays
/// g_t = c·t^(−a) with a ∈ [0, 1.5], alternating signs, a spike at t = 1 or at t = T, geometric growth and decay, and
/// constants; horizons log-uniform in [1, 10⁴]; β₁, β₂ logit-uniform over [0, 1) with the edges themselves drawn too;
/// masks all kept or Bernoulli(s) with s ∈ (0, 1]; scales c log-uniform in [1e-6, 1e6].
/// </summary>
public static class StructuredHistories
{
    /// <summary>The structured families at <paramref name="trials"/> base samples (each gets a third of them).</summary>
    public static IEnumerable<InstanceFamily<CoordinateHistory>> All(bool gammaBelowOne, int trials)
    {
        int each = Math.Max(1, trials / 3);
        Gen<double> exponent = Gen.Choose(0, 1500).Select(k => k / 1000.0);
        yield return Family("power-law", "g_t = ±c·t^(−a), a ∈ [0, 1.5], signs all + or random, T ≤ 10⁴",
            exponent.Select(a => (Func<int, int, double>)((t, _) => Math.Pow(t, -a))), randomSigns: true, gammaBelowOne, each);
        yield return Family("alternating", "g_t = (−1)^t c·t^(−a), a ∈ [0, 1.5], T ≤ 10⁴",
            exponent.Select(a => (Func<int, int, double>)((t, _) => (t % 2 == 0 ? -1.0 : 1.0) * Math.Pow(t, -a))), randomSigns: false, gammaBelowOne, each);
        yield return Family("spike", "a constant c with one step ×K (K ∈ {10, 10², 10⁴}) at t = 1 or t = T",
            from k in Gen.Elements(10.0, 100.0, 1e4)
            from atEnd in Gen.Elements(false, true)
            select (Func<int, int, double>)((t, horizon) => (atEnd ? t == horizon : t == 1) ? k : 1.0), randomSigns: false, gammaBelowOne, each);
        yield return Family("geometric", "g_t = c·r^t, r ∈ [0.5, 1.5] (decay and growth, capped at 10⁶⁰)",
            Gen.Choose(500, 1500).Select(k => k / 1000.0).Select(r => (Func<int, int, double>)((t, _) => Math.Min(1e60, Math.Pow(r, t)))), randomSigns: false, gammaBelowOne, each);
        yield return Family("constant", "g_t = c for every t",
            Gen.Constant((Func<int, int, double>)((_, _) => 1.0)), randomSigns: false, gammaBelowOne, each);
    }

    /// <summary>β₁, β₂ over the whole of [0, 1): the edge 0, logits uniform in [−10, 14], and values within 10⁻⁸ of 1.</summary>
    public static Gen<(double Beta1, double Beta2)> Betas(bool gammaBelowOne)
    {
        Gen<double> beta = Gen.Frequency(
            (1, Gen.Constant(0.0)),
            (1, Gen.Constant(1.0 - 1e-8)),
            (6, Gen.Choose(-10_000, 14_000).Select(k => 1.0 / (1.0 + Math.Exp(-k / 1000.0)))));
        Gen<(double, double)> pairs = from b1 in beta from b2 in beta select (b1, b2);
        return gammaBelowOne ? pairs.Where(p => p.Item1 == 0.0 || p.Item1 * p.Item1 < Math.Sqrt(p.Item2)) : pairs;
    }

    private static Gen<int> LogHorizon() => Gen.Choose(0, 4000).Select(k => (int)Math.Round(Math.Pow(10, k / 1000.0)));

    private static InstanceFamily<CoordinateHistory> Family(
        string name, string description, Gen<Func<int, int, double>> shape, bool randomSigns, bool gammaBelowOne, int trials)
    {
        Gen<CoordinateHistory> generator =
            from horizon in LogHorizon()
            from f in shape
            from scale in Gen.Choose(-6000, 6000).Select(k => Math.Pow(10, k / 1000.0))
            from mixed in Gen.Elements(false, randomSigns)
            from signs in Gen.Elements(1.0, -1.0).ArrayOf(horizon)
            from allKept in Gen.Elements(true, false)
            from rate in Gen.Choose(1, 1000).Select(k => k / 1000.0)
            from keep in Gen.Choose(0, 999).Select(k => allKept || k < rate * 1000).ArrayOf(horizon)
            from factor in Gen.Elements(1.0, 1.0, 1.5, 10.0)
            from betas in Betas(gammaBelowOne)
            select new CoordinateHistory(
                Enumerable.Range(1, horizon).Select(t => scale * f(t, horizon) * (mixed ? signs[t - 1] : 1.0)).ToArray(),
                keep, factor, betas.Beta1, betas.Beta2);
        return new InstanceFamily<CoordinateHistory>(name, description, generator, h => CoordinateHistoryFamilies.Shrink(h, gammaBelowOne), trials);
    }
}
