using System.Globalization;
using Verification.Claims.Catalogue;
using Verification.Claims.Search;

namespace Verification.Claims.Instances;

/// <summary>
/// The hypothesis domain of eq. (70)'s claims over <see cref="VarianceProbe"/>s: s ∈ (0, 1], any gradient value g and
/// any g′ with |g′| ≤ |g|, any mask seed. Continuous coordinates: logit s (edge 1 reachable), ln |g| and ln |g′|/|g|
/// (clamped to the edge 1, snapped to 0 below 1e-40). Discrete moves: g′ = 0, ±g, the signs, s = 1, ½ and rates down to 10⁻⁹, other seeds,
/// decades of scale. The magnitudes stop at 1e±50 because the Monte Carlo bound takes g⁴.
/// </summary>
public sealed class VarianceProbeDomain : HypothesisDomain<VarianceProbe>
{
    /// <summary>Largest |g|: g⁴ (the Bernoulli fourth moment) stays finite.</summary>
    private const double MaxMagnitude = 1e50;

    /// <summary>Smallest nonzero |g|: g⁴ stays a normal double.</summary>
    private const double MinMagnitude = 1e-50;

    /// <summary>Below this ln |g′|/|g| the smaller gradient is exactly 0 (a ratio of 1e-40 is already far below any vanishing depth).</summary>
    private const double ZeroRatioLog = -92.0;

    /// <summary>Smallest rate: ⌊s·2³²⌋ is then 4, the last threshold that still keeps an occasional coordinate.</summary>
    private const double MinRate = 1e-9;

    /// <inheritdoc/>
    public override string Summary => "s ∈ (0, 1] (down to 1e-9); any g and g′ with |g′| ≤ |g| (|g| ∈ {0} ∪ [1e-50, 1e50]); any seed";

    /// <inheritdoc/>
    public override bool Contains(VarianceProbe p) =>
        p.SamplingRate is >= MinRate and <= 1.0
        && double.IsFinite(p.Large) && double.IsFinite(p.Small) && Math.Abs(p.Small) <= Math.Abs(p.Large)
        && InRange(p.Large) && InRange(p.Small);

    /// <inheritdoc/>
    public override double[] Encode(VarianceProbe p) =>
        [DomainMoves.Logit(p.SamplingRate), p.Large == 0.0 ? 0.0 : Math.Log(Math.Abs(p.Large)), p.Small == 0.0 ? 2 * ZeroRatioLog : Math.Log(Math.Abs(p.Small / p.Large))];

    /// <inheritdoc/>
    public override VarianceProbe Decode(VarianceProbe template, double[] x)
    {
        // Logits above 18 snap to s = 1 (full sampling, the other edge of (0, 1]).
        double s = x[0] > 18.0 ? 1.0 : Math.Max(MinRate, 1.0 / (1.0 + Math.Exp(-x[0])));
        double large = template.Large == 0.0 ? 0.0 : Math.Sign(template.Large) * Math.Exp(Math.Clamp(x[1], Math.Log(MinMagnitude), Math.Log(MaxMagnitude)));
        // ln |g′|/|g| clamps to the edge 1 (|g′| = |g|, where the exact claims hold with equality) and snaps to 0 far below.
        double ratio = x[2] < ZeroRatioLog ? 0.0 : Math.Exp(Math.Min(x[2], 0.0));
        double small = ratio * Math.Abs(large);
        return template with { SamplingRate = s, Large = large, Small = Math.CopySign(small < MinMagnitude ? 0.0 : small, template.Small) };
    }

    /// <inheritdoc/>
    public override IEnumerable<VarianceProbe> Neighbours(VarianceProbe p, SearchRandom random)
    {
        double large = p.Large == 0.0 ? 1.0 : p.Large;
        var moves = new List<VarianceProbe>
        {
            p with { Small = 0.0 },
            p with { Small = p.Large },
            p with { Small = -p.Large },
            p with { Small = -p.Small },
            p with { Large = -p.Large },
            p with { Large = large, Small = p.Small * random.Pick(RatioFactors) },
            p with { Large = Scaled(large, 1e10), Small = Scaled(p.Small, 1e10) },
            p with { Large = Scaled(large, 1e-10), Small = Scaled(p.Small, 1e-10) },
            p with { SamplingRate = 1.0 },
            p with { SamplingRate = 0.5 },
            p with { SamplingRate = Math.Max(MinRate, p.SamplingRate * random.Pick(RateFactors)) },
            p with { SamplingRate = 1.0 - (1.0 - p.SamplingRate) / 10.0 },
            p with { Seed = p.Seed + 1 },
            p with { Seed = (ulong)random.Next(0, 1_000_000) },
        };
        return DomainMoves.Shuffled(moves, p, random, Contains);
    }

    /// <inheritdoc/>
    public override string Describe(VarianceProbe p) => string.Create(CultureInfo.InvariantCulture,
        $"s={p.SamplingRate:G4} g={p.Large:G4} g′={p.Small:G4} seed={p.Seed}");

    private static readonly double[] RatioFactors = [0.5, 0.1, 1e-6];

    private static readonly double[] RateFactors = [0.1, 1e-3];

    private static bool InRange(double v) => v == 0.0 || Math.Abs(v) is >= MinMagnitude and <= MaxMagnitude;

    private static double Scaled(double v, double factor) => Math.Clamp(v * factor, -MaxMagnitude, MaxMagnitude);
}
