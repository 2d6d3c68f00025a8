using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>
/// DASGrad Lemma 6 (error), Lemma 7 (first moving-average term) and Lemma 8 (second moving-average term, with step
/// (⋆) that needs ‖ĝ_t‖_∞ ≤ G_∞), on exact expectations of DASGrad runs.
/// </summary>
internal sealed class Lemmas678 : IClaimSource
{
    public IEnumerable<IClaim> Claims
    {
        get
        {
            string[] h = Theorems34.Hypotheses;
            IReadOnlyList<InstanceFamily<FiniteSumRun>> all = FiniteSumRunFamilies.All();
            IReadOnlyList<InstanceFamily<FiniteSumRun>> lambda = FiniteSumRunFamilies.All(lambdaOnly: true);
            Method das = Method.DasGrad;

            yield return Das.Le(
                "DAS-L6", "Lemma 6 (error term of eq. (2)), DASGrad with the instance's rule",
                "Σ_t α_t/(2(1−β_{1t})) E‖V̂_t^{−1/4}m_t‖² ≤ α√(1+log T)/(2(1−β₁)²(1−γ)√(1−β₂)) Σ_k E‖ĝ_{1:T,k}‖₂",
                h, all, slack: Das.RunSlack,
                evaluate: r =>
                {
                    RunPaths p = Amsgrad.Paths(r, das);
                    return Das.Run(p, Amsgrad.Error(p), Amsgrad.ErrorCoefficient(r, r.Alpha) / 2 * p.HistoryNorms);
                });

            foreach (IClaim claim in new Chain<FiniteSumRun>("DAS-L7", Das.Paper, "Lemma 7 (first moving-average term), DASGrad with the instance's rule", h, all, r => Amsgrad.Magnitude(r, das))
                .Then("term", "Σ_t β_{1t}α_t/(2(1−β_{1t})) E‖V̂_{t−1}^{−1/4}m_{t−1}‖²", r => Amsgrad.MovingAverage1(Amsgrad.Paths(r, das)))
                .Then("shifted", "β₁/(2(1−β₁)) Σ_{t=1}^{T−1} α_t E‖V̂_t^{−1/4}m_t‖²",
                    r => r.Beta1 / (2 * (1 - r.Beta1)) * Amsgrad.Paths(r, das).SumExpect(s => s.T < r.Horizon ? s.AlphaT * Vec.InverseRootWeighted(s.VHat, s.M) : 0.0))
                .Then("bound", "β₁α√(1+log T)/(2(1−β₁)²(1−γ)√(1−β₂)) Σ_k E‖ĝ_{1:T,k}‖₂",
                    r => r.Beta1 * Amsgrad.ErrorCoefficient(r, r.Alpha) / 2 * Amsgrad.Paths(r, das).HistoryNorms)
                .Claims())
            {
                yield return claim;
            }

            foreach (var (suffix, method, where) in new[] { ("", das, "DASGrad with the instance's rule"), ("-popt", Method.DasGradOptimal, "DASGrad at p*"), ("-uniform", Method.AmsGrad, "AMSGrad, uniform") })
            {
                foreach (IClaim claim in new Chain<FiniteSumRun>("DAS-L8" + suffix, Das.Paper, "Lemma 8 (second moving-average term), β_{1t} = β₁λ^{t−1}, " + where, h, lambda, r => Amsgrad.Magnitude(r, method))
                    .Then("term", "Σ_t β_{1t}/(2α_t(1−β_{1t})) E‖V̂_{t−1}^{1/4}(θ_t−θ*)‖²", r => Amsgrad.MovingAverage2(Amsgrad.Paths(r, method)))
                    .Then("middle", "D_∞²/(2(1−β₁)) Σ_t Σ_k β_{1t} E v̂_{t,k}^{1/2}/α_t", r => Amsgrad.Lemma8Middle(Amsgrad.Paths(r, method)))
                    .Then("star", "(⋆) dβ₁D_∞²G_∞/(2α(1−β₁)(1−λ)²)", r => Amsgrad.MovingAverageBound(r, r.Alpha, r.GInf))
                    .Claims())
                {
                    yield return claim;
                }
            }

            yield return Das.Le(
                "DAS-L8-star-pathwise", "Lemma 8 (⋆) on every index path (the step as the proof takes it: v̂_{t,k}^{1/2} ≤ G_∞ pathwise), DASGrad with the instance's rule",
                "max over paths of D_∞²/(2(1−β₁)) Σ_t Σ_k β_{1t} v̂_{t,k}^{1/2}/α_t ≤ dβ₁D_∞²G_∞/(2α(1−β₁)(1−λ)²)",
                h, lambda, slack: Das.RunSlack,
                evaluate: r =>
                {
                    RunPaths p = Amsgrad.Paths(r, das);
                    double worst = p.Paths.Max(path => r.DInf * r.DInf / (2 * (1 - r.Beta1)) * path.Steps.Sum(s => s.Beta1T * s.VHat.Sum(Math.Sqrt) / s.AlphaT));
                    return Das.Run(p, worst, Amsgrad.MovingAverageBound(r, r.Alpha, r.GInf));
                });

            yield return Das.Le(
                "DAS-L8-star-printed", "Lemma 8 (⋆) with Reddi's printed constant (no d/α), DASGrad with the instance's rule",
                "D_∞²/(2(1−β₁)) Σ_t Σ_k β_{1t} E v̂_{t,k}^{1/2}/α_t ≤ β₁D_∞²G_∞/(2(1−β₁)(1−λ)²)",
                h, lambda, slack: Das.RunSlack,
                evaluate: r =>
                {
                    RunPaths p = Amsgrad.Paths(r, das);
                    return Das.Run(p, Amsgrad.Lemma8Middle(p), r.Beta1 * r.DInf * r.DInf * r.GInf / (2 * (1 - r.Beta1) * Vec.Sq(1 - r.Lambda)));
                });

            yield return Das.Le(
                "DAS-L8-star-corrected-popt", "corrected Lemma 8 (⋆) at p*: G_∞ replaced by √d·G_∞ ≥ ‖ĝ_t‖₂ ≥ ‖ĝ_t‖_∞",
                "D_∞²/(2(1−β₁)) Σ_t Σ_k β_{1t} E v̂_{t,k}^{1/2}/α_t ≤ d·√d·β₁D_∞²G_∞/(2α(1−β₁)(1−λ)²)",
                h, lambda, slack: Das.RunSlack,
                evaluate: r =>
                {
                    RunPaths p = Amsgrad.Paths(r, Method.DasGradOptimal);
                    return Das.Run(p, Amsgrad.Lemma8Middle(p), Amsgrad.MovingAverageBound(r, r.Alpha, Math.Sqrt(r.D) * r.GInf));
                });
        }
    }
}
