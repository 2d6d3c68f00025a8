using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>
/// DASGrad Corollary 3.1 (AMSGrad, uniform) and Corollary 4.1 (DASGrad, p*) with β_{1t} = β₁λ^{t−1}, as reconstructed,
/// as the paper most likely printed them (Reddi's constants), and corrected (third term doubled, as Lemma 5's
/// repair needs, and (⋆) with √d·G_∞); on exact expected regret.
/// </summary>
internal sealed class Corollaries3141 : IClaimSource
{
    private const string Bound =
        "D_∞²√T/(2α(1−β₁)) Σ_k E v̂_{T,k}^{1/2} + dβ₁D_∞²G_∞/(2α(1−β₁)(1−λ)²) + α√(1+log T)/((1−β₁)²(1−γ)√(1−β₂)) Σ_k E‖ĝ_{1:T,k}‖₂";

    public IEnumerable<IClaim> Claims
    {
        get
        {
            string[] h = Theorems34.Hypotheses;
            IReadOnlyList<InstanceFamily<FiniteSumRun>> lambda = FiniteSumRunFamilies.All(lambdaOnly: true);

            yield return Claim("DAS-C3.1", "Corollary 3.1 (AMSGrad, uniform)", "E[R(T)] ≤ " + Bound, h, lambda, Method.AmsGrad, Reconstructed);
            yield return Claim("DAS-C4.1", "Corollary 4.1 (DASGrad, p*)", "E[R(T)] ≤ " + Bound, h, lambda, Method.DasGradOptimal, Reconstructed);
            yield return Claim("DAS-C4.1-anyp", "Corollary 4.1's bound for DASGrad with the instance's (any) probability rule", "E[R(T)] ≤ " + Bound, h, lambda, Method.DasGrad, Reconstructed);
            yield return Claim(
                "DAS-C4.1-printed", "Corollary 4.1 with Reddi's printed constants (first term D_∞²√T/(α(1−β₁))·Σ, second β₁D_∞²G_∞/(2(1−β₁)(1−λ)²)), DASGrad at p*",
                "E[R(T)] ≤ D_∞²√T/(α(1−β₁)) Σ_k E v̂_{T,k}^{1/2} + β₁D_∞²G_∞/(2(1−β₁)(1−λ)²) + α√(1+log T)/((1−β₁)²(1−γ)√(1−β₂)) Σ_k E‖ĝ_{1:T,k}‖₂",
                h, lambda, Method.DasGradOptimal,
                p => 2 * Amsgrad.PotentialBound(p) + p.Run.Beta1 * p.Run.DInf * p.Run.DInf * p.Run.GInf / (2 * (1 - p.Run.Beta1) * Vec.Sq(1 - p.Run.Lambda)) + Amsgrad.ErrorCoefficient(p.Run, p.Alpha) * p.HistoryNorms);
            yield return Claim(
                "DAS-C4.1-corrected", "corrected Corollary 4.1 (DASGrad, any rule): third term doubled, (⋆) with the largest weighted coordinate Ĝ_∞ = max_{paths,t}‖ĝ_t‖_∞ in place of G_∞",
                "E[R(T)] ≤ D_∞²√T/(2α(1−β₁)) Σ_k E v̂_{T,k}^{1/2} + dβ₁D_∞²Ĝ_∞/(2α(1−β₁)(1−λ)²) + 2α√(1+log T)/((1−β₁)²(1−γ)√(1−β₂)) Σ_k E‖ĝ_{1:T,k}‖₂",
                h, lambda, Method.DasGrad,
                p => Amsgrad.PotentialBound(p) + Amsgrad.MovingAverageBound(p.Run, p.Alpha, WeightedSup(p)) + 2 * Amsgrad.ErrorCoefficient(p.Run, p.Alpha) * p.HistoryNorms);

            yield return Claim(
                "DAS-C4.1-final", "Corollary 4.1 with the last sum bounded as at the end of Lemma 9 (DASGrad, p*)",
                "E[R(T)] ≤ D_∞²√T/(2α(1−β₁)) Σ_k E v̂_{T,k}^{1/2} + dβ₁D_∞²G_∞/(2α(1−β₁)(1−λ)²) + α√(1+log T)/((1−β₁)²(1−γ)√(1−β₂)) · √d(Σ_t E((1/n)Σ_i‖g_{t,i}‖₂)²)^{1/2}",
                h, lambda, Method.DasGradOptimal,
                p => Amsgrad.PotentialBound(p) + Amsgrad.MovingAverageBound(p.Run, p.Alpha, p.Run.GInf)
                    + Amsgrad.ErrorCoefficient(p.Run, p.Alpha) * Math.Sqrt(p.D) * Math.Sqrt(p.SumExpect(s => s.MeanNorm * s.MeanNorm)));
            yield return Claim(
                "DAS-C3.1-final", "Corollary 3.1 with the last sum bounded by √d(Σ_t E(1/n)Σ_i‖g_{t,i}‖₂²)^{1/2} (AMSGrad, uniform)",
                "E[R(T)] ≤ D_∞²√T/(2α(1−β₁)) Σ_k E v̂_{T,k}^{1/2} + dβ₁D_∞²G_∞/(2α(1−β₁)(1−λ)²) + α√(1+log T)/((1−β₁)²(1−γ)√(1−β₂)) · √d(Σ_t E(1/n)Σ_i‖g_{t,i}‖₂²)^{1/2}",
                h, lambda, Method.AmsGrad,
                p => Amsgrad.PotentialBound(p) + Amsgrad.MovingAverageBound(p.Run, p.Alpha, p.Run.GInf)
                    + Amsgrad.ErrorCoefficient(p.Run, p.Alpha) * Math.Sqrt(p.D) * Math.Sqrt(p.SumExpect(s => s.MeanSquaredNorm)));
        }
    }

    private static double Reconstructed(RunPaths p) =>
        Amsgrad.PotentialBound(p) + Amsgrad.MovingAverageBound(p.Run, p.Alpha, p.Run.GInf) + Amsgrad.ErrorCoefficient(p.Run, p.Alpha) * p.HistoryNorms;

    /// <summary>max over paths and steps of ‖ĝ_t‖_∞.</summary>
    public static double WeightedSup(RunPaths p) => p.Paths.Max(path => path.Steps.Max(s => Vec.NormInf(s.GHat)));

    private static ExpressionClaim<FiniteSumRun> Claim(
        string id, string location, string statement, string[] h, IReadOnlyList<InstanceFamily<FiniteSumRun>> families, Method method, Func<RunPaths, double> bound) =>
        Das.Le(id, location, statement, h, families, slack: Das.RunSlack, evaluate: r =>
        {
            RunPaths p = Amsgrad.Paths(r, method);
            return Das.Run(p, p.Regret, bound(p));
        });
}
