using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>
/// DASGrad Theorem 3 (AMSGrad, uniform sampling) and Theorem 4 (DASGrad, any probability trajectory), eq. (2), with
/// the Lemma 4 step of the Appendix C proof, on exact expectations over all index paths.
/// </summary>
internal sealed class Theorems34 : IClaimSource
{
    public static readonly string[] Hypotheses =
    [
        "F = [−R, R]^d (Π_{F,√V̂} = clipping), θ* = argmin_F Σ_t f_t, f_{t,i} convex, α_t = α/√t",
        "β_{1t} ≤ β₁ (β_{1t} = β₁λ^{t−1}, or an arbitrary schedule with β_{11} = β₁), γ = β₁/√β₂ < 1",
        "m_t = β_{1t}m_{t−1} + (1−β_{1t})ĝ_t, v_t = β₂v_{t−1} + (1−β₂)ĝ_t², v̂_t = max(v̂_{t−1}, v_t); m/√v̂ with 0/0 = 0",
        "expectations: exact enumeration of all n^T index paths (n^T ≤ 729)",
    ];

    private const string Eq2Text =
        "E[R(T)] ≤ Σ_t E[(‖V̂_t^{1/4}(θ_t−θ*)‖² − ‖V̂_t^{1/4}(θ_{t+1}−θ*)‖²)/(2α_t(1−β_{1t}))] + Σ_t α_t/(2(1−β_{1t})) E‖V̂_t^{−1/4}m_t‖² + Σ_t β_{1t}α_t/(2(1−β_{1t})) E‖V̂_{t−1}^{−1/4}m_{t−1}‖² + Σ_t β_{1t}/(2α_t(1−β_{1t})) E‖V̂_{t−1}^{1/4}(θ_t−θ*)‖²";

    public IEnumerable<IClaim> Claims
    {
        get
        {
            IReadOnlyList<InstanceFamily<FiniteSumRun>> families = FiniteSumRunFamilies.All();

            yield return Das.Le(
                "DAS-T4-eq2", "Theorem 4 (DASGrad), eq. (2), for the instance's probability rule", Eq2Text,
                Hypotheses, families, slack: Das.RunSlack, evaluate: r => Eq2(Amsgrad.Paths(r, Method.DasGrad)));

            yield return Das.Le(
                "DAS-T4-eq2-popt", "Theorem 4 (DASGrad), eq. (2), at p*", Eq2Text,
                Hypotheses, families, slack: Das.RunSlack, evaluate: r => Eq2(Amsgrad.Paths(r, Method.DasGradOptimal)));

            yield return Das.Le(
                "DAS-T3-eq2-uniform", "Theorem 3 (AMSGrad, stochastic): eq. (2) with p_t uniform", Eq2Text,
                Hypotheses, families, slack: Das.RunSlack, evaluate: r => Eq2(Amsgrad.Paths(r, Method.AmsGrad)));

            yield return Das.Le(
                "DAS-T4-step2-lemma4", "Theorem 4 proof, step 2 (Lemma 4 with Q = V̂_t^{1/2}), each term divided by 2α_t(1−β_{1t}), summed over t",
                "Σ_t E‖V̂_t^{1/4}(θ_{t+1}−θ*)‖² ≤ Σ_t E[‖V̂_t^{1/4}(θ_t−θ*)‖² + α_t²‖V̂_t^{−1/4}m_t‖² − 2α_t⟨m_t, θ_t−θ*⟩]",
                Hypotheses, families, slack: Das.RunSlack,
                evaluate: r =>
                {
                    RunPaths p = Amsgrad.Paths(r, Method.DasGrad);
                    return Das.Run(
                        p,
                        p.SumExpect(s => p.WeightedDistSq(s.VHat, s.ThetaNext) / (2 * s.AlphaT * (1 - s.Beta1T))),
                        p.SumExpect(s => (p.WeightedDistSq(s.VHat, s.Theta) + s.AlphaT * s.AlphaT * Vec.InverseRootWeighted(s.VHat, s.M)
                            - 2 * s.AlphaT * Vec.Dot(s.M, Vec.Sub(s.Theta, p.ThetaStar))) / (2 * s.AlphaT * (1 - s.Beta1T))));
                });
        }
    }

    private static Sides Eq2(RunPaths p) => Das.Run(p, p.Regret, Amsgrad.Eq2(p));
}
