using System.Text.Json;
using Verification.Claims.Catalogue;
using Verification.Claims.Instances;
using Verification.Claims.Search;
using Verification.Convex.Online;
using Verification.Convex.Regret;
using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;

namespace Verification.Properties.Claims;

/// <summary>
/// The Theorem 4.5 claims compute R(T) on Reddi et al.'s problem with their own inline sequence; the project's regret
/// harness (src/Convex) runs the same optimizer on its <see cref="ReddiCounterexample"/>. Both must give the same regret.
/// </summary>
public class Theorem45HarnessAgreementTests
{
    [Theory]
    [InlineData(1, 0.5, 0.0, 0.1, 0.5, 1.0, 0UL, 0.0)]
    [InlineData(100, 0.5, 0.0, 0.1, 0.5, 1.0, 3UL, 0.3)]
    [InlineData(353, 0.5, 0.0, 0.0, 0.5, 1.0, 0UL, 0.0)]
    [InlineData(1000, 1.0, 0.3, 0.5, 0.9, 0.5, 509UL, -0.7)]
    public void Inline_reddi_regret_equals_the_regret_harness(int steps, double alpha, double beta1, double beta2, double lambda, double s, ulong seed, double start)
    {
        double[] data = Enumerable.Range(1, steps).Select(t => t % 3 == 1 ? OnlineRunFamilies.ReddiC : -1.0).ToArray();
        var run = new OnlineRun(OnlineRun.Linear, 1, data, [start], 1.0, alpha, beta1, beta2, lambda, s, seed);
        Assert.True(OnlineRunFamilies.IsReddi(run));
        IClaim claim = ClaimCatalogue.Get("SGA-T4.5-eq57-reddi-long-D-proof");
        double inline = claim.Evaluate(JsonSerializer.SerializeToElement(run, CounterexampleStore.JsonOptions)).Left;

        var optimizer = new StochGradAdam(new StochGradAdamOptions
        {
            Variant = StochGradAdamVariant.Theorem,
            SamplingRate = s,
            Seed = seed,
            LearningRate = alpha,
            Beta1 = beta1,
            Beta2 = beta2,
            Beta1Decay = lambda,
            Box = new Box(-1.0, 1.0),
        });
        RegretRun harness = RegretHarness.Run(optimizer, ReddiCounterexample.Deterministic(OnlineRunFamilies.ReddiC), new RegretRunOptions { Steps = steps, Start = [start] });

        Assert.Equal(harness.Regret, inline, 1e-9 * Math.Max(1.0, Math.Abs(harness.Regret)));
    }
}
