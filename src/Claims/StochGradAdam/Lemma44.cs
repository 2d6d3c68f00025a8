using System.Globalization;
using Verification.Claims.Catalogue;
using Verification.Claims.Certification.Arithmetic;
using Verification.Claims.Certification.Boxes;
using Verification.Claims.Instances;

namespace Verification.Claims.StochGradAdam;

/// <summary>
/// StochGradAdam Lemma 4.4 (eq. (26)), every step of its proof (27)–(45), the assumption line the proof opens with,
/// the disagreement between the constants of (26) and (45) (I14), and corrected statements. Per coordinate i:
/// m̂_{t,x}, v̂_{t,x} are the bias-corrected Adam moments of x ∈ {φ, g} with constant β₁, β₂ (eq. (27)'s closed
/// forms); ε = 0 everywhere (the steps that carry "+ ε" are evaluated at ε = 0, the analysis' value); a term 0/0 is 0.
/// </summary>
internal sealed class Lemma44 : IClaimSource
{
    private const string Paper = "StochGradAdam";

    private static readonly string[] Hypotheses =
    [
        "β₁, β₂ ∈ [0, 1), γ = β₁²/√β₂ < 1",
        "|g_{t,i}| ≤ G_∞ for all t (G_∞ = factor · max_t |g_{t,i}|, factor ≥ 1)",
        "φ_{t,i} ∈ {0, g_{t,i}} (Bernoulli mask)",
        "ε = 0",
    ];

