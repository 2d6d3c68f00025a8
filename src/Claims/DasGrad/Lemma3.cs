using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>
/// DASGrad Lemma 3 (total error at p*): Σ_t (α_t/2)E_p*‖ĝ_t‖² = Σ_t α/(2√t) E((1/n)Σ_i‖g_{t,i}‖₂)²
/// ≤ α(√T − ½) max_t E(…)² ≤ α(√T − ½) dG_∞², on exact expectations of ap-SGD run with p*.
/// </summary>
internal sealed class Lemma3 : IClaimSource
{
    public IEnumerable<IClaim> Claims
    {
        get
        {
            IReadOnlyList<InstanceFamily<FiniteSumRun>> families = FiniteSumRunFamilies.All();
            yield return Das.Eq(
                "DAS-L3-eq", "Lemma 3, the equality (Lemma 2 at every step)",
                "Σ_t (α_t/2) E_p*‖ĝ_t‖² = Σ_t α/(2√t) E((1/n)Σ_i‖g_{t,i}‖₂)²",
                Theorems12.Hypotheses, families,
                r =>
                {
                    RunPaths p = FiniteSumEngine.Run(r, Method.ApSgdOptimal);
                    return new Sides(p.SumExpect(s => s.AlphaT / 2 * Vec.Sq(s.GHat)), p.SumExpect(s => s.AlphaT / 2 * s.MeanNorm * s.MeanNorm));
                });

            foreach (IClaim claim in new Chain<FiniteSumRun>("DAS-L3", Das.Paper, "Lemma 3 (total error), ap-SGD with p*", Theorems12.Hypotheses, families, r => FiniteSumEngine.Run(r, Method.ApSgdOptimal).Magnitude)
                .Then("error", "Σ_t (α_t/2) E_p*‖ĝ_t‖²", r => FiniteSumEngine.Run(r, Method.ApSgdOptimal).SumExpect(s => s.AlphaT / 2 * Vec.Sq(s.GHat)))
                .Then("max", "α(√T − ½) max_t E((1/n)Σ_i‖g_{t,i}‖₂)²", r => r.Alpha * (Math.Sqrt(r.Horizon) - 0.5) * MaxMeanNormSq(FiniteSumEngine.Run(r, Method.ApSgdOptimal)))
                .Then("bound", "α(√T − ½) dG_∞²", r => r.Alpha * (Math.Sqrt(r.Horizon) - 0.5) * r.D * r.GInf * r.GInf)
                .Claims())
            {
                yield return claim;
            }
        }
    }

    /// <summary>max_t E((1/n)Σ_i‖g_{t,i}‖₂)².</summary>
    public static double MaxMeanNormSq(RunPaths p) =>
        Enumerable.Range(0, p.T).Max(t => p.Expect(steps => steps[t].MeanNorm * steps[t].MeanNorm));

    /// <summary>Σ_t α/(2√t) E((1/n)Σ_i‖g_{t,i}‖₂)².</summary>
    public static double WeightedMeanNormSq(RunPaths p) => p.SumExpect(s => s.AlphaT / 2 * s.MeanNorm * s.MeanNorm);
}
