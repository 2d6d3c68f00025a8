using FsCheck.Fluent;
using Verification.Claims.Catalogue;
using Verification.Claims.Certification.Arithmetic;
using Verification.Claims.Certification.Boxes;
using Verification.Claims.Instances;

namespace Verification.Claims.StochGradAdam;

/// <summary>
/// StochGradAdam Lemma 4.3 (eq. (12)) and every step of its proof, (13)–(25): per coordinate i,
/// Σ_t √(φ²_{t,i}/t) ≤ Σ_t √(g²_{t,i}/t) ≤ 2G_∞‖g_{1:T,i}‖₂. It copies Kingma and Ba's Lemma 10.3, whose right side
/// is not scale-invariant: the left scales like g, the right like g·G_∞. Every expression is written once
/// (<see cref="ICoordinateTerms"/>) and evaluated in doubles by the search and over <see cref="CoordinateBox"/> by the certifier.
/// </summary>
internal sealed class Lemma43 : IClaimSource
{
    private const string Paper = "StochGradAdam";

    private static readonly string[] Hypotheses =
    [
        "|g_{t,i}| ≤ G_∞ for all t (G_∞ = factor · max_t |g_{t,i}|, factor ≥ 1)",
        "φ_{t,i} ∈ {0, g_{t,i}} (Bernoulli mask)",
    ];

