using System.Globalization;
using Verification.Claims.Catalogue;
using Verification.Claims.Search;

namespace Verification.Claims.Instances;

/// <summary>
/// The hypothesis domain of Theorem 4.5's claims on Reddi et al.'s problem (f_t(x) = C·x if t mod 3 = 1, else −x, on
/// F = [−1, 1]): Theorem 4.5's hypotheses with the problem fixed, i.e. β₁, β₂ ∈ [0, 1) with γ = β₁²/√β₂ &lt; 1,
/// λ ∈ (0, 1), s ∈ (0, 1], α &gt; 0, θ₁ ∈ F and T ≤ <see cref="OnlineRunDomain.MaxHorizon"/>. Continuous coordinates:
/// logits of β₁/β₂^{1/4}, β₂, λ, s and of θ₁'s position in F, and ln α. Discrete moves: longer horizons (the problem
/// continued), other mask seeds, s = 1, the corners and centre of F, Reddi et al.'s β₂ = 1/(1 + C²) with β₁ = 0, and the
/// edges of the ranges. No move changes the losses, so every instance stays Reddi et al.'s problem.
/// </summary>
public sealed class ReddiRunDomain : HypothesisDomain<OnlineRun>
{
    /// <inheritdoc/>
    public override string Summary =>
        $"Reddi et al.'s f_t on [−1, 1] (C = {OnlineRunFamilies.ReddiC}); θ₁ ∈ [−1, 1]; β₁, β₂ ∈ [0, 1), γ = β₁²/√β₂ < 1; λ ∈ (0, 1); s ∈ (0, 1]; α > 0; T ≤ 3,000";

    /// <inheritdoc/>
    public override bool Contains(OnlineRun r) =>
        OnlineRunFamilies.IsReddi(r) && r.T is >= 1 and <= OnlineRunDomain.MaxHorizon && r.Start.Length == 1 && Math.Abs(r.Start[0]) <= 1.0
        && r.Alpha is > 0.0 and <= 1e12
        && r.Beta1 is >= 0.0 and < 1.0 && r.Beta2 is >= 0.0 and < 1.0 && (r.Beta1 == 0.0 || r.Beta1 * r.Beta1 < Math.Sqrt(r.Beta2))
        && r.Lambda is > 0.0 and < 1.0 && r.SamplingRate is > 0.0 and <= 1.0;

    /// <inheritdoc/>
    public override double[] Encode(OnlineRun r) =>
    [
        DomainMoves.Logit(r.Beta2 == 0.0 ? 0.0 : r.Beta1 / Math.Sqrt(Math.Sqrt(r.Beta2))),
        DomainMoves.Logit(r.Beta2),
        DomainMoves.Logit(r.Lambda),
        DomainMoves.Logit(r.SamplingRate),
        Math.Log(r.Alpha),
        DomainMoves.Logit((r.Start[0] + 1.0) / 2.0),
    ];

    /// <inheritdoc/>
    public override OnlineRun Decode(OnlineRun template, double[] x)
    {
        double beta2 = DomainMoves.FromLogit(x[1]);

        // β₁ as a fraction of its bound β₂^{1/4}, so that every coordinate keeps γ < 1.
        double beta1 = Math.Min(DomainMoves.FromLogit(x[0]) * Math.Sqrt(Math.Sqrt(beta2)) * (1 - 1e-12), 1.0 - 1e-15);

        // θ₁'s logit snaps to the corners −1 and 1 beyond ±18, where the regret of Reddi's problem is largest.
        double start = x[5] < -18.0 ? -1.0 : x[5] > 18.0 ? 1.0 : 2.0 / (1.0 + Math.Exp(-x[5])) - 1.0;
        return template with
        {
            Beta1 = beta1,
            Beta2 = beta2,
            Lambda = DomainMoves.FromLogitOpen(x[2]),
            SamplingRate = x[3] > 18.0 ? 1.0 : Math.Max(1e-9, 1.0 / (1.0 + Math.Exp(-x[3]))),
            Alpha = Math.Exp(Math.Clamp(x[4], -20.0, 20.0)),
            Start = [start],
        };
    }

    /// <inheritdoc/>
    public override IEnumerable<OnlineRun> Neighbours(OnlineRun r, SearchRandom random)
    {
        var moves = new List<OnlineRun>
        {
            Continued(r, 2 * r.T),
            Continued(r, 10 * r.T),
            Continued(r, r.T + 1),
            Continued(r, r.T + random.Next(1, 3)),
            r with { MaskSeed = r.MaskSeed + 1 },
            r with { SamplingRate = 1.0 },
            r with { Start = [1.0] },
            r with { Start = [-1.0] },
            r with { Start = [0.0] },
            r with { Beta1 = 0.0, Beta2 = 1.0 / (1.0 + OnlineRunFamilies.ReddiC * OnlineRunFamilies.ReddiC) },
            r with { Beta1 = 0.0 },
            r with { Beta2 = 1.0 - (1.0 - r.Beta2) / 10.0 },
            r with { Lambda = 1e-6 },
            r with { Lambda = 1.0 - (1.0 - r.Lambda) / 10.0 },
            r with { Alpha = r.Alpha * random.Pick(AlphaFactors) },
        };
        return DomainMoves.Shuffled(moves, r, random, Contains);
    }

    /// <inheritdoc/>
    public override string Describe(OnlineRun r) => string.Create(CultureInfo.InvariantCulture,
        $"Reddi T={r.T} θ₁={r.Start[0]:G4} α={r.Alpha:G3} β=({r.Beta1:G4}, {r.Beta2:G4}) λ={r.Lambda:G4} s={r.SamplingRate:G4} seed={r.MaskSeed}");

    private static readonly double[] AlphaFactors = [0.1, 10.0];

    /// <summary>Reddi et al.'s losses for <paramref name="horizon"/> steps (capped at the longest horizon).</summary>
    private static OnlineRun Continued(OnlineRun r, int horizon) =>
        r with { Data = Enumerable.Range(1, Math.Min(horizon, OnlineRunDomain.MaxHorizon)).Select(k => k % 3 == 1 ? OnlineRunFamilies.ReddiC : -1.0).ToArray() };
}