    public IEnumerable<IClaim> Claims
    {
        get
        {
            IReadOnlyList<InstanceFamily<CoordinateHistory>> families = CoordinateHistoryFamilies.All(gammaBelowOne: true, trials: 100);

            // (26): Σ m̂²_φ/√(t v̂_φ) ≤ Σ m̂²_g/√(t v̂_g) ≤ C₂₆‖φ_{1:T}‖ ≤ C₂₆‖g_{1:T}‖, C₂₆ = 2/(1 − γ√(1−β₂)).
            foreach (IClaim claim in new Chain<CoordinateHistory>("SGA-L4.4-eq26", Paper, "Lemma 4.4, eq. (26)", Hypotheses, families)
                .Then("sum-phi", "Σ_t m̂²_{t,φ,i}/√(t v̂_{t,φ,i})", h => Phi(h).SumScaled(h.T))
                .Then("sum-g", "Σ_t m̂²_{t,g,i}/√(t v̂_{t,g,i})", h => G(h).SumScaled(h.T))
                .Then("bound-phi", "2/(1 − γ√(1−β₂)) ‖φ_{1:T,i}‖₂", h => C26(h) * Phi(h).Norm)
                .Then("bound-g", "2/(1 − γ√(1−β₂)) ‖g_{1:T,i}‖₂", h => C26(h) * G(h).Norm)
                .Claims())
            {
                yield return claim;
            }

            // The opening line: "from the assumptions, √(1−β₂²)/(1−β₂)² ≤ 1/(1−β₁)²"; and Kingma–Ba's form of it.
            yield return Claim(
                "SGA-L4.4-assumption-line", "Lemma 4.4, proof, first sentence (said to follow from the assumptions)",
                "√(1−β₂²)/(1−β₂)² ≤ 1/(1−β₁)²", families,
                BetaSides(BetaLine.Assumption), BetaBox(BetaLine.Assumption, [1]));
            yield return Claim(
                "SGA-L4.4-assumption-line-corrected", "Lemma 4.4, proof, first sentence — corrected: Kingma–Ba's form, with the powers T",
                "corrected: √(1−β₂^T)/(1−β₁^T)² ≤ 1/(1−β₁)²", families,
                BetaSides(BetaLine.AssumptionCorrected), BetaBox(BetaLine.AssumptionCorrected, [1, 2, 3, 4]));

            // (27), (28) literally: Σ_{t<T} m̂²/(√v̂+ε) = Σ_{t<T} m̂²/(√(t v̂)+ε) + [the T-th term in closed form].
            foreach ((string name, Func<CoordinateHistory, ConstantBetaMoments> of, string eq) in new[] { ("φ", (Func<CoordinateHistory, ConstantBetaMoments>)Phi, "27"), ("g", G, "28") })
            {
                yield return Equal(
                    $"SGA-L4.4-eq{eq}", $"Lemma 4.4, eq. ({eq}), as printed",
                    $"Σ_{{t=1}}^{{T−1}} m̂²_{{t,{name},i}}/√v̂_{{t,{name},i}} = Σ_{{t=1}}^{{T−1}} m̂²_{{t,{name},i}}/√(t v̂_{{t,{name},i}}) + √(1−β₂^T)/(1−β₁^T)² (Σ_k(1−β₁)β₁^{{T−k}}{name}_{{k,i}})²/√(T Σ_j(1−β₂)β₂^{{T−j}}{name}²_{{j,i}})",
                    families,
                    h => new Sides(of(h).SumUnscaled(h.T - 1), of(h).SumScaled(h.T - 1) + of(h).LastTermClosedForm()));
                yield return Equal(
                    $"SGA-L4.4-eq{eq}-intended", $"Lemma 4.4, eq. ({eq}), the split it is meant to be (left side summed to T, with √t)",
                    $"Σ_{{t=1}}^{{T}} m̂²_{{t,{name},i}}/√(t v̂_{{t,{name},i}}) = Σ_{{t=1}}^{{T−1}} m̂²_{{t,{name},i}}/√(t v̂_{{t,{name},i}}) + [the T-th term in (27)'s closed form]",
                    families,
                    h => new Sides(of(h).SumScaled(h.T), of(h).SumScaled(h.T - 1) + of(h).LastTermClosedForm()));
            }

            // (29)–(38): the T-th term bounded step by step, alternating φ and g.
            foreach (IClaim claim in new Chain<CoordinateHistory>("SGA-L4.4-eq29-38", Paper, "Lemma 4.4, eqs. (29)–(38)", Hypotheses, families)
                .Then("(29)", "P_φ + √(1−β₂^T)/(1−β₁^T)² (Σ_k(1−β₁)β₁^{T−k}φ_k)²/√(T Σ_j(1−β₂)β₂^{T−j}φ_j²), P_x = Σ_{t<T} m̂²_{t,x}/√(t v̂_{t,x})", h => Phi(h).SumScaled(h.T - 1) + Phi(h).LastTermClosedForm())
                .Then("(30)", "P_g + √(1−β₂^T)/(1−β₁^T)² (Σ_k(1−β₁)β₁^{T−k}g_k)²/√(T Σ_j(1−β₂)β₂^{T−j}g_j²)", h => G(h).SumScaled(h.T - 1) + G(h).LastTermClosedForm())
                .Then("(31)", "P_φ + √(1−β₂^T)/(1−β₁^T)² Σ_k T((1−β₁)β₁^{T−k}φ_k)²/√(T Σ_j(1−β₂)β₂^{T−j}φ_j²)", h => Phi(h).SumScaled(h.T - 1) + Phi(h).LastTermSquaresSplit())
                .Then("(32)", "P_g + √(1−β₂^T)/(1−β₁^T)² Σ_k T((1−β₁)β₁^{T−k}g_k)²/√(T Σ_j(1−β₂)β₂^{T−j}g_j²)", h => G(h).SumScaled(h.T - 1) + G(h).LastTermSquaresSplit())
                .Then("(33)", "P_φ + √(1−β₂^T)/(1−β₁^T)² Σ_k T((1−β₁)β₁^{T−k}φ_k)²/√(T(1−β₂)β₂^{T−k}φ_k²) (the printed j read as k)", h => Phi(h).SumScaled(h.T - 1) + Phi(h).LastTermPerSummandDenominator())
                .Then("(34)", "P_g + √(1−β₂^T)/(1−β₁^T)² Σ_k T((1−β₁)β₁^{T−k}g_k)²/√(T(1−β₂)β₂^{T−k}g_k²)", h => G(h).SumScaled(h.T - 1) + G(h).LastTermPerSummandDenominator())
                .Then("(35)", "P_φ + √(1−β₂^T)/(T(1−β₂)) · (1−β₁)²/√(T(1−β₂)) · Σ_k T γ^{T−k}|φ_k|", h => Phi(h).SumScaled(h.T - 1) + Eq35(Phi(h)))
                .Then("(36)", "P_g + √(1−β₂^T)/(T(1−β₂)) · (1−β₁)²/√(T(1−β₂)) · Σ_k T γ^{T−k}|g_k|", h => G(h).SumScaled(h.T - 1) + Eq35(G(h)))
                .Then("(37)", "P_φ + T/√(T(1−β₂)) Σ_k γ^{T−k}|φ_k|", h => Phi(h).SumScaled(h.T - 1) + Eq37(Phi(h)))
                .Then("(38)", "P_g + T/√(T(1−β₂)) Σ_k γ^{T−k}|g_k|", h => G(h).SumScaled(h.T - 1) + Eq37(G(h)))
                .Claims())
            {
                yield return claim;
            }

            // (39)–(41): the whole sum.
            foreach (IClaim claim in new Chain<CoordinateHistory>("SGA-L4.4-eq39-41", Paper, "Lemma 4.4, eqs. (39)–(41)", Hypotheses, families)
                .Then("(39)L", "Σ_t m̂²_{t,φ,i}/(√(t v̂_{t,φ,i}) + ε)", h => Phi(h).SumScaled(h.T))
                .Then("(39)R", "Σ_t m̂²_{t,g,i}/(√(t v̂_{t,g,i}) + ε)", h => G(h).SumScaled(h.T))
                .Then("(40)L", "Σ_t |φ_{t,i}|/√(t(1−β₂)) Σ_{j=0}^{T−t} tγ^j", h => Eq40(Phi(h), full: false))
                .Then("(40)R", "Σ_t |g_{t,i}|/√(t(1−β₂)) Σ_{j=0}^{T−t} tγ^j", h => Eq40(G(h), full: false))
                .Then("(41)L", "Σ_t |φ_{t,i}|/√(t(1−β₂)) Σ_{j=0}^{T} tγ^j", h => Eq40(Phi(h), full: true))
                .Then("(41)R", "Σ_t |g_{t,i}|/√(t(1−β₂)) Σ_{j=0}^{T} tγ^j", h => Eq40(G(h), full: true))
                .Claims())
            {
                yield return claim;
            }

            // (42)–(44): the arithmetic-geometric step "Σ_t tγ^t < 1/(1−γ)²" applied to Σ_{j=0}^T tγ^j (t fixed).
            foreach (IClaim claim in new Chain<CoordinateHistory>("SGA-L4.4-eq42-44", Paper, "Lemma 4.4, eqs. (42)–(44)", Hypotheses, families)
                .Then("(42)L", "Σ_t |φ_{t,i}|/√(t(1−β₂)) Σ_{j=0}^{T} tγ^j", h => Eq40(Phi(h), full: true))
                .Then("(42)R", "Σ_t |g_{t,i}|/√(t(1−β₂)) Σ_{j=0}^{T} tγ^j", h => Eq40(G(h), full: true))
                .Then("(43)", "1/((1−γ)²√(1−β₂)) Σ_t |φ_{t,i}|/√t", h => Eq43(Phi(h)))
                .Then("(44)", "1/((1−γ)²√(1−β₂)) Σ_t |g_{t,i}|/√t", h => Eq43(G(h)))
                .Claims())
            {
                yield return claim;
            }

            // (45) as printed: the left sides have no √t; C₄₅ = 2G_∞/((1−γ)²√(1−β₂)).
            foreach (IClaim claim in new Chain<CoordinateHistory>("SGA-L4.4-eq45", Paper, "Lemma 4.4, eq. (45) (as printed: no √t on the left)", Hypotheses, families)
                .Then("sum-phi", "Σ_t m̂²_{t,φ,i}/(√v̂_{t,φ,i} + ε)", h => Phi(h).SumUnscaled(h.T))
                .Then("sum-g", "Σ_t m̂²_{t,g,i}/(√v̂_{t,g,i} + ε)", h => G(h).SumUnscaled(h.T))
                .Then("bound-phi", "2G_∞/((1−γ)²√(1−β₂)) ‖φ_{1:T,i}‖₂", h => C45(h) * Phi(h).Norm)
                .Then("bound-g", "2G_∞/((1−γ)²√(1−β₂)) ‖g_{1:T,i}‖₂", h => C45(h) * G(h).Norm)
                .Claims())
            {
                yield return claim;
            }

            // (45) with (26)'s left side (the √t restored), which is what Theorem 4.5 uses.
            yield return Claim(
                "SGA-L4.4-eq45-with-sqrt-t-phi", "Lemma 4.4, eq. (45) with the √t of (26) on the left (the form Theorem 4.5 uses)",
                "Σ_t m̂²_{t,φ,i}/√(t v̂_{t,φ,i}) ≤ 2G_∞/((1−γ)²√(1−β₂)) ‖φ_{1:T,i}‖₂", families,
                h => new Sides(Phi(h).SumScaled(h.T), C45(h) * Phi(h).Norm));
            yield return Claim(
                "SGA-L4.4-eq45-with-sqrt-t-g", "Lemma 4.4, eq. (45) with the √t of (26) on the left, g version",
                "Σ_t m̂²_{t,g,i}/√(t v̂_{t,g,i}) ≤ 2G_∞/((1−γ)²√(1−β₂)) ‖g_{1:T,i}‖₂", families,
                h => new Sides(G(h).SumScaled(h.T), C45(h) * G(h).Norm));

            // I14: the constants of (26) and (45) — neither bound implies the other unless they are ordered.
            yield return Claim(
                "SGA-L4.4-I14-const26-le-const45", "Lemma 4.4, (26) vs (45) (I14): is (45)'s bound at least (26)'s?",
                "2/(1 − γ√(1−β₂)) ≤ 2G_∞/((1−γ)²√(1−β₂)) (the constants of (26) and (45), compared for g_{1:T,i} ≢ 0)", families,
                BetaSides(BetaLine.C26LeC45), BetaBox(BetaLine.C26LeC45, [1]));
            yield return Claim(
                "SGA-L4.4-I14-const45-le-const26", "Lemma 4.4, (26) vs (45) (I14): is (26)'s bound at least (45)'s?",
                "2G_∞/((1−γ)²√(1−β₂)) ≤ 2/(1 − γ√(1−β₂)) (the constants of (45) and (26), compared for g_{1:T,i} ≢ 0)", families,
                BetaSides(BetaLine.C45LeC26), BetaBox(BetaLine.C45LeC26, [1]));

            // Corrected statements.
            yield return Claim(
                "SGA-L4.4-corrected-kingma-ba-constant", "Lemma 4.4 — candidate correction: Kingma–Ba Lemma 10.4's statement constant (G_∞-free)",
                "corrected?: Σ_t m̂²_{t,g,i}/√(t v̂_{t,g,i}) ≤ 2/((1−γ)√(1−β₂)) ‖g_{1:T,i}‖₂", families,
                h => new Sides(G(h).SumScaled(h.T), 2 / ((1 - G(h).Gamma) * Math.Sqrt(1 - h.Beta2)) * G(h).Norm));
            yield return Claim(
                "SGA-L4.4-corrected-provable-g", "Lemma 4.4 — corrected: what the proof's own Cauchy–Schwarz step gives (√t, not 1/√t, and no G_∞)",
                "corrected: Σ_t m̂²_{t,g,i}/√(t v̂_{t,g,i}) ≤ 1/((1−γ)²√(1−β₂)) Σ_t √t |g_{t,i}|", families,
                h => new Sides(G(h).SumScaled(h.T), Provable(G(h))));
            yield return Claim(
                "SGA-L4.4-corrected-provable-phi", "Lemma 4.4 — corrected, for φ",
                "corrected: Σ_t m̂²_{t,φ,i}/√(t v̂_{t,φ,i}) ≤ 1/((1−γ)²√(1−β₂)) Σ_t √t |φ_{t,i}|", families,
                h => new Sides(Phi(h).SumScaled(h.T), Provable(Phi(h))));
        }
    }

