using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>
/// DASGrad Lemma 2 (error at the optimal probabilities): E_p‖ĝ‖² = (1/n²)Σ‖g_i‖²/p_i = (1/n²)(Σ‖g_i‖²/p_i)(Σp_i)
/// ≥ (1/n²)(Σ‖g_i‖₂)², with equality at p*; hence E_p*‖ĝ‖² = ((1/n)Σ‖g_i‖₂)² ≤ (1/n)Σ‖g_i‖₂² = E_unif ≤ dG_∞².
/// </summary>
internal sealed class Lemma2 : IClaimSource
{
    private static readonly string[] Hypotheses =
    [
        "p ∈ Δ_n; ĝ(i) = g_i/(n p_i); expectations enumerate the n indices",
        "G_∞ = factor · max_{i,k}|g_{i,k}|, factor ≥ 1",
    ];

    public IEnumerable<IClaim> Claims
    {
        get
        {
            IReadOnlyList<InstanceFamily<GradientSnapshot>> families = GradientSnapshotFamilies.All();

            // The paper's display runs "E = … = … ≥ (lower bound)"; as a ≤-chain it starts from the lower bound.
            foreach (IClaim claim in new Chain<GradientSnapshot>("DAS-L2-cauchy-schwarz", Das.Paper, "Lemma 2, the lower bound (read right to left)", Hypotheses, families)
                .Then("lower", "(1/n²)(Σ_i‖g_i‖₂)²", s => Vec.Sq(s.Norms.Sum()) / (s.N * (double)s.N))
                .Then("product", "(1/n²)(Σ_i‖g_i‖²/p_i)(Σ_i p_i)", s => Enumerable.Range(0, s.N).Where(i => s.P[i] > 0).Sum(i => Vec.Sq(s.Gradients[i]) / s.P[i]) * s.P.Sum() / (s.N * (double)s.N))
                .Then("moment", "E_p‖ĝ‖² (enumerated)", s => s.SecondMoment(s.P))
                .Claims())
            {
                yield return claim;
            }

            yield return Das.Eq(
                "DAS-L2-popt-value", "Lemma 2, 'equality iff p = p*'",
                "E_p*‖ĝ‖² = ((1/n)Σ_i‖g_i‖₂)²",
                Hypotheses, families, s => new Sides(s.SecondMoment(s.Optimal), Vec.Sq(s.MeanNorm)));

            foreach (IClaim claim in new Chain<GradientSnapshot>("DAS-L2-popt", Das.Paper, "Lemma 2, 'hence' chain", Hypotheses, families)
                .Then("popt", "E_p*‖ĝ‖² (enumerated)", s => s.SecondMoment(s.Optimal))
                .Then("unif", "E_unif‖g_i‖² = (1/n)Σ_i‖g_i‖₂²", s => s.SecondMoment(s.Uniform))
                .Then("bound", "dG_∞²", s => s.D * Vec.Sq(s.GInf))
                .Claims())
            {
                yield return claim;
            }
        }
    }
}
