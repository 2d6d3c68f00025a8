using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>
/// Section 5 and 6 statements that can be checked on exact expected regret: Σ_k v̂_{T,k}^{1/2} ≤ dG_∞ for the
/// weighted gradients, the last step of Lemma 9 at p*, and "DASGrad beats AMSGrad" (ap-SGD beats SGD) on the same
/// problem.
/// </summary>
internal sealed class Section56Runs : IClaimSource
{
    public IEnumerable<IClaim> Claims
    {
        get
        {
            string[] h = Theorems34.Hypotheses;
            IReadOnlyList<InstanceFamily<FiniteSumRun>> all = FiniteSumRunFamilies.All();

            yield return Das.Le(
                "DAS-S5-vhat-sum-dG-amsgrad", "Section 5 (Reddi's Σ_k v̂_{T,k}^{1/2} ≤ dG_∞), AMSGrad with uniform sampling",
                "Σ_k E v̂_{T,k}^{1/2} ≤ dG_∞", h, all, r => new Sides(Amsgrad.Paths(r, Method.AmsGrad).FinalVHatRoots, r.D * r.GInf));
            yield return Das.Le(
                "DAS-S5-vhat-sum-dG-dasgrad", "Section 5 (Σ_k v̂_{T,k}^{1/2} ≤ dG_∞) for DASGrad's weighted gradients, the instance's rule",
                "Σ_k E v̂_{T,k}^{1/2} ≤ dG_∞", h, all, r => new Sides(Amsgrad.Paths(r, Method.DasGrad).FinalVHatRoots, r.D * r.GInf));
            yield return Das.Le(
                "DAS-S5-vhat-sum-dG-dasgrad-popt", "Section 5 (Σ_k v̂_{T,k}^{1/2} ≤ dG_∞) for DASGrad's weighted gradients at p*",
                "Σ_k E v̂_{T,k}^{1/2} ≤ dG_∞", h, all, r => new Sides(Amsgrad.Paths(r, Method.DasGradOptimal).FinalVHatRoots, r.D * r.GInf));

            // Lemma 9, last step "with the optimal probabilities".
            Method popt = Method.DasGradOptimal;
            yield return Das.Eq(
                "DAS-L9-last-popt-identity", "Lemma 9, last step: Σ_t E_p*‖ĝ_t‖² = Σ_t E((1/n)Σ_i‖g_{t,i}‖₂)² (Lemma 2)",
                "Σ_t E‖ĝ_t‖₂² = Σ_t E((1/n)Σ_i‖g_{t,i}‖₂)² (DASGrad at p*)", h, all,
                r => new Sides(Amsgrad.Paths(r, popt).SumExpect(s => Vec.Sq(s.GHat)), Amsgrad.Paths(r, popt).SumExpect(s => s.MeanNorm * s.MeanNorm)));
            foreach (IClaim claim in new Chain<FiniteSumRun>("DAS-L9-last", Das.Paper, "Lemma 9, last step (Jensen, Cauchy–Schwarz over k, Lemma 2), DASGrad at p*", h, all)
                .Then("norms", "Σ_k E‖ĝ_{1:T,k}‖₂", r => Amsgrad.Paths(r, popt).HistoryNorms)
                .Then("jensen", "Σ_k (Σ_t E ĝ_{t,k}²)^{1/2}", r => Enumerable.Range(0, r.D).Sum(k => Math.Sqrt(Amsgrad.Paths(r, popt).SumExpect(s => s.GHat[k] * s.GHat[k]))))
                .Then("cs", "√d(Σ_t E_p*‖ĝ_t‖²)^{1/2}", r => Math.Sqrt(r.D) * Math.Sqrt(Amsgrad.Paths(r, popt).SumExpect(s => Vec.Sq(s.GHat))))
                .Then("bound", "dG_∞√T", r => r.D * r.GInf * Math.Sqrt(r.Horizon))
                .Claims())
            {
                yield return claim;
            }

            yield return Das.Le(
                "DAS-S6-dasgrad-beats-amsgrad", "Sections 5–6 (Fig. 1, Fig. 2), stronger reading: DASGrad's regret below AMSGrad's on every instance (the paper shows experiments and proves a smaller error term of the bound, rows DAS-S4.3-popt-minimises and DAS-L2-popt-popt-to-unif-link)",
                "E[R(T)] of DASGrad at p* ≤ E[R(T)] of AMSGrad with uniform sampling", h, all, slack: Das.RunSlack,
                evaluate: r => Das.Over(Amsgrad.Paths(r, popt).Regret, Amsgrad.Paths(r, Method.AmsGrad).Regret, Amsgrad.Magnitude(r, Method.AmsGrad)));
            yield return Das.Le(
                "DAS-S6-apsgd-beats-sgd", "Section 3.2 / Cor. 2.1 vs 1.1, stronger reading: ap-SGD's regret below SGD's on every instance (the paper compares the bounds, rows DAS-C2.1-sup-to-worstcase-link and DAS-L2-popt-popt-to-unif-link)",
                "E[R(T)] of ap-SGD at p* ≤ E[R(T)] of SGD with uniform sampling", Theorems12.Hypotheses, all, slack: Das.RunSlack,
                evaluate: r => Das.Over(FiniteSumEngine.Run(r, Method.ApSgdOptimal).Regret, FiniteSumEngine.Run(r, Method.Sgd).Regret, FiniteSumEngine.Run(r, Method.Sgd).Magnitude));
        }
    }
}
