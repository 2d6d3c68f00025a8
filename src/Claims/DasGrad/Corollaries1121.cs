using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>
/// DASGrad Corollary 1.1 (SGD, uniform) and Corollary 2.1 (ap-SGD with p*), on exact expected regret; plus the tuned
/// step α = D_∞/(√2 G_∞) and the Section 5 reading of SGD's rate as O(√(dT)).
/// </summary>
internal sealed class Corollaries1121 : IClaimSource
{
    public IEnumerable<IClaim> Claims
    {
        get
        {
            IReadOnlyList<InstanceFamily<FiniteSumRun>> families = FiniteSumRunFamilies.All();
            string[] h = Theorems12.Hypotheses;

            yield return Das.Le(
                "DAS-C1.1", "Corollary 1.1 (SGD, uniform p, α_t = α/√t)",
                "E[R(T)] ≤ dD_∞²√T/(2α) + αdG_∞²(√T − ½)",
                h, families, r => new Sides(FiniteSumEngine.Run(r, Method.Sgd).Regret, Cor11(r, r.Alpha)));

            yield return Das.Le(
                "DAS-C1.1-tuned", "Corollary 1.1 at α = D_∞/(√2 G_∞)",
                "E[R(T)] ≤ √2·d·D_∞G_∞√T",
                h, families,
                r => new Sides(FiniteSumEngine.Run(r, Method.Sgd with { Alpha = Tuned(r) }).Regret, Math.Sqrt(2) * r.D * r.DInf * r.GInf * Math.Sqrt(r.Horizon)));

            yield return Das.Le(
                "DAS-S5-sgd-sqrt-dT", "Section 5: 'SGD: O(√(dT))', read with Cor. 1.1's constant at the tuned α",
                "E[R(T)] ≤ √2·√d·D_∞G_∞√T (SGD, α = D_∞/(√2 G_∞))",
                h, families,
                r => new Sides(FiniteSumEngine.Run(r, Method.Sgd with { Alpha = Tuned(r) }).Regret, Math.Sqrt(2) * Math.Sqrt(r.D) * r.DInf * r.GInf * Math.Sqrt(r.Horizon)),
                ("d = 1", r => r.D == 1));

            foreach (IClaim claim in new Chain<FiniteSumRun>("DAS-C2.1", Das.Paper, "Corollary 2.1 (ap-SGD with p*)", h, families, r => FiniteSumEngine.Run(r, Method.ApSgdOptimal).Magnitude)
                .Then("regret", "E[R(T)] (ap-SGD, p*)", r => FiniteSumEngine.Run(r, Method.ApSgdOptimal).Regret)
                .Then("sum", "dD_∞²√T/(2α) + Σ_t α/(2√t) E((1/n)Σ_i‖g_{t,i}‖₂)²", r => Potential(r) + Lemma3.WeightedMeanNormSq(FiniteSumEngine.Run(r, Method.ApSgdOptimal)))
                .Then("sup", "dD_∞²√T/(2α) + α(√T − ½) sup_t E((1/n)Σ_i‖g_{t,i}‖₂)²", r => Potential(r) + r.Alpha * (Math.Sqrt(r.Horizon) - 0.5) * Lemma3.MaxMeanNormSq(FiniteSumEngine.Run(r, Method.ApSgdOptimal)))
                .Then("worst-case", "Cor. 1.1's bound dD_∞²√T/(2α) + αdG_∞²(√T − ½) (the worst case is identical)", r => Cor11(r, r.Alpha))
                .Claims())
            {
                yield return claim;
            }
        }
    }

    private static double Potential(FiniteSumRun r) => r.D * r.DInf * r.DInf * Math.Sqrt(r.Horizon) / (2 * r.Alpha);

    public static double Cor11(FiniteSumRun r, double alpha) =>
        r.D * r.DInf * r.DInf * Math.Sqrt(r.Horizon) / (2 * alpha) + alpha * r.D * r.GInf * r.GInf * (Math.Sqrt(r.Horizon) - 0.5);

    private static double Tuned(FiniteSumRun r) => r.GInf > 0 ? r.DInf / (Math.Sqrt(2) * r.GInf) : r.Alpha;
}
