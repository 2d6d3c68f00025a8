using System.Globalization;
using Verification.Claims.Catalogue;
using Verification.Claims.Search;

namespace Verification.Claims.Instances;

/// <summary>
/// The hypothesis domain of Theorem 4.5's series claims (54)–(56) over <see cref="RegretSeries"/>: β₁ ∈ [0, 1),
/// λ ∈ (0, 1), T ∈ [1, <see cref="MaxHorizon"/>]. Continuous coordinates: logit β₁ (snapped to the edge 0) and
/// logit λ. Discrete moves: longer horizons, β₁ = 0, β₁ and λ towards 1 and λ towards 0.
/// </summary>
public sealed class RegretSeriesDomain : HypothesisDomain<RegretSeries>
{
    /// <summary>Longest horizon: each link sums T terms, so 10⁵ terms cost a fraction of a millisecond.</summary>
    public const int MaxHorizon = 100_000;

    /// <inheritdoc/>
    public override string Summary => "β₁ ∈ [0, 1); λ ∈ (0, 1); T ∈ [1, 100,000]";

    /// <inheritdoc/>
    public override bool Contains(RegretSeries s) => s.Beta1 is >= 0.0 and < 1.0 && s.Lambda is > 0.0 and < 1.0 && s.T is >= 1 and <= MaxHorizon;

    /// <inheritdoc/>
    public override double[] Encode(RegretSeries s) => [DomainMoves.Logit(s.Beta1), DomainMoves.Logit(s.Lambda)];

    /// <inheritdoc/>
    public override RegretSeries Decode(RegretSeries template, double[] x) =>
        template with { Beta1 = DomainMoves.FromLogit(x[0]), Lambda = DomainMoves.FromLogitOpen(x[1]) };

    /// <inheritdoc/>
    public override IEnumerable<RegretSeries> Neighbours(RegretSeries s, SearchRandom random)
    {
        var moves = new List<RegretSeries>
        {
            s with { T = Math.Min(MaxHorizon, 2 * s.T) },
            s with { T = Math.Min(MaxHorizon, 10 * s.T) },
            s with { T = Math.Min(MaxHorizon, s.T + 1) },
            s with { T = Math.Min(MaxHorizon, s.T + random.Next(1, 100)) },
            s with { Beta1 = 0.0 },
            s with { Beta1 = 1.0 - (1.0 - s.Beta1) / 10.0 },
            s with { Lambda = 1.0 - (1.0 - s.Lambda) / 10.0 },
            s with { Lambda = s.Lambda / 10.0 },
        };
        return DomainMoves.Shuffled(moves, s, random, Contains);
    }

    /// <inheritdoc/>
    public override string Describe(RegretSeries s) => string.Create(CultureInfo.InvariantCulture, $"β₁={s.Beta1:G6} λ={s.Lambda:G6} T={s.T}");
}
