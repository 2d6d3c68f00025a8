using System.Globalization;
using Verification.Claims.Catalogue;
using Verification.Claims.Instances;
using Verification.Claims.Search;

namespace Verification.Claims.DasGrad;

/// <summary>
/// The hypothesis domain of the pathwise AMSGrad/DASGrad claims over <see cref="MomentHistory"/>: β₁ ∈ [0, 1),
/// β₂ ∈ (0, 1), γ = β₁/√β₂ &lt; 1; β_{1t} = β₁λ^{t−1} with λ ∈ [0, 1) or (where allowed) any schedule in [0, β₁] with
/// β_{11} = β₁; α &gt; 0; any history ĝ_{1:T} with T ≤ <see cref="MaxHorizon"/> and d ≤ 8; G_∞ ≥ max|ĝ|.
/// Continuous coordinates: logits of β₁/√β₂, β₂ and λ, logarithms of α and the G_∞ factor, and a reshaping
/// ĝ_t ↦ e^c t^(−δ) ĝ_t. Discrete moves: horizons (each coordinate continued in its own pattern), dimensions,
/// one-hot rows, signs, power laws, spikes, schedules and the edges of the ranges.
/// </summary>
internal sealed class MomentHistoryDomain(bool lambdaOnly) : HypothesisDomain<MomentHistory>
{
    /// <summary>Longest history: Lemma 9's geometric sum is O(T²), so 10³ steps keep an evaluation near 10 ms.</summary>
    public const int MaxHorizon = 1000;

    private const int MaxDimension = 8;

    private const double MaxMagnitude = 1e100;

    /// <inheritdoc/>
    public override string Summary =>
        "β₁ ∈ [0, 1), β₂ ∈ (0, 1), γ = β₁/√β₂ < 1; " + (lambdaOnly ? "β₁ₜ = β₁λ^{t−1}, λ ∈ [0, 1)" : "β₁ₜ = β₁λ^{t−1} or any β₁ₜ ∈ [0, β₁] with β₁₁ = β₁ (rising allowed)")
        + "; α > 0; any ĝ_{1:T} (T ≤ 1,000, d ≤ 8, scales 1e-100…1e100); G_∞ ≥ max|ĝ|";

    /// <inheritdoc/>
    public override bool Contains(MomentHistory h) =>
        h.T is >= 1 and <= MaxHorizon && h.G.All(row => row.Length == h.G[0].Length) && h.D is >= 1 and <= MaxDimension
        && h.G.All(row => row.All(v => double.IsFinite(v) && Math.Abs(v) <= MaxMagnitude))
        && h.Beta1 is >= 0.0 and < 1.0 && h.Beta2 is > 0.0 and < 1.0 && h.Gamma < 1.0 && h.Lambda is >= 0.0 and < 1.0
        && (h.Beta1Schedule is null || (!lambdaOnly && h.Beta1Schedule.Length == h.T && h.Beta1Schedule[0] == h.Beta1 && h.Beta1Schedule.All(b => b >= 0.0 && b <= h.Beta1)))
        && h.Alpha > 0.0 && double.IsFinite(h.Alpha) && h.GInfFactor >= 1.0 && double.IsFinite(h.GInfFactor);

    /// <inheritdoc/>
    public override double[] Encode(MomentHistory h) =>
        [DomainMoves.Logit(h.Beta1 / Math.Sqrt(h.Beta2)), DomainMoves.Logit(h.Beta2), DomainMoves.Logit(h.Lambda), Math.Log(h.Alpha), Math.Log(h.GInfFactor), 0.0, 0.0];

    /// <inheritdoc/>
    public override MomentHistory Decode(MomentHistory template, double[] x)
    {
        double beta2 = Math.Clamp(DomainMoves.FromLogit(x[1]), 1e-12, 1.0 - 1e-15);
        double beta1 = DomainMoves.FromLogit(x[0]) * Math.Sqrt(beta2) * (1 - 1e-12);
        double scale = Math.Exp(Math.Clamp(x[5], -50.0, 50.0)), tilt = Math.Clamp(x[6], -3.0, 3.0);
        return template with
        {
            Beta1 = beta1,
            Beta2 = beta2,
            Lambda = Math.Min(DomainMoves.FromLogit(x[2]), 1.0 - 1e-15),
            Alpha = Math.Exp(Math.Clamp(x[3], -30.0, 30.0)),
            GInfFactor = Math.Exp(Math.Clamp(x[4], 0.0, 20.0)),
            G = template.G.Select((row, t) => row.Select(v => DomainMoves.Clip(v * scale * Math.Pow(t + 1, -tilt), MaxMagnitude)).ToArray()).ToArray(),
            Beta1Schedule = template.Beta1Schedule is { } s
                ? s.Select((b, t) => t == 0 ? beta1 : template.Beta1 > 0 ? Math.Min(beta1, b / template.Beta1 * beta1) : 0.0).ToArray()
                : null,
        };
    }