    private static ConstantBetaMoments Phi(CoordinateHistory h) => new(h.Phi, h.Beta1, h.Beta2);

    private static ConstantBetaMoments G(CoordinateHistory h) => new(h.Gradients, h.Beta1, h.Beta2);

    private static double Gamma(CoordinateHistory h) => h.Beta1 == 0.0 ? 0.0 : h.GammaSga;

    /// <summary>(26)'s constant 2/(1 − γ√(1−β₂)).</summary>
    private static double C26(CoordinateHistory h) => 2 / (1 - Gamma(h) * Math.Sqrt(1 - h.Beta2));

    /// <summary>(45)'s constant 2G_∞/((1−γ)²√(1−β₂)).</summary>
    private static double C45(CoordinateHistory h) => 2 * h.GInf / (Sq(1 - Gamma(h)) * Math.Sqrt(1 - h.Beta2));

    private static double Eq35(ConstantBetaMoments x)
    {
        double oneMinusBeta2PowT = Math.Sqrt(1 - Math.Pow(x.Beta2, x.T));
        return oneMinusBeta2PowT / (x.T * (1 - x.Beta2)) * Sq(1 - x.Beta1) / Math.Sqrt(x.T * (1 - x.Beta2)) * x.T * x.GammaWeightedAbsSum();
    }

