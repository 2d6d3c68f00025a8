using Verification.Claims.Catalogue;
using Verification.Claims.Instances;
using Verification.Reference.Optimizers.StochGradAdam;
using Verification.Reference.Random;
using Sga = Verification.Reference.Optimizers.StochGradAdam.StochGradAdam;

namespace Verification.Claims.StochGradAdam;

/// <summary>
/// Section 7.2.3, eq. (70): "variance of sampled gradients ∝ 1/|∇L|", "as the gradient magnitudes decrease, the
/// variance … grows". For one coordinate φ = Ω·g with Ω ~ Bernoulli(s): E[φ] = s g, Var(φ) = s(1−s)g², so the
/// variance shrinks with |g| and the relative variance Var/E² = (1−s)/s does not depend on |g|. Exact claims
/// enumerate the two outcomes of Ω; Monte Carlo claims draw n = 4096 masks from the reference's Philox stream.
/// </summary>
internal sealed class SamplingVariance : IClaimSource
{
    private const string Paper = "StochGradAdam";

    /// <summary>Monte Carlo sample size.</summary>
    private const int Samples = 4096;

    private static readonly string[] Hypotheses =
    [
        "Ω ~ Bernoulli(s), s ∈ (0, 1]; φ = Ω·g for a fixed gradient value g",
        "|g′| ≤ |g| (g′ is the smaller, e.g. vanished, gradient)",
    ];

    public IEnumerable<IClaim> Claims
    {
        get
        {
            IReadOnlyList<InstanceFamily<VarianceProbe>> families = VarianceProbeFamilies.All();
            yield return Claim(
                "SGA-7.2-eq70-variance-grows-as-gradient-shrinks", "Section 7.2.3, eq. (70) and the sentence after it (exact, both outcomes of Ω enumerated)",
                "Var(φ | g) ≤ Var(φ | g′) for |g′| ≤ |g| (the variance grows as the gradient shrinks)", families,
                p => new Sides(ExactVariance(p.SamplingRate, p.Large), ExactVariance(p.SamplingRate, p.Small)));
            yield return Claim(
                "SGA-7.2-eq70-inverse-proportional", "Section 7.2.3, eq. (70) (exact): Var ∝ 1/|∇L|",
                "Var(φ | g)·|g| = Var(φ | g′)·|g′|", families,
                p => new Sides(ExactVariance(p.SamplingRate, p.Large) * Math.Abs(p.Large), ExactVariance(p.SamplingRate, p.Small) * Math.Abs(p.Small)),
                Relation.Equal);
            yield return Claim(
                "SGA-7.2-eq70-corrected-exact-variance", "Section 7.2.3, eq. (70) — corrected: the exact variance (enumerated)",
                "corrected: Var(φ | g) = s(1−s)g²", families,
                p => new Sides(ExactVariance(p.SamplingRate, p.Large), p.SamplingRate * (1 - p.SamplingRate) * p.Large * p.Large),
                Relation.Equal);
            yield return Claim(
                "SGA-7.2-eq70-corrected-relative-variance", "Section 7.2.3, eq. (70) — corrected: the relative variance (1−s)/s does not depend on |g| (enumerated)",
                "corrected: s·Var(φ | g) = (1−s)·E[φ | g]², i.e. Var/E² = (1−s)/s for every g ≠ 0", families,
                p => new Sides(p.SamplingRate * ExactVariance(p.SamplingRate, p.Large), (1 - p.SamplingRate) * Sq(p.SamplingRate * p.Large)),
                Relation.Equal);
            yield return Claim(
                "SGA-7.2-eq70-monte-carlo-variance-matches", "Section 7.2.3, eq. (70) — corrected, Monte Carlo with the reference's Philox mask",
                $"|S²_n(φ | g) − s(1−s)g²| ≤ g²(ε(|1−2p| + ε) + 1/(4(n−1))) + g²|p(1−p) − s(1−s)| + 1e-12·g² (rounding): the unbiased sample variance of n = {Samples} masked values (mask of StochGradAdam step 1, coordinates 0..n−1) against the exact variance, p = ⌊s·2³²⌋/2³² the realised rate; S²_n = n/(n−1)·g²p̂(1−p̂) with p̂ the kept fraction, and ε = √(ln(2/δ)/(2n)) bounds |p̂ − p| by Hoeffding's inequality except with probability δ = 2e-9 per instance (distribution-free; the normal 6σ bound it replaces fails near s = ½, where S²_n is a quadratic in p̂)",
                families,
                p => new Sides(Math.Abs(SampleVariance(p, p.Large, step: 1) - p.SamplingRate * (1 - p.SamplingRate) * p.Large * p.Large), MonteCarloBound(p, p.Large)));
            yield return Claim(
                "SGA-7.2-eq70-monte-carlo-variance-grows", "Section 7.2.3, eq. (70), Monte Carlo with the reference's Philox mask (independent masks for g and g′)",
                $"S²_n(φ | g) ≤ S²_n(φ | g′) for |g′| ≤ |g|, n = {Samples} (g masked at step 1, g′ at step 2)", families,
                p => new Sides(SampleVariance(p, p.Large, step: 1), SampleVariance(p, p.Small, step: 2)));
        }
    }

