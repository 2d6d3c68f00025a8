using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>
/// The bounded-gradient assumption ‖∇f_{t,i}‖_∞ ≤ G_∞ is made for the raw per-example gradients; Lemma 8's step (⋆)
/// and the Section 5 bound Σ_k v̂_{T,k}^{1/2} ≤ dG_∞ use it for the weighted ones ĝ = g_i/(n p_i). These claims check
/// whether the weighted gradients inherit the bound, under p* and under an arbitrary p, and the corrected √d·G_∞.
/// </summary>
internal sealed class WeightedGradientBound : IClaimSource
{
    private static readonly string[] Hypotheses =
    [
        "‖g_i‖_∞ ≤ G_∞ for every i (G_∞ = factor · max_{i,k}|g_{i,k}|, factor ≥ 1)",
        "ĝ(i) = g_i/(n p_i) for every i with p_i > 0",
    ];

    public IEnumerable<IClaim> Claims
    {
        get
        {
            IReadOnlyList<InstanceFamily<GradientSnapshot>> families = GradientSnapshotFamilies.All();

            yield return Das.Le(
                "DAS-A-weighted-Ginf-anyp", "§2 assumption G_∞ applied to the weighted gradients (used by Lemma 8 (⋆) for any trajectory p_t)",
                "max_{i: p_i>0} ‖g_i/(n p_i)‖_∞ ≤ G_∞ for the instance's p",
                Hypotheses, families, s => new Sides(MaxWeightedInf(s, s.P), s.GInf));

            yield return Das.Le(
                "DAS-A-weighted-Ginf-popt", "§2 assumption G_∞ applied to the weighted gradients at p* (Lemma 8 (⋆), Cor. 4.1)",
                "max_{i: p*_i>0} ‖g_i/(n p*_i)‖_∞ ≤ G_∞",
                Hypotheses, families, s => new Sides(MaxWeightedInf(s, s.Optimal), s.GInf),
                ("d = 1 (then ‖ĝ‖_∞ = (1/n)Σ|g_j| ≤ G_∞)", s => s.D == 1));

            yield return Das.Le(
                "DAS-A-weighted-Ginf-popt-corrected", "corrected: the bound the weighted gradients do satisfy at p*",
                "max_{i: p*_i>0} ‖g_i/(n p*_i)‖_∞ ≤ ‖ĝ‖₂ = (1/n)Σ_j‖g_j‖₂ ≤ √d·G_∞",
                Hypotheses, families, s => new Sides(MaxWeightedInf(s, s.Optimal), Math.Sqrt(s.D) * s.GInf));
        }
    }

    public static double MaxWeightedInf(GradientSnapshot s, double[] p) =>
        Enumerable.Range(0, s.N).Where(i => p[i] > 0).Select(i => Vec.NormInf(s.Weighted(i, p))).DefaultIfEmpty(0.0).Max();
}