    private static double Eq37(ConstantBetaMoments x) => x.T / Math.Sqrt(x.T * (1 - x.Beta2)) * x.GammaWeightedAbsSum();

    /// <summary>(40) (inner sum to T − t) or (41) (inner sum to T): Σ_t |x_t|/√(t(1−β₂)) Σ_j tγ^j.</summary>
    private static double Eq40(ConstantBetaMoments x, bool full)
    {
        double[] prefix = x.GeometricPrefix();
        double sum = 0.0;
        for (int t = 1; t <= x.T; t++)
        {
            double inner = t * prefix[full ? x.T : x.T - t];
            sum += Math.Abs(x.X[t - 1]) / Math.Sqrt(t * (1 - x.Beta2)) * inner;
        }

        return sum;
    }

    private static double Eq43(ConstantBetaMoments x)
    {
        double sum = 0.0;
        for (int t = 1; t <= x.T; t++)
        {
            sum += Math.Abs(x.X[t - 1]) / Math.Sqrt(t);
        }

        return sum / (Sq(1 - x.Gamma) * Math.Sqrt(1 - x.Beta2));
    }

    private static double Provable(ConstantBetaMoments x)
    {
        double sum = 0.0;
        for (int t = 1; t <= x.T; t++)
        {
            sum += Math.Sqrt(t) * Math.Abs(x.X[t - 1]);
        }

        return sum / (Sq(1 - x.Gamma) * Math.Sqrt(1 - x.Beta2));
    }

