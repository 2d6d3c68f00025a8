using Verification.Claims.Catalogue;
using Verification.Claims.Certification.Arithmetic;

namespace Verification.Claims.DasGrad;

/// <summary>
/// DASGrad §4.3 (reconstruction): unbiasedness of ĝ = g_i/(n p_i) (the Radon–Nikodym step), the variance identity,
/// the optimal probabilities p*_i ∝ ‖g_i‖₂, the gain Var_unif − Var_p* = Var_i(‖g_i‖₂), and "under p* every weighted
/// gradient has the same length". Every expectation is an exact sum over the n indices.
/// </summary>
internal sealed class OptimalProbabilities : IClaimSource
{
    private static readonly string[] Hypotheses =
    [
        "p ∈ Δ_n (entries down to 1e-9·(1/Σ)); expectations enumerate the n indices with p_i > 0",
        "ĝ(i) = g_i/(n p_i); p*_i = ‖g_i‖₂/Σ_j‖g_j‖₂ (uniform if every g_i = 0)",
    ];

    public IEnumerable<IClaim> Claims
    {
        get
        {
            IReadOnlyList<InstanceFamily<GradientSnapshot>> families = GradientSnapshotFamilies.All();

            yield return Das.Eq(
                "DAS-S2-unbiased", "§2 notation / Thm 2 proof step 4 (Radon–Nikodym): E[ĝ_t | F_{t−1}] = g_t",
                "E_{i~p}[g_i/(n p_i)]_k = g_k for every coordinate k (worst k, both sides divided by (1/n)Σ_i|g_{i,k}|)",
                Hypotheses, families, Unbiased, Das.Normalised);

            yield return Das.Eq(
                "DAS-T2-step4-inner-product", "Thm 2 proof step 4 / Thm 4 proof step 4: E_t⟨ĝ_t, θ_t − θ*⟩ = ⟨g_t, θ_t − θ*⟩",
                "E_{i~p}⟨g_i/(n p_i), u⟩ = ⟨g, u⟩ (both sides divided by (1/n)Σ_i|⟨g_i, u⟩|)",
                Hypotheses, families,
                s => Das.Over(s.Expect(s.P, i => Vec.Dot(s.Weighted(i, s.P), s.Direction)), Vec.Dot(s.Full, s.Direction), s.Gradients.Sum(g => Math.Abs(Vec.Dot(g, s.Direction))) / s.N),
                Das.Normalised);

            yield return Das.Eq(
                "DAS-S4.3-second-moment-formula", "§4.3 / Lemma 2, first equality",
                "E_p‖ĝ‖² (enumerated) = (1/n²) Σ_i ‖g_i‖²/p_i",
                Hypotheses, families,
                Sides(SecondMomentFormula), certification: SnapshotBox.Link(SecondMomentFormula, 0, 1, Relation.Equal));

            yield return Das.Eq(
                "DAS-S4.3-variance-identity", "§4.3 variance identity",
                "E_p‖ĝ‖² = Var_p(ĝ) + ‖g‖², with Var_p(ĝ) = E_p‖ĝ − g‖² enumerated",
                Hypotheses, families, s => new Sides(s.SecondMoment(s.P), s.Variance(s.P) + Vec.Sq(s.Full)));

            yield return Das.Eq(
                "DAS-S4.3-variance-gain", "§4.3, uniform vs optimal sampling",
                "Var_unif(ĝ) − Var_p*(ĝ) = Var_{i~U}(‖g_i‖₂) (both sides divided by E_unif‖ĝ‖² = (1/n)Σ‖g_i‖²)",
                Hypotheses, families,
                s => Das.Over(s.Variance(s.Uniform) - s.Variance(s.Optimal), NormVariance(s), s.MeanSquaredNorm),
                Das.Normalised);

            yield return Das.Le(
                "DAS-S4.3-popt-minimises", "§4.3, optimality of p* (Lemma 2's 'lower bound achieved by p*')",
                "E_p*‖ĝ‖² ≤ E_p‖ĝ‖² for every p ∈ Δ_n",
                Hypotheses, families, Sides(PoptMinimises), certification: SnapshotBox.Link(PoptMinimises, 0, 1));

            yield return Das.Eq(
                "DAS-S4.3-popt-equal-length", "§4.3, 'under p* every weighted gradient has the same length'",
                "‖g_i/(n p*_i)‖₂ = (1/n)Σ_j‖g_j‖₂ for every i with p*_i > 0 (worst i)",
                Hypotheses, families, EqualLength);

            yield return Das.Le(
                "DAS-S4.3-var-gain-nonnegative", "§4.3, 'Var_{i~U}(‖g_i‖₂) ≥ 0': optimal sampling never increases the variance",
                "Var_p*(ĝ) ≤ Var_unif(ĝ)",
                Hypotheses, families, s => new Sides(s.Variance(s.Optimal), s.Variance(s.Uniform)));
        }
    }

