using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>
/// DASGrad Lemma 9 ("following Kingma &amp; Ba"; the template of Reddi's Lemma 2), pathwise on a gradient history:
/// the chain at time T, the induction (3), the re-indexing identity and the final bound, link by link.
/// </summary>
internal sealed class Lemma9 : IClaimSource
{
    private static readonly string[] Hypotheses =
    [
        "any history ĝ_{1:T} (pathwise lemma), β_{1t} ≤ β₁ with β_{11} = β₁, γ = β₁/√β₂ < 1, α_t = α/√t",
        "m/√v and m/√v̂ with 0/0 = 0 (a coordinate that was always 0)",
    ];

    public IEnumerable<IClaim> Claims
    {
        get
        {
            IReadOnlyList<InstanceFamily<MomentHistory>> families = MomentHistoryFamilies.All();

            foreach (IClaim claim in new Chain<MomentHistory>("DAS-L9-T", Das.Paper, "Lemma 9, the chain at time T", Hypotheses, families)
                .Then("vhat", "α_T‖V̂_T^{−1/4}m_T‖²", h => h.AlphaAt(h.T) * Vec.InverseRootWeighted(h.Moments[^1].VHat, h.Moments[^1].M))
                .Then("v", "α_T Σ_k m_{T,k}²/√v_{T,k}", h => h.AlphaAt(h.T) * Vec.InverseRootWeighted(h.Moments[^1].V, h.Moments[^1].M))
                .Then("cs", "α_T Σ_k (Σ_j β₁^{T−j})(Σ_j β₁^{T−j}ĝ_{j,k}²)/√((1−β₂)Σ_j β₂^{T−j}ĝ_{j,k}²)", CauchySchwarz)
                .Then("gamma", "α/((1−β₁)√(T(1−β₂))) Σ_k Σ_j γ^{T−j}|ĝ_{j,k}|", h => GammaSum(h, h.T))
                .Claims())
            {
                yield return claim;
            }

            yield return Das.Eq(
                "DAS-L9-T-closed-form", "Lemma 9, the equality (the recursions unrolled)",
                "α_T Σ_k m_{T,k}²/√v_{T,k} = α_T Σ_k (Σ_j (1−β_{1j})Π_{l=j+1}^T β_{1l} ĝ_{j,k})²/√((1−β₂)Σ_j β₂^{T−j}ĝ_{j,k}²)",
                Hypotheses, families,
                h => new Sides(h.AlphaAt(h.T) * Vec.InverseRootWeighted(h.Moments[^1].V, h.Moments[^1].M), ClosedForm(h)),
                new RoundingSlack(1e-8, 1e-300));

            foreach (IClaim claim in new Chain<MomentHistory>("DAS-L9-sum", Das.Paper, "Lemma 9, the sum over t (induction, (3), re-indexing, Cauchy–Schwarz)", Hypotheses, families)
                .Then("lhs", "Σ_t α_t‖V̂_t^{−1/4}m_t‖²", h => h.Moments.Select((x, i) => h.AlphaAt(i + 1) * Vec.InverseRootWeighted(x.VHat, x.M)).Sum())
                .Then("(3)", "Σ_k Σ_t α/((1−β₁)√(t(1−β₂))) Σ_{j≤t} γ^{t−j}|ĝ_{j,k}|", h => Enumerable.Range(1, h.T).Sum(t => GammaSum(h, t)))
                .Then("geometric", "α/((1−β₁)(1−γ)√(1−β₂)) Σ_k Σ_t |ĝ_{t,k}|/√t",
                    h => h.Alpha / ((1 - h.Beta1) * (1 - h.Gamma) * Math.Sqrt(1 - h.Beta2)) * Enumerable.Range(1, h.T).Sum(t => Vec.Norm1(h.G[t - 1]) / Math.Sqrt(t)))
                .Then("bound", "α√(1+log T)/((1−β₁)(1−γ)√(1−β₂)) Σ_k ‖ĝ_{1:T,k}‖₂", h => Reddi.Lemma2Bound(h))
                .Claims())
            {
                yield return claim;
            }

            yield return Das.Eq(
                "DAS-L9-reindex", "Lemma 9, the re-indexing equality after (3)",
                "Σ_k Σ_t α/((1−β₁)√(t(1−β₂))) Σ_{j≤t} γ^{t−j}|ĝ_{j,k}| = α/((1−β₁)√(1−β₂)) Σ_k Σ_t |ĝ_{t,k}| Σ_{j=t}^T γ^{j−t}/√j",
                Hypotheses, families,
                h => new Sides(
                    Enumerable.Range(1, h.T).Sum(t => GammaSum(h, t)),
                    h.Alpha / ((1 - h.Beta1) * Math.Sqrt(1 - h.Beta2)) * Enumerable.Range(1, h.T).Sum(t => Vec.Norm1(h.G[t - 1]) * Enumerable.Range(t, h.T - t + 1).Sum(j => Math.Pow(h.Gamma, j - t) / Math.Sqrt(j)))),
                new RoundingSlack(1e-8, 1e-300));
        }
    }

    /// <summary>α/((1−β₁)√(t(1−β₂))) Σ_k Σ_{j≤t} γ^{t−j}|ĝ_{j,k}|.</summary>
    private static double GammaSum(MomentHistory h, int t) =>
        h.Alpha / ((1 - h.Beta1) * Math.Sqrt(t * (1 - h.Beta2))) * Enumerable.Range(1, t).Sum(j => Math.Pow(h.Gamma, t - j) * Vec.Norm1(h.G[j - 1]));

    private static double CauchySchwarz(MomentHistory h)
    {
        int T = h.T;
        double geometric = Enumerable.Range(1, T).Sum(j => Math.Pow(h.Beta1, T - j));
        double s = 0.0;
        for (int k = 0; k < h.D; k++)
        {
            double num = Enumerable.Range(1, T).Sum(j => Math.Pow(h.Beta1, T - j) * h.G[j - 1][k] * h.G[j - 1][k]);
            double den = Math.Sqrt((1 - h.Beta2) * Enumerable.Range(1, T).Sum(j => Math.Pow(h.Beta2, T - j) * h.G[j - 1][k] * h.G[j - 1][k]));
            s += Vec.Ratio(geometric * num, den);
        }

        return h.AlphaAt(T) * s;
    }

    private static double ClosedForm(MomentHistory h)
    {
        int T = h.T;
        double s = 0.0;
        for (int k = 0; k < h.D; k++)
        {
            double m = 0.0;
            for (int j = 1; j <= T; j++)
            {
                double c = 1 - h.Beta1At(j);
                for (int l = j + 1; l <= T; l++)
                {
                    c *= h.Beta1At(l);
                }

                m += c * h.G[j - 1][k];
            }

            double den = Math.Sqrt((1 - h.Beta2) * Enumerable.Range(1, T).Sum(j => Math.Pow(h.Beta2, T - j) * h.G[j - 1][k] * h.G[j - 1][k]));
            s += Vec.Ratio(m * m, den);
        }

        return h.AlphaAt(T) * s;
    }
}