    public IEnumerable<IClaim> Claims
    {
        get
        {
            IReadOnlyList<InstanceFamily<CoordinateHistory>> families = CoordinateHistoryFamilies.All();

            // (12): Σ√(φ²/t) ≤ Σ√(g²/t) ≤ 2G_∞‖g_{1:T}‖.
            foreach (IClaim claim in new Chain<CoordinateHistory>("SGA-L4.3-eq12", Paper, "Lemma 4.3, eq. (12)", Hypotheses, families)
                .Then("sum-phi", "Σ_t √(φ²_{t,i}/t)", InDoubles(Eq12, 0))
                .Then("sum-g", "Σ_t √(g²_{t,i}/t)", InDoubles(Eq12, 1))
                .Then("bound", "2G_∞‖g_{1:T,i}‖₂", InDoubles(Eq12, 2))
                .Certify((from, to) => CoordinateBox.Link(Eq12, from, to))
                .Claims())
            {
                yield return claim;
            }

            // (13), the base case T = 1: √φ₁² ≤ √g₁² ≤ 2G_∞‖g₁‖. The second link needs G_∞ ≥ 1/2.
            IReadOnlyList<InstanceFamily<CoordinateHistory>> single = families.Select(f => f with
            {
                Name = f.Name + "/T=1",
                Generator = f.Generator.Select(h => h with { Gradients = h.Gradients[..1], Keep = h.Keep[..1] }),
            }).ToList();
            yield return Claim("SGA-L4.3-eq13-first", "Lemma 4.3, eq. (13) (base case T = 1), first inequality", "√φ²_{1,i} ≤ √g²_{1,i}", single,
                Sides(Eq13, 0, 1), CoordinateBox.Link(Eq13, 0, 1, [1]));
            yield return new ExpressionClaim<CoordinateHistory>(
                new ClaimInfo("SGA-L4.3-eq13-second", Paper, "Lemma 4.3, eq. (13) (base case T = 1), second inequality", "√g²_{1,i} ≤ 2G_∞‖g_{1,i}‖₂", Hypotheses),
                single,
                Sides(Eq13, 1, 2),
                ("G_∞ ≥ 1/2 or g_{1,i} = 0", h => h.GInf >= 0.5 || h.Gradients[0] == 0.0),
                certification: CoordinateBox.Link(Eq13, 1, 2, [1]) with { BoundaryCoordinate = 0 });

            // (14): the split of the sum at T (an identity).
            yield return new ExpressionClaim<CoordinateHistory>(
                new ClaimInfo("SGA-L4.3-eq14", Paper, "Lemma 4.3, eq. (14)", "Σ_{t≤T} √(φ²_t/t) = Σ_{t<T} √(φ²_t/t) + √(φ²_T/T)", Hypotheses, Relation.Equal),
                families,
                Sides(Eq14, 0, 1),
                certification: CoordinateBox.Link(Eq14, 0, 1, relation: Relation.Equal));

            // (15)–(17): the inductive step. Each "≤" line is read both as a link to the line before and as a bound
            // on what the step set out to bound, (14)'s right side.
            foreach (IClaim claim in new Chain<CoordinateHistory>("SGA-L4.3-eq15-17", Paper, "Lemma 4.3, eqs. (14)–(17)", Hypotheses, families)
                .Then("(14)", "Σ_{t<T} √(φ²_t/t) + √(φ²_T/T)", InDoubles(Eq15To17, 0))
                .Then("(15)", "Σ_{t<T} √(g²_t/t) + √(g²_T/T)", InDoubles(Eq15To17, 1))
                .Then("(16)", "2G_∞‖φ_{1:T−1}‖₂ + √(g²_T/T)", InDoubles(Eq15To17, 2))
                .Then("(17)", "2G_∞‖g_{1:T−1}‖₂ + √(g²_T/T)", InDoubles(Eq15To17, 3))
                .Certify((from, to) => CoordinateBox.Link(Eq15To17, from, to))
                .Claims())
            {
                yield return claim;
            }

            yield return new ExpressionClaim<CoordinateHistory>(
                new ClaimInfo("SGA-L4.3-eq16-identity", Paper, "Lemma 4.3, eq. (16), the equality", "‖φ_{1:T−1}‖₂ = √(‖φ_{1:T}‖²₂ − φ²_T), compared squared and divided by ‖φ_{1:T}‖²₂", Hypotheses, Relation.Equal),
                families,
                h =>
                {
                    CoordinateScalars<Real> x = CoordinateScalars.Of(h);
                    return Catalogue.Sides.Over(Eq16Identity.Term(0, x), Eq16Identity.Term(1, x), Eq16Identity.Term(2, x));
                },
                slack: RoundingSlack.Scaled,
                certification: CoordinateBox.Link(Eq16Identity, 0, 1, relation: Relation.Equal));

            // (18)–(22): the chain that is meant to preserve the inductive hypothesis.
            foreach (IClaim claim in new Chain<CoordinateHistory>("SGA-L4.3-eq18-22", Paper, "Lemma 4.3, eqs. (18)–(22)", Hypotheses, families)
                .Then("(18)L", "√(‖φ_{1:T}‖² − φ²_T)", InDoubles(Eq18To22, 0))
                .Then("(18)R", "√(‖g_{1:T}‖² − g²_T)", InDoubles(Eq18To22, 1))
                .Then("(19)", "‖φ_{1:T−1}‖₂ + φ²_T/(2‖φ_{1:T}‖₂)", InDoubles(Eq18To22, 2))
                .Then("(20)", "‖g_{1:T−1}‖₂ + g²_T/(2‖g_{1:T}‖₂)", InDoubles(Eq18To22, 3))
                .Then("(21)", "‖φ_{1:T}‖₂ + φ²_T/(2√T G_∞)", InDoubles(Eq18To22, 4))
                .Then("(22)", "‖g_{1:T}‖₂ + g²_T/(2√T G_∞)", InDoubles(Eq18To22, 5))
                .Certify((from, to) => CoordinateBox.Link(Eq18To22, from, to))
                .Claims())
            {
                yield return claim;
            }

            // (23)–(25): the conclusion of the inductive step.
            foreach (IClaim claim in new Chain<CoordinateHistory>("SGA-L4.3-eq23-25", Paper, "Lemma 4.3, eqs. (23)–(25)", Hypotheses, families)
                .Then("(23)L", "G_∞√(‖φ_{1:T}‖² − φ²_T) + √(φ²_T/T)", InDoubles(Eq23To25, 0))
                .Then("(23)R", "G_∞√(‖g_{1:T}‖² − g²_T) + √(g²_T/T)", InDoubles(Eq23To25, 1))
                .Then("(24)", "2G_∞‖φ_{1:T}‖₂", InDoubles(Eq23To25, 2))
                .Then("(25)", "2G_∞‖g_{1:T}‖₂", InDoubles(Eq23To25, 3))
                .Certify((from, to) => CoordinateBox.Link(Eq23To25, from, to))
                .Claims())
            {
                yield return claim;
            }
        }
    }

    // (16) is compared squared, relative to ‖φ_{1:T}‖²: the square root of a difference that cancels amplifies its
    // rounding without bound when φ_T dominates, and the targeted search finds such histories.

    private static readonly Terms Eq12 = new(Kind.Eq12);
    private static readonly Terms Eq13 = new(Kind.Eq13);
    private static readonly Terms Eq14 = new(Kind.Eq14);
    private static readonly Terms Eq15To17 = new(Kind.Eq15To17);
    private static readonly Terms Eq16Identity = new(Kind.Eq16Identity);
    private static readonly Terms Eq18To22 = new(Kind.Eq18To22);
    private static readonly Terms Eq23To25 = new(Kind.Eq23To25);

    private enum Kind
    {
        Eq12,
        Eq13,
        Eq14,
        Eq15To17,
        Eq16Identity,
        Eq18To22,
        Eq23To25,
    }

