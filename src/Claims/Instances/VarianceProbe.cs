using FsCheck;
using FsCheck.Fluent;
using Verification.Claims.Catalogue;

namespace Verification.Claims.Instances;

/// <summary>
/// One coordinate's gradient at two magnitudes, |Small| ≤ |Large|, sampled at rate s: the instance of the claim
/// that the variance of sampled gradients grows as the gradient shrinks (StochGradAdam eq. (70)).
/// </summary>
/// <param name="SamplingRate">s ∈ (0, 1].</param>
/// <param name="Large">The larger gradient value g.</param>
/// <param name="Small">The smaller gradient value g′, |g′| ≤ |g| (a vanished gradient β^L g).</param>
/// <param name="Seed">The mask seed of the Monte Carlo check.</param>
public sealed record VarianceProbe(double SamplingRate, double Large, double Small, ulong Seed)
{
    /// <inheritdoc/>
    public override string ToString() => $"s={SamplingRate} g={Large} g′={Small} seed={Seed}";
}

/// <summary>Families of <see cref="VarianceProbe"/>: sampling rates across (0, 1], vanishing and moderate ratios, tiny and huge scales.</summary>
public static class VarianceProbeFamilies
{
    /// <summary>All families, each carrying the <see cref="VarianceProbeDomain"/>.</summary>
    public static IReadOnlyList<InstanceFamily<VarianceProbe>> All(int trials = 100) =>
    new InstanceFamily<VarianceProbe>[]
    {
        Family("moderate", "s ∈ (0, 1), g ∈ [−10, 10], g′ = r·g with r ∈ [0, 1]", Rates(), Gen.Choose(-10_000, 10_000).Select(k => k / 1000.0), Ratio(), trials),
        Family("vanishing", "g′ = β^L g with β^L ∈ [1e-12, 1e-3] (a deep layer's gradient)", Rates(), Gen.Choose(-10_000, 10_000).Select(k => k / 1000.0), Gen.Choose(3, 12).Select(e => Math.Pow(10, -e)), trials),
        Family("huge-scale", "g ∈ [−1e6, 1e6]", Rates(), Gen.Choose(-1_000_000, 1_000_000).Select(k => (double)k), Ratio(), trials),
        Family("tiny-scale", "g ∈ [−1e-6, 1e-6]", Rates(), Gen.Choose(-1_000_000, 1_000_000).Select(k => k * 1e-12), Ratio(), trials),
        Family("rate-extremes", "s ∈ {0.001, 0.01, 0.99, 0.999, 1}", Gen.Elements(0.001, 0.01, 0.99, 0.999, 1.0), Gen.Choose(-10_000, 10_000).Select(k => k / 1000.0), Ratio(), trials / 2),
    }.Select(f => f with { Domain = Domain }).ToList();

    private static readonly VarianceProbeDomain Domain = new();

    private static Gen<double> Rates() => Gen.Choose(1, 999).Select(k => k / 1000.0);

    private static Gen<double> Ratio() => Gen.Frequency((1, Gen.Constant(0.0)), (4, Gen.Choose(0, 1000).Select(k => k / 1000.0)));

    private static InstanceFamily<VarianceProbe> Family(string name, string description, Gen<double> rate, Gen<double> large, Gen<double> ratio, int trials)
    {
        Gen<VarianceProbe> generator =
            from s in rate
            from g in large
            from r in ratio
            from seed in Gen.Choose(0, 1000)
            select new VarianceProbe(s, g, r * g, (ulong)seed);
        return new InstanceFamily<VarianceProbe>(name, description, generator, Shrink, trials);
    }

    /// <summary>Simpler probes: s = 1/2 or one decimal, rounder magnitudes, g′ = 0, seed 0 (always keeping |g′| ≤ |g|).</summary>
    public static IEnumerable<VarianceProbe> Shrink(VarianceProbe p)
    {
        var candidates = new List<VarianceProbe>();
        if (p.SamplingRate != 0.5)
        {
            candidates.Add(p with { SamplingRate = 0.5 });
        }

        double s = Math.Round(p.SamplingRate, 1);
        if (s > 0.0 && s != p.SamplingRate)
        {
            candidates.Add(p with { SamplingRate = s });
        }

        if (p.Small != 0.0)
        {
            candidates.Add(p with { Small = 0.0 });
            candidates.Add(p with { Small = Shrinking.RoundToOneDigit(p.Small) });
        }

        candidates.Add(p with { Large = Shrinking.RoundToOneDigit(p.Large) });
        if (p.Large != 1.0 && p.Large != 0.0)
        {
            candidates.Add(p with { Large = 1.0 });
        }

        if (p.Seed != 0)
        {
            candidates.Add(p with { Seed = 0 });
        }

        return candidates.Where(c => c != p && Math.Abs(c.Small) <= Math.Abs(c.Large));
    }
}
