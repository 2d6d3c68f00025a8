using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>
/// The Reddi, Kale &amp; Kumar (2018) results that the DASGrad proofs copy (reconstruction §4.1): Theorem 4 (AMSGrad)
/// in its arXiv form and in the OpenReview form (first term without α), Corollary 1's middle term as printed (no d/α)
/// and corrected; on deterministic online runs (uniform sampling: for n = 1 there is one path) and on histories.
/// </summary>
internal sealed class Reddi : IClaimSource
{
    private static readonly string[] HistoryHypotheses =
    [
        "|g_{t,k}| ≤ G_∞ (G_∞ = factor · max|g_{t,k}|), β_{1t} = β₁λ^{t−1}, γ < 1, α_t = α/√t",
        "D_∞² appears on both sides and cancels",
    ];

    public IEnumerable<IClaim> Claims
    {
        get
        {
            IReadOnlyList<InstanceFamily<FiniteSumRun>> runs = FiniteSumRunFamilies.All();
            IReadOnlyList<InstanceFamily<MomentHistory>> lambda = MomentHistoryFamilies.All(lambdaOnly: true);

            yield return Das.Le(
                "DAS-Reddi-T4-arxiv", "Reddi et al. Theorem 4 (AMSGrad), arXiv form, as the expected regret of AMSGrad with uniform sampling",
                "E[R_T] ≤ D_∞²√T/(α(1−β₁)) Σ_k E v̂_{T,k}^{1/2} + D_∞²/(2(1−β₁)) Σ_t Σ_k β_{1t}E v̂_{t,k}^{1/2}/α_t + α√(1+log T)/((1−β₁)²(1−γ)√(1−β₂)) Σ_k E‖g_{1:T,k}‖₂",
                Theorems34.Hypotheses, runs, slack: Das.RunSlack,
                evaluate: r =>
                {
                    RunPaths p = Amsgrad.Paths(r, Method.AmsGrad);
                    return Das.Run(p, p.Regret, 2 * Amsgrad.PotentialBound(p) + Amsgrad.Lemma8Middle(p) + Amsgrad.ErrorCoefficient(r, r.Alpha) * p.HistoryNorms);
                });

            yield return Das.Le(
                "DAS-Reddi-T4-openreview", "Reddi et al. Theorem 4 as printed in the OpenReview version (first term without α)",
                "E[R_T] ≤ D_∞²√T/(1−β₁) Σ_k E v̂_{T,k}^{1/2} + D_∞²/(2(1−β₁)) Σ_t Σ_k β_{1t}E v̂_{t,k}^{1/2}/α_t + α√(1+log T)/((1−β₁)²(1−γ)√(1−β₂)) Σ_k E‖g_{1:T,k}‖₂",
                Theorems34.Hypotheses, runs, slack: Das.RunSlack,
                evaluate: r =>
                {
                    RunPaths p = Amsgrad.Paths(r, Method.AmsGrad);
                    return Das.Run(p, p.Regret, 2 * p.Alpha * Amsgrad.PotentialBound(p) + Amsgrad.Lemma8Middle(p) + Amsgrad.ErrorCoefficient(r, r.Alpha) * p.HistoryNorms);
                });

            yield return Das.Le(
                "DAS-Reddi-C1-printed", "Reddi et al. Corollary 1, the middle term as printed",
                "D_∞²/(2(1−β₁)) Σ_t Σ_k β_{1t} v̂_{t,k}^{1/2}/α_t ≤ β₁D_∞²G_∞/(2(1−β₁)(1−λ)²)",
                HistoryHypotheses, lambda, h => new Sides(MiddleTerm(h), h.Beta1 * h.GInf / (2 * (1 - h.Beta1) * Vec.Sq(1 - h.Lambda))));

            yield return Das.Le(
                "DAS-Reddi-C1-corrected", "Reddi et al. Corollary 1, corrected (the missing d/α restored)",
                "D_∞²/(2(1−β₁)) Σ_t Σ_k β_{1t} v̂_{t,k}^{1/2}/α_t ≤ dβ₁D_∞²G_∞/(2α(1−β₁)(1−λ)²)",
                HistoryHypotheses, lambda, h => new Sides(MiddleTerm(h), h.D * h.Beta1 * h.GInf / (2 * h.Alpha * (1 - h.Beta1) * Vec.Sq(1 - h.Lambda))));
        }
    }

    /// <summary>D_∞²/(2(1−β₁)) Σ_t Σ_k β_{1t} v̂_{t,k}^{1/2}/α_t with D_∞ = 1.</summary>
    private static double MiddleTerm(MomentHistory h) =>
        1.0 / (2 * (1 - h.Beta1)) * h.Moments.Select((x, i) => h.Beta1At(i + 1) * x.VHat.Sum(Math.Sqrt) / h.AlphaAt(i + 1)).Sum();

    /// <summary>Reddi's Lemma 2 bound α√(1+log T)/((1−β₁)(1−γ)√(1−β₂)) Σ_k ‖g_{1:T,k}‖₂.</summary>
    public static double Lemma2Bound(MomentHistory h) =>
        h.Alpha * Math.Sqrt(1 + Math.Log(h.T)) / ((1 - h.Beta1) * (1 - h.Gamma) * Math.Sqrt(1 - h.Beta2)) * h.HistoryNorms;
}