    /// <summary>Var(φ) by enumerating Ω ∈ {0, 1}: s(g − sg)² + (1 − s)(0 − sg)².</summary>
    internal static double ExactVariance(double s, double g)
    {
        double mean = s * g + (1 - s) * 0.0;
        return s * Sq(g - mean) + (1 - s) * Sq(0.0 - mean);
    }

    private static double SampleVariance(VarianceProbe p, double g, long step)
    {
        bool[] keep = new Sga(new StochGradAdamOptions { SamplingRate = p.SamplingRate, Seed = p.Seed }).Mask(step, Samples);
        double mean = 0.0;
        foreach (bool k in keep)
        {
            mean += k ? g : 0.0;
        }

        mean /= Samples;
        double sum = 0.0;
        foreach (bool k in keep)
        {
            sum += Sq((k ? g : 0.0) - mean);
        }

        return sum / (Samples - 1);
    }

    /// <summary>
    /// The bound on |S²_n − s(1−s)g²| that fails with probability at most δ = 2e-9: S²_n = n/(n−1)·g²p̂(1−p̂) exactly,
    /// so S²_n − p(1−p)g² = g²(p̂ − p)(1 − p̂ − p) + g²p̂(1−p̂)/(n−1), and Hoeffding gives |p̂ − p| ≤ ε.
    /// </summary>
    private static double MonteCarloBound(VarianceProbe p, double g)
    {
        double rate = BernoulliThreshold.For(p.SamplingRate) / 4294967296.0;
        double epsilon = Math.Sqrt(Math.Log(2 / FalseAlarmProbability) / (2.0 * Samples));
        double sampling = g * g * (epsilon * (Math.Abs(1 - 2 * rate) + epsilon) + 1.0 / (4.0 * (Samples - 1)));
        return sampling + g * g * Math.Abs(rate * (1 - rate) - p.SamplingRate * (1 - p.SamplingRate)) + 1e-12 * g * g;   // + rounding of the n-term sums
    }

    /// <summary>δ: the probability per instance that the Monte Carlo bound fails by chance (about a normal 6σ event).</summary>
    private const double FalseAlarmProbability = 2e-9;

    private static ExpressionClaim<VarianceProbe> Claim(
        string id, string location, string statement, IReadOnlyList<InstanceFamily<VarianceProbe>> families, Func<VarianceProbe, Sides> evaluate, Relation relation = Relation.LessOrEqual) =>
        new(new ClaimInfo(id, Paper, location, statement, Hypotheses, relation), families, evaluate);

    private static double Sq(double x) => x * x;
}
