using System.Globalization;
using Verification.Claims.Catalogue;
using Verification.Claims.Certification.Arithmetic;
using Verification.Claims.Certification.Boxes;

namespace Verification.Claims.DasGrad;

/// <summary>
/// DASGrad Lemma 2 (error at the optimal probabilities): E_p‖ĝ‖² = (1/n²)Σ‖g_i‖²/p_i = (1/n²)(Σ‖g_i‖²/p_i)(Σp_i)
/// ≥ (1/n²)(Σ‖g_i‖₂)², with equality at p*; hence E_p*‖ĝ‖² = ((1/n)Σ‖g_i‖₂)² ≤ (1/n)Σ‖g_i‖₂² = E_unif ≤ dG_∞².
/// The expressions are written once (<see cref="SnapshotScalars{TScalar}"/>) and certified on <see cref="Box"/>.
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
                .Certify((from, to) => Box(CauchySchwarz, from, to, Relation.LessOrEqual))
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
                .Certify((from, to) => Box(Hence, from, to, Relation.LessOrEqual))
                .Claims())
            {
                yield return claim;
            }
        }
    }

    /// <summary>
    /// A box for Lemma 2's ≤-steps: d = 1, n = 2 (the textbook case; at n = 3 the equality set p = p* is a
    /// three-dimensional surface in four coordinates and the boxes needed grow with the cube of the resolution); one
    /// g_j = ±1 and the other in [−1, 1] (every side is homogeneous of degree 2 in (g, G_∞), so the faces max_i|g_i| = 1
    /// cover every g ≠ 0); G_∞ ∈ [1, 2]; p = (s, 1 − s) with s ∈ [0.01, 0.99]. Cauchy–Schwarz holds with equality at
    /// p = p*, inside the box, where no enclosure can show left − right ≤ 0 exactly: such a box counts as proved when
    /// left − right ≤ 10⁻⁴·max(|left|, |right|) on it, and the certificate states the largest ratio it needed.
    /// </summary>
    private static CertificationTarget Box(Terms terms, int from, int to, Relation relation)
    {
        var choices = new List<string>();
        var faces = new List<(int N, int Face, double Sign)>();
        foreach (int n in (int[])[2])
        {
            for (int j = 0; j < n; j++)
            {
                foreach (double sign in (double[])[1.0, -1.0])
                {
                    faces.Add((n, j, sign));
                    choices.Add(string.Create(CultureInfo.InvariantCulture, $"n={n}, d=1, g{j + 1} = {(sign > 0 ? "+" : "−")}1"));
                }
            }
        }

        BoxCoordinate[] coordinates =
        [
            new("G_∞", 1.0, 2.0), new("g1", -1.0, 1.0), new("g2", -1.0, 1.0), new("s", 0.01, 0.99),
        ];
        return new CertificationTarget(
            "d = 1, n = 2, max_i|g_i| = 1 (homogeneity), G_∞ ∈ [1, 2], p = (s, 1 − s) with s ∈ [0.01, 0.99]",
            coordinates, choices, new BoxSides(terms, from, to, faces), relation)
        {
            Tolerance = 1e-4,
        };
    }

    private sealed class BoxSides(Terms terms, int from, int to, IReadOnlyList<(int N, int Face, double Sign)> faces) : ICertifiableSides
    {
        public (TScalar Left, TScalar Right) Evaluate<TScalar>(IReadOnlyList<TScalar> x, int choice)
            where TScalar : IScalar<TScalar>
        {
            (int n, int face, double sign) = faces[choice];
            TScalar[][] g = Enumerable.Range(0, n).Select(i => new[] { i == face ? (TScalar)sign : x[1 + i] }).ToArray();
            TScalar[] p = [x[3], 1.0 - x[3]];
            bool[] all = Enumerable.Repeat(true, n).ToArray();
            var s = new SnapshotScalars<TScalar>(g, p, all, x[0], normsVanish: false, nonzero: all);
            return (terms.Term(from, s), terms.Term(to, s));
        }
    }

    private static readonly Terms CauchySchwarz = new(hence: false);
    private static readonly Terms Hence = new(hence: true);

    /// <summary>The chains' expressions in any arithmetic.</summary>
    private sealed class Terms(bool hence)
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

    private static Func<GradientSnapshot, double> InDoubles(Terms terms, int k) => s => terms.Term(k, Scalars(s)).Value;

    private static SnapshotScalars<Real> Scalars(GradientSnapshot s) =>
        new(s.Gradients.Select(Real.Of).ToArray(), Real.Of(s.P), s.P.Select(p => p > 0).ToArray(), s.GInf, s.Norms.Sum() <= 0, s.Norms.Select(r => r > 0).ToArray());
}
