using System.Globalization;
using Verification.Claims.Catalogue;
using Verification.Claims.Search;

namespace Verification.Claims.Instances;

/// <summary>
/// The hypothesis domain of Theorem 4.5's claims over <see cref="OnlineRun"/>s: convex online losses (linear or
/// quadratic) on F = [−R, R]^d, β₁, β₂ ∈ [0, 1) with γ = β₁²/√β₂ &lt; 1, λ ∈ (0, 1), s ∈ (0, 1], α &gt; 0, θ₁ ∈ F,
/// T ≤ <see cref="MaxHorizon"/>, d ≤ 8. Continuous coordinates: logits of β₁/β₂^{1/4}, β₂, λ and s, logarithms of α
/// and R, and a reshaping c_t ↦ e^c t^(−δ) c_t of the losses' data. Discrete moves: horizons (the data continued
/// periodically, so Reddi et al.'s problem stays itself), dimensions, another mask seed, s = 1, signs, the edges.
/// </summary>
public sealed class OnlineRunDomain : HypothesisDomain<OnlineRun>
{
    /// <summary>Longest horizon: a trace is O(Td), and the claims evaluate a few traces per instance.</summary>
    public const int MaxHorizon = 3000;

    private const int MaxDimension = 8;

    private const double MaxMagnitude = 1e12;

    /// <inheritdoc/>
    public override string Summary =>
        "f_t linear or ½‖θ − x_t‖² on F = [−R, R]^d, θ₁ ∈ F; β₁, β₂ ∈ [0, 1), γ = β₁²/√β₂ < 1; λ ∈ (0, 1); s ∈ (0, 1]; α > 0; T ≤ 3,000, d ≤ 8";

    /// <inheritdoc/>
    public override bool Contains(OnlineRun r) =>
        r.Dimension is >= 1 and <= MaxDimension && r.Data.Length % r.Dimension == 0 && r.T is >= 1 and <= MaxHorizon
        && r.Data.All(v => double.IsFinite(v) && Math.Abs(v) <= MaxMagnitude)
        && r.Radius is > 0.0 and <= MaxMagnitude && r.Start.Length == r.Dimension && r.Start.All(x => Math.Abs(x) <= r.Radius)
        && r.Alpha is > 0.0 and <= MaxMagnitude
        && r.Beta1 is >= 0.0 and < 1.0 && r.Beta2 is >= 0.0 and < 1.0 && (r.Beta1 == 0.0 || r.Beta1 * r.Beta1 < Math.Sqrt(r.Beta2))
        && r.Lambda is > 0.0 and < 1.0 && r.SamplingRate is > 0.0 and <= 1.0;

    /// <inheritdoc/>
    public override double[] Encode(OnlineRun r) =>
        [DomainMoves.Logit(r.Beta2 == 0.0 ? 0.0 : r.Beta1 / Math.Sqrt(Math.Sqrt(r.Beta2))), DomainMoves.Logit(r.Beta2), DomainMoves.Logit(r.Lambda), DomainMoves.Logit(r.SamplingRate), Math.Log(r.Alpha), Math.Log(r.Radius), 0.0, 0.0];

    /// <inheritdoc/>
    public override OnlineRun Decode(OnlineRun template, double[] x)
    {
        double beta2 = Math.Min(DomainMoves.FromLogit(x[1]), 1.0 - 1e-15);
        double beta1 = Math.Min(DomainMoves.FromLogit(x[0]) * Math.Sqrt(Math.Sqrt(beta2)) * (1 - 1e-12), 1.0 - 1e-15);
        double radius = Math.Exp(Math.Clamp(x[5], -20.0, 20.0));
        double scale = Math.Exp(Math.Clamp(x[6], -20.0, 20.0)), tilt = Math.Clamp(x[7], -3.0, 3.0);
        int d = template.Dimension;
        return template with
        {
            Beta1 = beta1,
            Beta2 = beta2,
            Lambda = Math.Clamp(DomainMoves.FromLogit(x[2]), 1e-15, 1.0 - 1e-15),
            SamplingRate = Math.Clamp(DomainMoves.FromLogit(x[3]), 1e-9, 1.0),
            Alpha = Math.Exp(Math.Clamp(x[4], -20.0, 20.0)),
            Radius = radius,
            Start = template.Start.Select(s => Math.Clamp(s / template.Radius * radius, -radius, radius)).ToArray(),
            Data = template.Data.Select((v, k) => DomainMoves.Clip(v * scale * Math.Pow(k / d + 1, -tilt) * (template.Problem == OnlineRun.Quadratic ? radius / template.Radius : 1.0), MaxMagnitude)).ToArray(),
        };
    }

