using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>
/// The elementary sums the proofs lean on (Lemma 3's "hyper-harmonic" bound, Lemma 8's Σλ^{t−1}√t, Lemma 9's harmonic
/// and geometric sums) and the Section 5 orders Σ_k v̂_{T,k}^{1/2} vs √d and Σ_k ‖g_{1:T,k}‖₂ vs √(dT) on histories.
/// </summary>
internal sealed class Sums : IClaimSource
{
    private static readonly string[] Hypotheses = ["T ≥ 1, λ ∈ [0, 1), γ ∈ [0, 1)", "|g_{t,k}| ≤ G_∞ = factor · max|g_{t,k}| for the Section 5 claims"];

    public IEnumerable<IClaim> Claims
    {
        get
        {
            IReadOnlyList<InstanceFamily<MomentHistory>> f = MomentHistoryFamilies.All(lambdaOnly: true);

            yield return Das.Le("DAS-L3-hyperharmonic", "Lemma 3, the 'hyper-harmonic' bound", "Σ_{t=1}^T t^{−1/2} ≤ 2√T − 1", Hypotheses, f,
                h => new Sides(Enumerable.Range(1, h.T).Sum(t => 1 / Math.Sqrt(t)), 2 * Math.Sqrt(h.T) - 1));
            yield return Das.Le("DAS-L9-harmonic", "Lemma 9, Σ_t 1/t ≤ 1 + log T", "Σ_{t=1}^T 1/t ≤ 1 + log T", Hypotheses, f,
                h => new Sides(Enumerable.Range(1, h.T).Sum(t => 1.0 / t), 1 + Math.Log(h.T)));
            yield return Das.Le("DAS-L8-lambda-sum", "Lemma 8, Σ_t λ^{t−1}√t ≤ (1−λ)^{−2}", "Σ_{t=1}^T λ^{t−1}√t ≤ 1/(1−λ)²", Hypotheses, f,
                h => new Sides(Enumerable.Range(1, h.T).Sum(t => Math.Pow(h.Lambda, t - 1) * Math.Sqrt(t)), 1 / Vec.Sq(1 - h.Lambda)));
            yield return Das.Le("DAS-L9-geometric", "Lemma 9, Σ_{j=t}^T γ^{j−t}/√j ≤ 1/((1−γ)√t), worst t", "max_t √t(1−γ) Σ_{j=t}^T γ^{j−t}/√j ≤ 1", Hypotheses, f,
                h => new Sides(Enumerable.Range(1, h.T).Max(t => Math.Sqrt(t) * (1 - h.Gamma) * Enumerable.Range(t, h.T - t + 1).Sum(j => Math.Pow(h.Gamma, j - t) / Math.Sqrt(j))), 1.0));

            IReadOnlyList<InstanceFamily<MomentHistory>> all = MomentHistoryFamilies.All();
            yield return Das.Le("DAS-S5-vhat-sum-dG", "Section 5: Σ_k v̂_{T,k}^{1/2} ≤ dG_∞ (raw gradients)", "Σ_k v̂_{T,k}^{1/2} ≤ dG_∞", Hypotheses, all,
                h => new Sides(h.Moments[^1].VHat.Sum(Math.Sqrt), h.D * h.GInf));
            yield return Das.Le("DAS-S5-vhat-sum-sqrt-d", "Section 5: 'Σ_k v̂_{T,k}^{1/2} ≪ √d' in the sparse setting, read as ≤ √d·G_∞", "Σ_k v̂_{T,k}^{1/2} ≤ √d·G_∞", Hypotheses, all,
                h => new Sides(h.Moments[^1].VHat.Sum(Math.Sqrt), Math.Sqrt(h.D) * h.GInf),
                ("at most √d coordinates are ever nonzero", h => Enumerable.Range(0, h.D).Count(k => h.G.Any(g => g[k] != 0.0)) <= Math.Sqrt(h.D)));
            yield return Das.Le("DAS-S5-gnorm-sum-sqrt-dT", "Section 5: 'Σ_k ‖g_{1:T,k}‖₂ ≪ √(dT)' in the sparse setting, read as ≤ √(dT)·G_∞", "Σ_k ‖g_{1:T,k}‖₂ ≤ √(dT)·G_∞", Hypotheses, all,
                h => new Sides(h.HistoryNorms, Math.Sqrt(h.D * (double)h.T) * h.GInf),
                ("every g_t has at most one nonzero coordinate", h => h.G.All(g => g.Count(x => x != 0.0) <= 1)));
        }
    }
}
