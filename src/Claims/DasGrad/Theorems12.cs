using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>
/// DASGrad Theorem 1 (SGD) and Theorem 2 (ap-SGD), eq. (1), with the steps of the Appendix A proof, on exact
/// expected regret: every index path of the run is enumerated (n^T ≤ 729 paths).
/// </summary>
internal sealed class Theorems12 : IClaimSource
{
    public static readonly string[] Hypotheses =
    [
        "F = [−R, R]^d, θ* = argmin_F Σ_t f_t (any fixed comparator in F would do), f_{t,i} convex",
        "α_t = α/√t; p_t F_{t−1}-measurable with p_{t,i} > 0 wherever sampled; ĝ_t = g_{t,i_t}/(n p_{t,i_t})",
        "E[R(T)] and every expectation: exact enumeration of all n^T index paths (n^T ≤ 729)",
    ];

    public IEnumerable<IClaim> Claims
    {
        get
        {
            IReadOnlyList<InstanceFamily<FiniteSumRun>> families = FiniteSumRunFamilies.All();

            yield return Das.Le(
                "DAS-T2-eq1", "Theorem 2 (ap-SGD), eq. (1), for the instance's probability rule",
                "E[R(T)] ≤ Σ_t E[(‖θ_t − θ*‖² − ‖θ_{t+1} − θ*‖²)/(2α_t)] + Σ_t (α_t/2) E‖g_{t,i_t}/(n p_{t,i_t})‖²",
                Hypotheses, families, slack: Das.RunSlack, evaluate: r => Eq1(FiniteSumEngine.Run(r, Method.ApSgd)));

            yield return Das.Le(
                "DAS-T1-eq1-uniform", "Theorem 1 (SGD): eq. (1) with p_t uniform",
                "E[R(T)] ≤ Σ_t E[(‖θ_t − θ*‖² − ‖θ_{t+1} − θ*‖²)/(2α_t)] + Σ_t (α_t/2) E‖g_{t,i_t}‖²",
                Hypotheses, families, slack: Das.RunSlack, evaluate: r => Eq1(FiniteSumEngine.Run(r, Method.Sgd)));

            yield return Das.Le(
                "DAS-T2-step1-convexity", "Theorem 2 proof, step 1 (convexity), summed over t",
                "E Σ_t [f_t(θ_t) − f_t(θ*)] ≤ E Σ_t ⟨g_t, θ_t − θ*⟩",
                Hypotheses, families, slack: Das.RunSlack, evaluate:
                r =>
                {
                    RunPaths p = FiniteSumEngine.Run(r, Method.ApSgd);
                    return Das.Run(p, p.Regret, p.SumExpect(s => Vec.Dot(s.Full, Vec.Sub(s.Theta, p.ThetaStar))));
                });

            yield return Das.Le(
                "DAS-T2-step3-projection", "Theorem 2 proof, step 3 (non-expansive projection), summed over t",
                "E Σ_t ‖θ_{t+1} − θ*‖²/(2α_t) ≤ E Σ_t ‖θ_t − α_t ĝ_t − θ*‖²/(2α_t)",
                Hypotheses, families, slack: Das.RunSlack, evaluate:
                r =>
                {
                    RunPaths p = FiniteSumEngine.Run(r, Method.ApSgd);
                    return Das.Run(p, p.SumExpect(s => p.DistSq(s.ThetaNext) / (2 * s.AlphaT)), p.SumExpect(s => p.DistSq(s.ThetaHat) / (2 * s.AlphaT)));
                });

            yield return Das.Le(
                "DAS-T2-step5-rearranged", "Theorem 2 proof, step 5 (after unbiasedness), summed over t",
                "Σ_t E⟨g_t, θ_t − θ*⟩ ≤ Σ_t E[(‖θ_t − θ*‖² − ‖θ_{t+1} − θ*‖²)/(2α_t)] + Σ_t (α_t/2) E‖ĝ_t‖²",
                Hypotheses, families, slack: Das.RunSlack, evaluate:
                r =>
                {
                    RunPaths p = FiniteSumEngine.Run(r, Method.ApSgd);
                    return Das.Run(p, p.SumExpect(s => Vec.Dot(s.Full, Vec.Sub(s.Theta, p.ThetaStar))), Eq1Right(p));
                });
        }
    }

    /// <summary>(E[R(T)], right side of eq. (1)).</summary>
    public static Sides Eq1(RunPaths p) => Das.Run(p, p.Regret, Eq1Right(p));

    private static double Eq1Right(RunPaths p) => p.SumExpect(s => (p.DistSq(s.Theta) - p.DistSq(s.ThetaNext)) / (2 * s.AlphaT) + s.AlphaT / 2 * Vec.Sq(s.GHat));
}