    /// <summary>The lemma's expressions, display by display, in any arithmetic.</summary>
    private sealed class Terms(Kind display) : ICoordinateTerms
    {
        public TScalar Term<TScalar>(int k, CoordinateScalars<TScalar> h)
            where TScalar : IScalar<TScalar>
        {
            TScalar[] phi = h.Phi, g = h.Gradients;
            int last = h.T - 1;
            TScalar sqrtT = TScalar.Sqrt(h.T);
            return (display, k) switch
            {
                (Kind.Eq12, 0) => ScaledSum<TScalar>(phi),
                (Kind.Eq12, 1) => ScaledSum<TScalar>(g),
                (Kind.Eq12, 2) => 2.0 * h.GInf * L2<TScalar>(g),
                (Kind.Eq13, 0) => TScalar.Abs(phi[0]),
                (Kind.Eq13, 1) => TScalar.Abs(g[0]),
                (Kind.Eq13, 2) => 2.0 * h.GInf * TScalar.Abs(g[0]),
                (Kind.Eq14, 0) => ScaledSum<TScalar>(phi),
                (Kind.Eq14, 1) => ScaledSum<TScalar>(phi.AsSpan(0, last)) + Last(phi, h.T),
                (Kind.Eq15To17, 0 or 1) => ScaledSum<TScalar>((k == 0 ? phi : g).AsSpan(0, last)) + Last(k == 0 ? phi : g, h.T),
                (Kind.Eq15To17, 2) => 2.0 * h.GInf * L2<TScalar>(phi.AsSpan(0, last)) + Last(g, h.T),
                (Kind.Eq15To17, 3) => 2.0 * h.GInf * L2<TScalar>(g.AsSpan(0, last)) + Last(g, h.T),
                (Kind.Eq16Identity, 0) => Sq(L2<TScalar>(phi.AsSpan(0, last))),
                (Kind.Eq16Identity, 1) => Sq(L2<TScalar>(phi)) - phi[last] * phi[last],
                (Kind.Eq16Identity, 2) => Sq(L2<TScalar>(phi)),
                (Kind.Eq18To22, 0) => L2<TScalar>(phi.AsSpan(0, last)),
                (Kind.Eq18To22, 1) => L2<TScalar>(g.AsSpan(0, last)),
                (Kind.Eq18To22, 2 or 3) => L2<TScalar>((k == 2 ? phi : g).AsSpan(0, last)) + TScalar.Ratio(Sq((k == 2 ? phi : g)[last]), 2.0 * L2<TScalar>(k == 2 ? phi : g)),
                (Kind.Eq18To22, 4 or 5) => L2<TScalar>(k == 4 ? phi : g) + TScalar.Ratio(Sq((k == 4 ? phi : g)[last]), 2.0 * sqrtT * h.GInf),
                (Kind.Eq23To25, 0 or 1) => h.GInf * L2<TScalar>((k == 0 ? phi : g).AsSpan(0, last)) + TScalar.Abs((k == 0 ? phi : g)[last]) / sqrtT,
                (Kind.Eq23To25, 2) => 2.0 * h.GInf * L2<TScalar>(phi),
                (Kind.Eq23To25, 3) => 2.0 * h.GInf * L2<TScalar>(g),
                _ => throw new ArgumentOutOfRangeException(nameof(k), k, $"{display} has no expression {k}."),
            };
        }

        /// <summary>√(x²_T/T).</summary>
        private static TScalar Last<TScalar>(TScalar[] x, int t)
            where TScalar : IScalar<TScalar> => TScalar.Sqrt(x[t - 1] * x[t - 1] / (double)t);

        private static TScalar Sq<TScalar>(TScalar x)
            where TScalar : IScalar<TScalar> => x * x;
    }

    private static Func<CoordinateHistory, double> InDoubles(Terms terms, int k) => h => terms.Term(k, CoordinateScalars.Of(h)).Value;

    private static Func<CoordinateHistory, Sides> Sides(Terms terms, int left, int right) => h =>
    {
        CoordinateScalars<Real> x = CoordinateScalars.Of(h);
        return new Sides(terms.Term(left, x).Value, terms.Term(right, x).Value);
    };

    private static ExpressionClaim<CoordinateHistory> Claim(
        string id, string location, string statement, IReadOnlyList<InstanceFamily<CoordinateHistory>> families, Func<CoordinateHistory, Sides> evaluate, CertificationTarget certification) =>
        new(new ClaimInfo(id, Paper, location, statement, Hypotheses), families, evaluate, certification: certification);

    private static TScalar ScaledSum<TScalar>(ReadOnlySpan<TScalar> x)
        where TScalar : IScalar<TScalar> => CoordinateScalars.ScaledSum(x);

    private static TScalar L2<TScalar>(ReadOnlySpan<TScalar> x)
        where TScalar : IScalar<TScalar> => CoordinateScalars.L2(x);
}