    private static ExpressionClaim<CoordinateHistory> Claim(
        string id, string location, string statement, IReadOnlyList<InstanceFamily<CoordinateHistory>> families, Func<CoordinateHistory, Sides> evaluate,
        CertificationTarget? certification = null) =>
        new(new ClaimInfo(id, Paper, location, statement, Hypotheses), families, evaluate, certification: certification);

    /// <summary>The proof's scalar lines in β₁, β₂ (and G_∞), each written once for every arithmetic.</summary>
    private enum BetaLine
    {
        Assumption,
        AssumptionCorrected,
        C26LeC45,
        C45LeC26,
    }

    private static (TScalar Left, TScalar Right) Line<TScalar>(BetaLine line, TScalar beta1, TScalar beta2, TScalar gInf, int t)
        where TScalar : IScalar<TScalar>
    {
        TScalar gamma = TScalar.Ratio(beta1 * beta1, TScalar.Sqrt(beta2));
        TScalar c26 = 2.0 / (1.0 - gamma * TScalar.Sqrt(1.0 - beta2));
        TScalar c45 = 2.0 * gInf / (Sq(1.0 - gamma) * TScalar.Sqrt(1.0 - beta2));
        TScalar bound = 1.0 / Sq(1.0 - beta1);
        switch (line)
        {
            case BetaLine.Assumption:
                return (TScalar.Sqrt(1.0 - beta2 * beta2) / Sq(1.0 - beta2), bound);
            case BetaLine.AssumptionCorrected:
                {
                    // √(1−β₂^T)/(1−β₁^T)², the powers by repeated products as ConstantBetaMoments forms them.
                    TScalar p1 = 1.0, p2 = 1.0;
                    for (int k = 0; k < t; k++)
                    {
                        p1 *= beta1;
                        p2 *= beta2;
                    }

                    return (TScalar.Sqrt(1.0 - p2) / ((1.0 - p1) * (1.0 - p1)), bound);
                }

            case BetaLine.C26LeC45:
                return (c26, c45);
            default:
                return (c45, c26);
        }
    }

