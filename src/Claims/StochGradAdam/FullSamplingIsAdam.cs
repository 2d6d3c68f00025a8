using Verification.Claims.Catalogue;
using Verification.Claims.Instances;
using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;
using Sga = Verification.Reference.Optimizers.StochGradAdam.StochGradAdam;

namespace Verification.Claims.StochGradAdam;

/// <summary>
/// Section 7.1: "a sample rate of 100% (i.e. using all gradients) is just normal Adam", checked for every reading of
/// StochGradAdam (I9): at s = 1 the variant's trajectory θ₁..θ_{T+1} on a fixed gradient sequence is compared with
/// Kingma–Ba Adam's (constant α, constant β₁, bias corrections 1 − β^t) given the variant's own ε and ε placement, so
/// that only the moment recursions and bias corrections are compared.
/// </summary>
internal sealed class FullSamplingIsAdam : IClaimSource
{
    private const string Paper = "StochGradAdam";

    /// <summary>The tolerance on the relative deviation.</summary>
    private const double Tolerance = 1e-12;

    private static readonly string[] Hypotheses =
    [
        "s = 1 (every coordinate kept)",
        "β₁, β₂ ∈ [0, 1); α > 0; a fixed gradient sequence g_1..g_T",
        "Adam gets the variant's ε and ε placement; the theorem variant runs with λ = 1 and constant α",
    ];

    public IEnumerable<IClaim> Claims
    {
        get
        {
            IReadOnlyList<InstanceFamily<GradientSequenceRun>> families = GradientSequenceRunFamilies.All();
            foreach (StochGradAdamVariant variant in Enum.GetValues<StochGradAdamVariant>())
            {
                string name = StochGradAdamVariantNames.Of(variant);
                yield return new ExpressionClaim<GradientSequenceRun>(
                    new ClaimInfo(
                        $"SGA-7.1-s100-is-adam-{name.Replace('_', '-')}",
                        Paper,
                        $"Section 7.1 (\"100% … just normal Adam\"), variant {name}",
                        $"{name} at s = 1 follows Adam's trajectory: max_{{t,j}} |θ^{{{name}}}_{{t,j}} − θ^{{Adam}}_{{t,j}}| / max(|θ^{{{name}}}_{{t,j}}|, |θ^{{Adam}}_{{t,j}}|, α) ≤ 1e-12 over t = 2..T+1",
                        Hypotheses),
                    families,
                    run => new Sides(MaxRelativeDeviation(variant, run), Tolerance));
            }
        }
    }

    /// <summary>The largest relative deviation between the variant's and Adam's iterates.</summary>
    internal static double MaxRelativeDeviation(StochGradAdamVariant variant, GradientSequenceRun run)
    {
        var sgaOptions = new StochGradAdamOptions
        {
            Variant = variant,
            SamplingRate = 1.0,
            Seed = run.Seed,
            LearningRate = run.Alpha,
            LearningRateDecay = LearningRateDecay.Constant,
            Beta1 = run.Beta1,
            Beta2 = run.Beta2,
        };
        var sga = new Sga(sgaOptions);
        var adam = new Adam(new AdamOptions
        {
            LearningRate = run.Alpha,
            LearningRateDecay = LearningRateDecay.Constant,
            Beta1 = run.Beta1,
            Beta2 = run.Beta2,
            Epsilon = sga.Options.ResolvedEpsilon,
            EpsilonPlacement = sga.Options.ResolvedEpsilonPlacement,
        });
        OptimizerState sgaState = sga.Init(run.Dimension), adamState = adam.Init(run.Dimension);
        double[] thetaSga = (double[])run.Start.Clone(), thetaAdam = (double[])run.Start.Clone();
        double worst = 0.0;
        for (int t = 1; t <= run.T; t++)
        {
            sga.Step(sgaState, thetaSga, run.Gradient(t));
            adam.Step(adamState, thetaAdam, run.Gradient(t));
            for (int j = 0; j < run.Dimension; j++)
            {
                double scale = Math.Max(Math.Max(Math.Abs(thetaSga[j]), Math.Abs(thetaAdam[j])), run.Alpha);
                double deviation = Math.Abs(thetaSga[j] - thetaAdam[j]) / scale;
                worst = double.IsNaN(deviation) ? double.PositiveInfinity : Math.Max(worst, deviation);
            }
        }

        return worst;
    }
}
