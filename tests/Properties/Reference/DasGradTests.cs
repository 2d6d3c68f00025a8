using FsCheck;
using FsCheck.Fluent;
using Verification.Properties.Support;
using Verification.Reference.Optimizers;
using Verification.Reference.Sampling;

namespace Verification.Properties.Reference;

public class DasGradTests
{
    [Fact]
    public void Dasgrad_with_uniform_probabilities_and_batch_one_is_amsgrad_fed_the_sampled_gradients()
    {
        Prop.ForAll(
            Arb.From(from problem in Problems.LeastSquares()
                     from steps in Gen.Choose(1, 30)
                     from seed in Gen.Choose(0, int.MaxValue)
                     from pytorch in Gen.Elements(false, true)
                     select (problem, steps, seed, pytorch)),
            c =>
            {
                var rule = new AmsGradOptions { Convention = c.pytorch ? AmsGradConvention.PyTorch : AmsGradConvention.Reddi, LearningRate = 0.05 };
                var dasgrad = new DasGrad(rule, new ImportanceSamplerOptions { Source = ProbabilitySource.Uniform, BatchSize = 1, Seed = (ulong)c.seed });
                var amsgrad = new AmsGrad(rule);
                int d = c.problem.Dimension;
                OptimizerState sd = dasgrad.Init(c.problem), sa = amsgrad.Init(d);
                double[] td = new double[d], ta = new double[d], g = new double[d];
                for (int t = 0; t < c.steps; t++)
                {
                    double[] before = (double[])td.Clone();
                    SampledBatch batch = dasgrad.Step(sd, td, c.problem);
                    Assert.Equal(1.0, batch.Weights[0]);
                    c.problem.ExampleGradient(batch.Indices[0], before, g);
                    Bits.Equal(g, batch.FedGradient, "fed gradient vs the sampled example's gradient");
                    amsgrad.Step(sa, ta, g);
                    Bits.Equal(ta, td, $"θ after step {t + 1}");
                    foreach (string buffer in sa.BufferNames)
                    {
                        Bits.Equal(sa.Buffer(buffer), sd.Buffer(buffer), $"'{buffer}' after step {t + 1}");
                    }
                }

                return true;
            }).Check(Generators.Config(200));
    }

    [Fact]
    public void Importance_weighted_gradient_is_unbiased_by_exact_enumeration()
    {
        // E_{i∼p}[∇f_i/(n p_i)] = (1/n) Σ_i ∇f_i, checked by summing over all n indices with the sampler's own p_i and
        // w_i after a real refresh. Each term carries at most 4 roundings (p, w, the products) and the two sums n
        // more, so the difference is bounded by (n + 4)·2^-53·Σ_i|∇f_i|/n per coordinate; 4× that is the tolerance.
        Prop.ForAll(
            Arb.From(from problem in Problems.LeastSquares() from floor in Generators.Between(0.0, 0.5) select (problem, floor)),
            c =>
            {
                int n = c.problem.ExampleCount, d = c.problem.Dimension;
                var sampler = new ImportanceSampler(new ImportanceSamplerOptions { BatchSize = 1, Floor = c.floor + 1e-9 }, n);
                var dasgrad = new DasGrad(sampler: sampler.Options);
                OptimizerState state = dasgrad.Init(c.problem);
                double[] theta = Enumerable.Range(0, d).Select(j => 0.3 * j - 0.5).ToArray();
                sampler.Sample(state, 1, theta, c.problem);   // step 1 refreshes p ∝ ‖∇f_i(θ)‖ + floor
                var expectation = new double[d];
                var mean = new double[d];
                var scale = new double[d];
                var g = new double[d];
                for (int i = 0; i < n; i++)
                {
                    c.problem.ExampleGradient(i, theta, g);
                    double p = sampler.Probability(state, i), w = sampler.Weight(state, i);
                    for (int j = 0; j < d; j++)
                    {
                        expectation[j] += p * (w * g[j]);
                        mean[j] += g[j] / n;
                        scale[j] += Math.Abs(g[j]) / n;
                    }
                }

                double unit = Math.Pow(2, -53);
                return Enumerable.Range(0, d).All(j => Math.Abs(expectation[j] - mean[j]) <= 4 * (n + 4) * unit * scale[j]);
            }).Check(Generators.Config(300));
    }

    [Fact]
    public void Refresh_happens_every_k_steps_and_costs_n_norm_evaluations_in_a_full_pass()
    {
        var problem = new LeastSquaresProblem([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]], [1.0, -1.0, 0.5]);
        var dasgrad = new DasGrad(sampler: new ImportanceSamplerOptions { BatchSize = 2, RefreshPeriod = 4 });
        OptimizerState state = dasgrad.Init(problem);
        var theta = new double[2];
        var refreshed = Enumerable.Range(1, 12).Select(_ => dasgrad.Step(state, theta, problem)).Select(b => (b.Refreshed, b.NormEvaluations)).ToArray();
        Assert.Equal([true, false, false, false, true, false, false, false, true, false, false, false], refreshed.Select(r => r.Refreshed));
        Assert.All(refreshed, r => Assert.Equal(r.Refreshed ? 3 : 0, r.NormEvaluations));
    }

    [Fact]
    public void Optimal_probabilities_equalise_the_weighted_gradient_norms()
    {
        // Under p* (floor 0) every realisation has ‖ĝ‖ = (1/n) Σ_j ‖∇f_j‖ (reconstruction §4.3); 1e-12 relative
        // covers the few roundings of p, w and the norm.
        var problem = new LeastSquaresProblem([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0], [3.0, -1.0]], [1.0, -1.0, 0.5, 2.0]);
        var sampler = new ImportanceSampler(new ImportanceSamplerOptions { BatchSize = 1, Floor = 0.0 }, problem.ExampleCount);
        OptimizerState state = new DasGrad(sampler: sampler.Options).Init(problem);
        double[] theta = [0.2, -0.4];
        sampler.Sample(state, 1, theta, problem);
        double meanNorm = Enumerable.Range(0, 4).Sum(i => problem.ExampleGradientNorm(i, theta)) / 4;
        var g = new double[2];
        for (int i = 0; i < 4; i++)
        {
            problem.ExampleGradient(i, theta, g);
            double w = sampler.Weight(state, i);
            double norm = Math.Sqrt(g.Sum(x => w * x * (w * x)));
            Assert.True(Math.Abs(norm - meanNorm) <= 1e-12 * meanNorm, $"example {i}: ‖ĝ‖ = {norm}, mean norm {meanNorm}");
        }
    }
}