    private static Func<CoordinateHistory, Sides> BetaSides(BetaLine line) => h =>
    {
        if (line is BetaLine.C26LeC45 or BetaLine.C45LeC26 && G(h).Norm == 0.0)
        {
            return new Sides(0.0, 0.0);   // the constants are compared for g_{1:T,i} ≢ 0 only
        }

        (Real left, Real right) = Line<Real>(line, h.Beta1, h.Beta2, h.GInf, h.T);
        return new Sides(left.Value, right.Value);
    };

    /// <summary>
    /// The box of the scalar lines: γ = r² with r ∈ [0, 0.99] and β₁ = r·β₂^{1/4} (so γ = β₁²/√β₂ &lt; 1, the lemma's
    /// hypothesis, holds on the whole box), β₂ ∈ [0.001, 0.999], G_∞ ∈ [0, 2], T from <paramref name="horizons"/>.
    /// </summary>
    private static CertificationTarget BetaBox(BetaLine line, int[] horizons) => new(
        string.Create(CultureInfo.InvariantCulture, $"β₁ = r·β₂^(1/4) with r ∈ [0, 0.99] (γ = r² < 1), β₂ ∈ [0.001, 0.999], G_∞ ∈ [0, {CoordinateBox.GMax}], T ∈ {{{string.Join(", ", horizons)}}}"),
        [new BoxCoordinate("r", 0.0, 0.99), new BoxCoordinate("β₂", 0.001, 0.999), new BoxCoordinate("G_∞", 0.0, CoordinateBox.GMax)],
        horizons.Select(t => string.Create(CultureInfo.InvariantCulture, $"T={t}")).ToList(),
        new BetaLineSides(line, horizons));

    private sealed class BetaLineSides(BetaLine line, int[] horizons) : ICertifiableSides
    {
        public (TScalar Left, TScalar Right) Evaluate<TScalar>(IReadOnlyList<TScalar> x, int choice)
            where TScalar : IScalar<TScalar> =>
            Line(line, x[0] * TScalar.Sqrt(TScalar.Sqrt(x[1])), x[1], x[2], horizons[choice]);
    }

    private static TScalar Sq<TScalar>(TScalar x)
        where TScalar : IScalar<TScalar> => x * x;

    private static ExpressionClaim<CoordinateHistory> Equal(
        string id, string location, string statement, IReadOnlyList<InstanceFamily<CoordinateHistory>> families, Func<CoordinateHistory, Sides> evaluate) =>
        new(new ClaimInfo(id, Paper, location, statement, Hypotheses, Relation.Equal), families, evaluate, slack: new RoundingSlack(1e-9, 1e-300));

    private static double Sq(double x) => x * x;
}
