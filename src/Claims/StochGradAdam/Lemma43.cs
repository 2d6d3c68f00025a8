using FsCheck.Fluent;
using Verification.Claims.Catalogue;
using Verification.Claims.Instances;

namespace Verification.Claims.StochGradAdam;

/// <summary>
/// StochGradAdam Lemma 4.3 (eq. (12)) and every step of its proof, (13)–(25): per coordinate i,
/// Σ_t √(φ²_{t,i}/t) ≤ Σ_t √(g²_{t,i}/t) ≤ 2G_∞‖g_{1:T,i}‖₂. It copies Kingma and Ba's Lemma 10.3, whose right side
/// is not scale-invariant: the left scales like g, the right like g·G_∞.
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
                .Then("sum-phi", "Σ_t √(φ²_{t,i}/t)", h => ScaledSum(h.Phi))
                .Then("sum-g", "Σ_t √(g²_{t,i}/t)", h => ScaledSum(h.Gradients))
                .Then("bound", "2G_∞‖g_{1:T,i}‖₂", h => 2 * h.GInf * Norms.L2(h.Gradients))
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
                h => new Sides(Math.Abs(h.Phi[0]), Math.Abs(h.Gradients[0])));
            yield return new ExpressionClaim<CoordinateHistory>(
                new ClaimInfo("SGA-L4.3-eq13-second", Paper, "Lemma 4.3, eq. (13) (base case T = 1), second inequality", "√g²_{1,i} ≤ 2G_∞‖g_{1,i}‖₂", Hypotheses),
                single,
                h => new Sides(Math.Abs(h.Gradients[0]), 2 * h.GInf * Math.Abs(h.Gradients[0])),
                ("G_∞ ≥ 1/2 or g_{1,i} = 0", h => h.GInf >= 0.5 || h.Gradients[0] == 0.0));

            // (14): the split of the sum at T (an identity).
            yield return new ExpressionClaim<CoordinateHistory>(
                new ClaimInfo("SGA-L4.3-eq14", Paper, "Lemma 4.3, eq. (14)", "Σ_{t≤T} √(φ²_t/t) = Σ_{t<T} √(φ²_t/t) + √(φ²_T/T)", Hypotheses, Relation.Equal),
                families,
                h => new Sides(ScaledSum(h.Phi), ScaledSum(h.Phi[..^1]) + Math.Sqrt(h.Phi[^1] * h.Phi[^1] / h.T)));

            // (15)–(17): the inductive step. Each "≤" line is read both as a link to the line before and as a bound
            // on what the step set out to bound, (14)'s right side.
            foreach (IClaim claim in new Chain<CoordinateHistory>("SGA-L4.3-eq15-17", Paper, "Lemma 4.3, eqs. (14)–(17)", Hypotheses, families)
                .Then("(14)", "Σ_{t<T} √(φ²_t/t) + √(φ²_T/T)", h => ScaledSum(h.Phi[..^1]) + Math.Sqrt(h.Phi[^1] * h.Phi[^1] / h.T))
                .Then("(15)", "Σ_{t<T} √(g²_t/t) + √(g²_T/T)", h => ScaledSum(h.Gradients[..^1]) + Math.Sqrt(h.Gradients[^1] * h.Gradients[^1] / h.T))
                .Then("(16)", "2G_∞‖φ_{1:T−1}‖₂ + √(g²_T/T)", h => 2 * h.GInf * Norms.L2(h.Phi.AsSpan(0, h.T - 1)) + Math.Sqrt(h.Gradients[^1] * h.Gradients[^1] / h.T))
                .Then("(17)", "2G_∞‖g_{1:T−1}‖₂ + √(g²_T/T)", h => 2 * h.GInf * Norms.L2(h.Gradients.AsSpan(0, h.T - 1)) + Math.Sqrt(h.Gradients[^1] * h.Gradients[^1] / h.T))
                .Claims())
            {
                yield return claim;
            }

            yield return new ExpressionClaim<CoordinateHistory>(
                new ClaimInfo("SGA-L4.3-eq16-identity", Paper, "Lemma 4.3, eq. (16), the equality", "‖φ_{1:T−1}‖₂ = √(‖φ_{1:T}‖²₂ − φ²_T), compared squared and divided by ‖φ_{1:T}‖²₂", Hypotheses, Relation.Equal),
                families,
                h => Sides.Over(Sq(Norms.L2(h.Phi.AsSpan(0, h.T - 1))), Sq(Norms.L2(h.Phi)) - h.Phi[^1] * h.Phi[^1], Sq(Norms.L2(h.Phi))),
                slack: RoundingSlack.Scaled);

            // (18)–(22): the chain that is meant to preserve the inductive hypothesis.
            foreach (IClaim claim in new Chain<CoordinateHistory>("SGA-L4.3-eq18-22", Paper, "Lemma 4.3, eqs. (18)–(22)", Hypotheses, families)
                .Then("(18)L", "√(‖φ_{1:T}‖² − φ²_T)", h => Norms.L2(h.Phi.AsSpan(0, h.T - 1)))
                .Then("(18)R", "√(‖g_{1:T}‖² − g²_T)", h => Norms.L2(h.Gradients.AsSpan(0, h.T - 1)))
                .Then("(19)", "‖φ_{1:T−1}‖₂ + φ²_T/(2‖φ_{1:T}‖₂)", h => Norms.L2(h.Phi.AsSpan(0, h.T - 1)) + Norms.Ratio(h.Phi[^1] * h.Phi[^1], 2 * Norms.L2(h.Phi)))
                .Then("(20)", "‖g_{1:T−1}‖₂ + g²_T/(2‖g_{1:T}‖₂)", h => Norms.L2(h.Gradients.AsSpan(0, h.T - 1)) + Norms.Ratio(h.Gradients[^1] * h.Gradients[^1], 2 * Norms.L2(h.Gradients)))
                .Then("(21)", "‖φ_{1:T}‖₂ + φ²_T/(2√T G_∞)", h => Norms.L2(h.Phi) + Norms.Ratio(h.Phi[^1] * h.Phi[^1], 2 * Math.Sqrt(h.T) * h.GInf))
                .Then("(22)", "‖g_{1:T}‖₂ + g²_T/(2√T G_∞)", h => Norms.L2(h.Gradients) + Norms.Ratio(h.Gradients[^1] * h.Gradients[^1], 2 * Math.Sqrt(h.T) * h.GInf))
                .Claims())
            {
                yield return claim;
            }

            // (23)–(25): the conclusion of the inductive step.
            foreach (IClaim claim in new Chain<CoordinateHistory>("SGA-L4.3-eq23-25", Paper, "Lemma 4.3, eqs. (23)–(25)", Hypotheses, families)
                .Then("(23)L", "G_∞√(‖φ_{1:T}‖² − φ²_T) + √(φ²_T/T)", h => h.GInf * Norms.L2(h.Phi.AsSpan(0, h.T - 1)) + Math.Abs(h.Phi[^1]) / Math.Sqrt(h.T))
                .Then("(23)R", "G_∞√(‖g_{1:T}‖² − g²_T) + √(g²_T/T)", h => h.GInf * Norms.L2(h.Gradients.AsSpan(0, h.T - 1)) + Math.Abs(h.Gradients[^1]) / Math.Sqrt(h.T))
                .Then("(24)", "2G_∞‖φ_{1:T}‖₂", h => 2 * h.GInf * Norms.L2(h.Phi))
                .Then("(25)", "2G_∞‖g_{1:T}‖₂", h => 2 * h.GInf * Norms.L2(h.Gradients))
                .Claims())
            {
                yield return claim;
            }
        }
    }

    // (16) is compared squared, relative to ‖φ_{1:T}‖²: the square root of a difference that cancels amplifies its
    // rounding without bound when φ_T dominates, and the targeted search finds such histories.

    private static ExpressionClaim<CoordinateHistory> Claim(
        string id, string location, string statement, IReadOnlyList<InstanceFamily<CoordinateHistory>> families, Func<CoordinateHistory, Sides> evaluate) =>
        new(new ClaimInfo(id, Paper, location, statement, Hypotheses), families, evaluate);

    /// <summary>Σ_t √(x_t²/t), t 1-based.</summary>
    private static double ScaledSum(ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        for (int t = 0; t < x.Length; t++)
        {
            sum += Math.Sqrt(x[t] * x[t] / (t + 1));
        }

        return sum;
    }

    private static double Sq(double x) => x * x;
}