    /// <inheritdoc/>
    public override IEnumerable<OnlineRun> Neighbours(OnlineRun r, SearchRandom random)
    {
        int d = r.Dimension;
        var moves = new List<OnlineRun>
        {
            Periodic(r, Math.Min(MaxHorizon, 2 * r.T)), Periodic(r, Math.Min(MaxHorizon, 10 * r.T)), Periodic(r, Math.Min(MaxHorizon, r.T + 1)),
            r with { Data = r.Data[..(Math.Max(1, r.T / 2) * d)] },
            r with { MaskSeed = r.MaskSeed + 1 },
            r with { SamplingRate = 1.0 },
            r with { Lambda = 1e-6 }, r with { Lambda = 1.0 - (1.0 - r.Lambda) / 10.0 },
            r with { Beta1 = 0.0 }, r with { Beta2 = 1.0 - (1.0 - r.Beta2) / 10.0 },
            r with { Start = new double[d] }, r with { Start = r.Start.Select((_, k) => k % 2 == 0 ? r.Radius : -r.Radius).ToArray() },
            r with { Data = r.Data.Select((v, k) => k / d % 2 == 0 ? Math.Abs(v) : -Math.Abs(v)).ToArray() },
            r with { Data = r.Data.Select((v, k) => k / d == 0 ? DomainMoves.Clip(v * random.Pick(SpikeFactors), MaxMagnitude) : v).ToArray() },
        };
        if (d < MaxDimension && !OnlineRunFamilies.IsReddi(r))
        {
            int column = random.Next(0, d - 1);
            moves.Add(r with
            {
                Dimension = d + 1,
                Data = Enumerable.Range(0, r.T).SelectMany(t => r.Data.Skip(t * d).Take(d).Append(r.Data[t * d + column])).ToArray(),
                Start = [.. r.Start, r.Start[column]],
            });
        }

        return DomainMoves.Shuffled(moves, r, random, Contains);
    }

    /// <inheritdoc/>
    public override string Describe(OnlineRun r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Problem}{(OnlineRunFamilies.IsReddi(r) ? " (Reddi)" : "")} d={r.Dimension} T={r.T} R={r.Radius:G3} α={r.Alpha:G3} β=({r.Beta1:G4}, {r.Beta2:G4}) λ={r.Lambda:G4} s={r.SamplingRate:G4} seed={r.MaskSeed} max|c|={r.Data.Select(Math.Abs).DefaultIfEmpty(0).Max():G3}");

    private static readonly double[] SpikeFactors = [10.0, 100.0, 1e4];

    /// <summary>The data continued periodically with the period of Reddi et al.'s problem (3 steps) where the horizon allows it.</summary>
    private static OnlineRun Periodic(OnlineRun r, int horizon)
    {
        if (horizon <= r.T)
        {
            return r;
        }

        int d = r.Dimension, period = r.T >= 3 ? 3 : r.T;
        var data = new double[horizon * d];
        Array.Copy(r.Data, data, r.Data.Length);
        for (int t = r.T; t < horizon; t++)
        {
            Array.Copy(data, (t - period) * d, data, t * d, d);
        }

        return r with { Data = data };
    }
}
