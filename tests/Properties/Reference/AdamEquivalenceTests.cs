using FsCheck;
using FsCheck.Fluent;
using Verification.Properties.Support;
using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;

namespace Verification.Properties.Reference;

/// <summary>StochGradAdam readings that must reduce to Adam exactly (stochgradadam-variants.md §3, invariants 1–2).</summary>
public class AdamEquivalenceTests
{
    private static Gen<AdamOptions> AdamHyperparameters() =>
        from beta1 in Generators.Between(0.0, 0.999)
        from beta2 in Generators.Between(0.0, 0.9999)
        from lrExponent in Gen.Choose(-5, 0)
        from epsExponent in Gen.Choose(-12, -4)
        from inside in Gen.Elements(false, true)
        select new AdamOptions
        {
            Beta1 = beta1, Beta2 = beta2, LearningRate = Math.Pow(10, lrExponent), Epsilon = Math.Pow(10, epsExponent),
            EpsilonPlacement = inside ? EpsilonPlacement.Inside : EpsilonPlacement.Outside,
        };

    /// <summary>Runs both optimizers on the same gradients; compares θ and every state entry after every step.</summary>
    private static bool SameTrajectory(IGradientOptimizer expected, IGradientOptimizer actual, double[] theta0, double[][] gradients)
    {
        OptimizerState se = expected.Init(theta0.Length), sa = actual.Init(theta0.Length);
        double[] te = (double[])theta0.Clone(), ta = (double[])theta0.Clone();
        foreach (double[] g in gradients)
        {
            expected.Step(se, te, g);
            actual.Step(sa, ta, g);
            if (Bits.FirstDifference(te, ta) is { } d)
            {
                throw new InvalidOperationException($"θ differs after step {se.Step}: {d}");
            }

            foreach (string buffer in se.BufferNames)
            {
                if (Bits.FirstDifference(se.Buffer(buffer), sa.Buffer(buffer)) is { } db)
                {
                    throw new InvalidOperationException($"state '{buffer}' differs after step {se.Step}: {db}");
                }
            }
        }

        return true;
    }

    [Fact]
    public void Masked_adam_at_rate_one_is_bit_identical_to_adam()
    {
        Prop.ForAll(
            Arb.From(from o in AdamHyperparameters() from run in Generators.Trajectory() from seed in Gen.Choose(0, int.MaxValue) select (o, run, seed)),
            c => SameTrajectory(
                new Adam(c.o),
                new StochGradAdam(new StochGradAdamOptions
                {
                    Variant = StochGradAdamVariant.MaskedAdam, SamplingRate = 1.0, Seed = (ulong)c.seed, Beta1 = c.o.Beta1, Beta2 = c.o.Beta2,
                    LearningRate = c.o.LearningRate, Epsilon = c.o.Epsilon, EpsilonPlacement = c.o.EpsilonPlacement,
                }),
                c.run.Theta0,
                c.run.Gradients)).Check(Generators.Config(300));
    }

    [Fact]
    public void Theorem_variant_at_rate_one_with_lambda_one_and_constant_alpha_is_kingma_ba_adam()
    {
        Prop.ForAll(
            Arb.From(from o in AdamHyperparameters() from run in Generators.Trajectory() select (o, run)),
            c => SameTrajectory(
                new Adam(c.o with { EpsilonPlacement = EpsilonPlacement.Outside }),
                new StochGradAdam(new StochGradAdamOptions
                {
                    Variant = StochGradAdamVariant.Theorem, SamplingRate = 1.0, Beta1Decay = 1.0, LearningRateDecay = LearningRateDecay.Constant,
                    Beta1 = c.o.Beta1, Beta2 = c.o.Beta2, LearningRate = c.o.LearningRate, Epsilon = c.o.Epsilon,
                }),
                c.run.Theta0,
                c.run.Gradients)).Check(Generators.Config(300));
    }

    [Fact]
    public void Masked_adam_below_rate_one_is_adam_fed_the_masked_gradient()
    {
        // The defining identity of masked_adam: Adam on φ_t = Ω_t ⊙ g_t, with Ω_t read from the optimizer's own mask.
        Prop.ForAll(
            Arb.From(from run in Generators.Trajectory() from s in Generators.Between(0.05, 1.0) select (run, s)),
            c =>
            {
                var sga = new StochGradAdam(new StochGradAdamOptions { SamplingRate = c.s, Seed = 11 });
                var adam = new Adam();
                int d = c.run.Theta0.Length;
                OptimizerState ss = sga.Init(d), sa = adam.Init(d);
                double[] ts = (double[])c.run.Theta0.Clone(), ta = (double[])c.run.Theta0.Clone();
                foreach (double[] g in c.run.Gradients)
                {
                    bool[] mask = sga.Mask(ss.Step + 1, d);
                    double[] phi = g.Select((x, j) => mask[j] ? x : 0.0).ToArray();
                    sga.Step(ss, ts, g);
                    adam.Step(sa, ta, phi);
                    Bits.Equal(ta, ts, $"θ after step {ss.Step}");
                }

                return true;
            }).Check(Generators.Config(200));
    }
}