    private static readonly Terms SecondMomentFormula = new(Row.SecondMomentFormula);
    private static readonly Terms PoptMinimises = new(Row.PoptMinimises);

    private enum Row
    {
        SecondMomentFormula,
        PoptMinimises,
    }

    /// <summary>The two sides of the rows written once for every arithmetic (expression 0 left, 1 right).</summary>
    private sealed class Terms(Row row) : ISnapshotTerms
    {
        public TScalar Term<TScalar>(int k, SnapshotScalars<TScalar> s)
            where TScalar : IScalar<TScalar>
        {
            bool[] optimalPositive = s.NormsVanish ? Enumerable.Repeat(true, s.N).ToArray() : s.NonZero;
            return (row, k) switch
            {
                (Row.SecondMomentFormula, 0) => s.SecondMoment(s.P, s.Positive),
                (Row.SecondMomentFormula, _) => WeightedSquares(s) / ((double)s.N * (double)s.N),
                (Row.PoptMinimises, 0) => s.SecondMoment(s.Optimal(), optimalPositive),
                _ => s.SecondMoment(s.P, s.Positive),
            };
        }

        /// <summary>Σ_{p_i &gt; 0} ‖g_i‖²/p_i, in index order.</summary>
        private static TScalar WeightedSquares<TScalar>(SnapshotScalars<TScalar> s)
            where TScalar : IScalar<TScalar>
        {
            TScalar sum = 0.0;
            for (int i = 0; i < s.N; i++)
            {
                if (s.Positive[i])
                {
                    sum += SnapshotScalars<TScalar>.Sq(s.Gradients[i]) / s.P[i];
                }
            }

            return sum;
        }
    }

    private static Func<GradientSnapshot, Sides> Sides(Terms terms) => s =>
    {
        SnapshotScalars<Real> x = SnapshotScalars.Of(s);
        return new Sides(terms.Term(0, x).Value, terms.Term(1, x).Value);
    };

    private static Sides Unbiased(GradientSnapshot s)
    {
        double[] g = s.Full;
        Sides worst = new(0.0, 0.0);
        double worstGap = -1.0;
        for (int k = 0; k < s.D; k++)
        {
            double expected = s.Expect(s.P, i => s.Weighted(i, s.P)[k]);
            double scale = s.Gradients.Sum(r => Math.Abs(r[k])) / s.N;
            Sides sides = Das.Over(expected, g[k], scale);
            double gap = Math.Abs(sides.Left - sides.Right);
            if (gap > worstGap)
            {
                worstGap = gap;
                worst = sides;
            }
        }

        return worst;
    }

    private static Sides EqualLength(GradientSnapshot s)
    {
        double[] p = s.Optimal;
        double mean = s.MeanNorm;
        Sides worst = new(mean, mean);
        for (int i = 0; i < s.N; i++)
        {
            if (p[i] > 0)
            {
                double length = Vec.Norm(s.Weighted(i, p));
                if (Math.Abs(length - mean) > Math.Abs(worst.Left - worst.Right))
                {
                    worst = new Sides(length, mean);
                }
            }
        }

        return worst;
    }

    /// <summary>Var_{i~U}(‖g_i‖₂) = (1/n)Σ(‖g_i‖ − mean)², computed without cancellation.</summary>
    public static double NormVariance(GradientSnapshot s)
    {
        double mean = s.MeanNorm;
        return s.Norms.Sum(r => Vec.Sq(r - mean)) / s.N;
    }
}
