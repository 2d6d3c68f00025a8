using Verification.Claims.Catalogue;
using Verification.Claims.Certification.Arithmetic;
using Verification.Claims.Certification.Boxes;

namespace Verification.Claims.DasGrad;

/// <summary>
/// DASGrad Lemma 2 (error at the optimal probabilities): E_p‖ĝ‖² = (1/n²)Σ‖g_i‖²/p_i = (1/n²)(Σ‖g_i‖²/p_i)(Σp_i)
/// ≥ (1/n²)(Σ‖g_i‖₂)², with equality at p*; hence E_p*‖ĝ‖² = ((1/n)Σ‖g_i‖₂)² ≤ (1/n)Σ‖g_i‖₂² = E_unif ≤ dG_∞².
/// The expressions are written once (<see cref="SnapshotScalars{TScalar}"/>) and certified on <see cref="SnapshotBox"/>.
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
                .Then("lower", "(1/n²)(Σ_i‖g_i‖₂)²", InDoubles(CauchySchwarz, 0))
                .Then("product", "(1/n²)(Σ_i‖g_i‖²/p_i)(Σ_i p_i)", InDoubles(CauchySchwarz, 1))
                .Then("moment", "E_p‖ĝ‖² (enumerated)", InDoubles(CauchySchwarz, 2))
                .Certify((from, to) => SnapshotBox.Link(CauchySchwarz, from, to))
                .Claims())
            {
                yield return claim;
            }

            yield return Das.Eq(
                "DAS-L2-popt-value", "Lemma 2, 'equality iff p = p*'",
                "E_p*‖ĝ‖² = ((1/n)Σ_i‖g_i‖₂)²",
                Hypotheses, families, s => new Sides(s.SecondMoment(s.Optimal), Vec.Sq(s.MeanNorm)));

            foreach (IClaim claim in new Chain<GradientSnapshot>("DAS-L2-popt", Das.Paper, "Lemma 2, 'hence' chain", Hypotheses, families)
                .Then("popt", "E_p*‖ĝ‖² (enumerated)", InDoubles(Hence, 0))
                .Then("unif", "E_unif‖g_i‖² = (1/n)Σ_i‖g_i‖₂²", InDoubles(Hence, 1))
                .Then("bound", "dG_∞²", InDoubles(Hence, 2))
                .Certify((from, to) => SnapshotBox.Link(Hence, from, to))
                .Claims())
            {
                yield return claim;
            }
        }
    }

    private static readonly Terms CauchySchwarz = new(hence: false);
    private static readonly Terms Hence = new(hence: true);

    /// <summary>The chains' expressions in any arithmetic.</summary>
    private sealed class Terms(bool hence) : ISnapshotTerms
    {
        public TScalar Term<TScalar>(int k, SnapshotScalars<TScalar> s)
            where TScalar : IScalar<TScalar>
        {
            TScalar nn = (double)s.N * (double)s.N;
            return (hence, k) switch
            {
                (false, 0) => Sq(s.NormSum()) / nn,
                (false, 1) => ProductTerm(s) / nn,
                (false, 2) => s.SecondMoment(s.P, s.Positive),
                (true, 0) => s.SecondMoment(s.Optimal(), s.NormsVanish ? Enumerable.Repeat(true, s.N).ToArray() : s.NonZero),
                (true, 1) => s.SecondMoment(s.Uniform(), Enumerable.Repeat(true, s.N).ToArray()),
                (true, 2) => (double)s.D * Sq(s.GInf),
                _ => throw new ArgumentOutOfRangeException(nameof(k), k, "Lemma 2's chains have three expressions."),
            };
        }

        /// <summary>(Σ_{p_i &gt; 0} ‖g_i‖²/p_i)(Σ_i p_i).</summary>
        private static TScalar ProductTerm<TScalar>(SnapshotScalars<TScalar> s)
            where TScalar : IScalar<TScalar>
        {
            TScalar weighted = 0.0, total = 0.0;
            for (int i = 0; i < s.N; i++)
            {
                if (s.Positive[i])
                {
                    weighted += SnapshotScalars<TScalar>.Sq(s.Gradients[i]) / s.P[i];
                }

                total += s.P[i];
            }

            return weighted * total;
        }

        private static TScalar Sq<TScalar>(TScalar x)
            where TScalar : IScalar<TScalar> => x * x;
    }

    private static Func<GradientSnapshot, double> InDoubles(Terms terms, int k) => s => terms.Term(k, SnapshotScalars.Of(s)).Value;
}