    /// <inheritdoc/>
    public override IEnumerable<MomentHistory> Neighbours(MomentHistory h, SearchRandom random)
    {
        var moves = new List<MomentHistory>
        {
            Extend(h, Math.Min(MaxHorizon, 2 * h.T)), Extend(h, Math.Min(MaxHorizon, 10 * h.T)), Extend(h, Math.Min(MaxHorizon, h.T + 1)),
            Cut(h, Math.Max(1, h.T / 2)),
            h with { G = h.G.Select(row => (double[])[.. row, row[random.Next(0, h.D - 1)]]).ToArray() },
            h with { G = h.G.Select((row, t) => row.Select((v, k) => k == t % h.D ? v : 0.0).ToArray()).ToArray() },
            h with { G = h.G.Select(row => row.Select(Math.Abs).ToArray()).ToArray() },
            h with { G = h.G.Select((row, t) => row.Select(v => t % 2 == 0 ? Math.Abs(v) : -Math.Abs(v)).ToArray()).ToArray() },
            h with { G = PowerLaw(h, random.Pick(PowerLawExponents)) },
            h with { G = Spike(h, 0, random.Pick(SpikeFactors)) },
            h with { G = Spike(h, h.T - 1, random.Pick(SpikeFactors)) },
            h with { Lambda = 0.0, Beta1Schedule = null }, h with { Lambda = 1.0 - (1.0 - h.Lambda) / 10.0, Beta1Schedule = null },
            h with { Beta1 = 0.0, Beta1Schedule = h.Beta1Schedule?.Select(_ => 0.0).ToArray() },
            h with { Beta1 = Math.Sqrt(h.Beta2) * 0.999, Beta1Schedule = null },
            h with { Beta2 = Math.Max(1e-6, h.Beta2 / 10.0), Beta1 = 0.0, Beta1Schedule = null },
            h with { Beta2 = 1.0 - (1.0 - h.Beta2) / 10.0 },
            h with { GInfFactor = 1.0 },
            h with { G = h.G.Select(row => DomainMoves.Jitter(row, random, MaxMagnitude)).ToArray() },
        };
        if (!lambdaOnly && h.Beta1 > 0)
        {
            moves.AddRange(DomainMoves.Beta1Schedules(h.Beta1, h.T, random).Select(schedule => h with { Beta1Schedule = schedule }));
        }

        return DomainMoves.Shuffled(moves, h, random, Contains);
    }

    /// <inheritdoc/>
    public override string Describe(MomentHistory h) => string.Create(CultureInfo.InvariantCulture,
        $"T={h.T} d={h.D} β=({h.Beta1:G4}, {h.Beta2:G4}) {(h.Beta1Schedule is null ? $"λ={h.Lambda:G4}" : "β₁ₜ schedule")} α={h.Alpha:G3} max|ĝ|={h.G.Max(Vec.NormInf):G3} factor={h.GInfFactor:G3}");

    private static readonly double[] PowerLawExponents = [0.0, 0.25, 0.5, 0.75, 1.0, 1.5];

    private static readonly double[] SpikeFactors = [10.0, 100.0, 1e4];

    private static MomentHistory Cut(MomentHistory h, int horizon) =>
        h with { G = h.G[..horizon], Beta1Schedule = h.Beta1Schedule?[..horizon] };

    /// <summary>Each coordinate continued in its own pattern (<see cref="CoordinateHistoryDomain.Extend"/>); a schedule repeats.</summary>
    private static MomentHistory Extend(MomentHistory h, int horizon)
    {
        if (horizon <= h.T)
        {
            return h;
        }

        double[][] columns = Enumerable.Range(0, h.D)
            .Select(k => CoordinateHistoryDomain.Extend(new CoordinateHistory(h.G.Select(row => row[k]).ToArray(), new bool[h.T], 1.0, 0.0, 0.0), horizon).Gradients)
            .ToArray();
        double[][] rows = Enumerable.Range(0, horizon).Select(t => columns.Select(c => c[t]).ToArray()).ToArray();
        // The schedule's tail β_{12..} repeats (β_{11} = β₁ stays first); a one-step schedule continues at β₁.
        double[]? schedule = h.Beta1Schedule is { } s
            ? Enumerable.Range(0, horizon).Select(t => t < s.Length ? s[t] : s.Length == 1 ? s[0] : s[1 + (t - 1) % (s.Length - 1)]).ToArray()
            : null;

        return h with { G = rows, Beta1Schedule = schedule };
    }

    private static double[][] PowerLaw(MomentHistory h, double a)
    {
        double c = h.G.Max(Vec.NormInf);
        c = c == 0.0 ? 1.0 : c;
        return h.G.Select((row, t) => row.Select(v => (v < 0.0 ? -1.0 : 1.0) * c * Math.Pow(t + 1, -a)).ToArray()).ToArray();
    }

    private static double[][] Spike(MomentHistory h, int t, double factor)
    {
        double c = h.G.Max(Vec.NormInf);
        double[][] copy = h.G.Select(r => (double[])r.Clone()).ToArray();
        copy[t] = copy[t].Select(v => DomainMoves.Clip((v == 0.0 ? (c == 0.0 ? 1.0 : c) : v) * factor, MaxMagnitude)).ToArray();
        return copy;
    }
}
