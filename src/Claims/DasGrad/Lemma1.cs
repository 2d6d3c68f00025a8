using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>DASGrad Lemma 1 (the potential term of eq. (1)), link by link, in expectation over all index paths.</summary>
internal sealed class Lemma1 : IClaimSource
{
    public IEnumerable<IClaim> Claims =>
        new Chain<FiniteSumRun>("DAS-L1", Das.Paper, "Lemma 1 (potential), ap-SGD with the instance's rule", Theorems12.Hypotheses, FiniteSumRunFamilies.All(), r => FiniteSumEngine.Run(r, Method.ApSgd).Magnitude)
            .Then("potential", "Σ_t E(‖θ_t − θ*‖² − ‖θ_{t+1} − θ*‖²)/(2α_t)", r => Potential(FiniteSumEngine.Run(r, Method.ApSgd)))
            .Then("telescoped", "E‖θ_1 − θ*‖²/(2α_1) + Σ_{t≥2} E‖θ_t − θ*‖²(1/(2α_t) − 1/(2α_{t−1}))", r => Telescoped(FiniteSumEngine.Run(r, Method.ApSgd)))
            .Then("bound", "dD_∞²/(2α_T) = dD_∞²√T/(2α)", r => r.D * r.DInf * r.DInf * Math.Sqrt(r.Horizon) / (2 * r.Alpha))
            .Claims();

    public static double Potential(RunPaths p) => p.SumExpect(s => (p.DistSq(s.Theta) - p.DistSq(s.ThetaNext)) / (2 * s.AlphaT));

    private static double Telescoped(RunPaths p) =>
        p.SumExpect(s => s.T == 1 ? p.DistSq(s.Theta) / (2 * s.AlphaT) : p.DistSq(s.Theta) * (1 / (2 * s.AlphaT) - 1 / (2 * p.AlphaAt(s.T - 1))));
}
