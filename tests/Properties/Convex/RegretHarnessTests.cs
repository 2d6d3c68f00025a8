using Verification.Convex.Objectives;
using Verification.Convex.Online;
using Verification.Convex.Optima;
using Verification.Convex.Regret;
using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;
using Verification.Reference.Sampling;
using Xunit.Abstractions;

namespace Verification.Properties.Convex;

public sealed class RegretHarnessTests(ITestOutputHelper output)
{
    // Sums of at most a few thousand terms of size ≤ C = 3: 1e-10 absolute leaves room for reassociation only.
    private const double SumTolerance = 1e-10;

    private static readonly Box UnitBox = new(-1.0, 1.0);

    [Fact]
    public void Sgd_on_the_deterministic_Reddi_problem_regret_equals_its_linearisation()
    {
        var problem = ReddiCounterexample.Deterministic(3.0);
        var sgd = new Sgd(new SgdOptions { LearningRate = 0.1, LearningRateDecay = LearningRateDecay.InverseSqrt, Box = UnitBox });
        RegretRun run = RegretHarness.Run(sgd, problem, new RegretRunOptions { Steps = 300 });

        Assert.Equal([-1.0], run.Comparator);
        // Linear losses: f_t(θ_t) − f_t(θ*) = ⟨g_t, θ_t − θ*⟩ exactly, for raw and fed gradients alike (SGD feeds g_t).
        Assert.Equal(run.Regret, run.LinearizedRegretRaw, SumTolerance);
        Assert.Equal(run.Regret, run.LinearizedRegretFed, SumTolerance);

        // Recompute R(T) from the record.
        double manual = 0.0;
        foreach (RegretStep s in run.Steps)
        {
            manual += problem.Loss(s.Step, s.Theta!) - problem.Loss(s.Step, [-1.0]);
            Assert.Equal(problem.Slope(s.Step), s.FedGradient![0]);
        }

        Assert.Equal(manual, run.Regret, SumTolerance);
        Assert.Equal(run.Regret, run.CumulativeRegret[^1]);
        Assert.Equal(3.0, run.Constants.GInfinityRaw);
        Assert.InRange(run.Constants.DInfinity, 0.0, 2.0);
        double history = Math.Sqrt(run.Steps.Sum(s => s.FedGradient![0] * s.FedGradient[0]));
        Assert.Equal(history, run.Constants.FedCoordinateHistoryNorms[0], 1e-12);
        Assert.Equal(0.0, run.Steps[0].Theta![0]);
    }

    [Fact]
    public void Adam_fails_and_AMSGrad_succeeds_on_Reddi_Theorem_1()
    {
        // Reddi et al. Theorem 1: β1 = 0, β2 = 1/(1 + C²), α_t = α/√t; Adam drifts to +1 while x* = −1, so R(T)/T stays
        // near 2(C − 2)/3; AMSGrad's regret is sublinear.
        const double c = 3.0;
        var problem = ReddiCounterexample.Deterministic(c);
        double beta2 = 1.0 / (1.0 + c * c);
        var adam = new Adam(new AdamOptions { LearningRate = 0.5, LearningRateDecay = LearningRateDecay.InverseSqrt, Beta1 = 0.0, Beta2 = beta2, BiasCorrection = false, Box = UnitBox });
        var ams = new AmsGrad(new AmsGradOptions { LearningRate = 0.5, LearningRateDecay = LearningRateDecay.InverseSqrt, Beta1 = 0.0, Beta2 = beta2, Box = UnitBox });
        var options = new RegretRunOptions { Steps = 3000, RecordVectors = false };
        RegretRun adamRun = RegretHarness.Run(adam, problem, options);
        RegretRun amsRun = RegretHarness.Run(ams, problem, options);
        output.WriteLine($"R(T)/T at T=3000: adam {adamRun.Regret / 3000:G4} (final x {adamRun.FinalTheta[0]:G4}), amsgrad {amsRun.Regret / 3000:G4} (final x {amsRun.FinalTheta[0]:G4})");
        Assert.True(adamRun.Regret / 3000 > 0.5 * 2 * (c - 2) / 3, "Adam's average regret should stay near 2(C-2)/3");
        Assert.True(amsRun.Regret / 3000 < 0.1, "AMSGrad's average regret should vanish");
        Assert.True(amsRun.FinalTheta[0] < -0.9);
    }

    [Fact]
    public void Moments_are_recorded_after_each_update()
    {
        var problem = ReddiCounterexample.Stochastic(10.0, 0.5, seed: 8);
        var ams = new AmsGrad(new AmsGradOptions { LearningRate = 0.1, LearningRateDecay = LearningRateDecay.InverseSqrt, Beta1 = 0.9, Beta2 = 0.99, Box = UnitBox });
        RegretRun run = RegretHarness.Run(ams, problem, new RegretRunOptions { Steps = 50, RecordMoments = true });
        // m_t = β1 m_{t−1} + (1 − β1) g_t and v̂_t = max(v̂_{t−1}, v_t), from the record alone.
        double m = 0.0, v = 0.0, vhat = 0.0;
        foreach (RegretStep s in run.Steps)
        {
            double g = s.FedGradient![0];
            m = 0.9 * m + 0.1 * g;
            v = 0.99 * v + 0.01 * g * g;
            vhat = Math.Max(vhat, v);
            Assert.Equal(m, s.M![0], 1e-14);
            Assert.Equal(v, s.V![0], 1e-14);
            Assert.Equal(vhat, s.VHat![0], 1e-14);
        }

        Assert.Equal(Math.Sqrt(50 * vhat), run.Constants.SumSqrtTVHat!.Value, 1e-12);
        (double point, _) = problem.BestFixedPoint(50);
        Assert.Equal(point, run.Comparator[0]);
    }

    [Fact]
    public void StochGradAdam_records_the_masked_gradient()
    {
        var problem = new FiniteSumOnlineProblem(
            new CentroidProblem(new CentroidOptions { Dimension = 12, ExampleCount = 30, Seed = 4 }), BoxConstraint.Uniform(12, -2, 2));
        var optimizer = new StochGradAdam(new StochGradAdamOptions { SamplingRate = 0.5, Seed = 9, LearningRate = 0.05 });
        RegretRun run = RegretHarness.Run(optimizer, problem, new RegretRunOptions { Steps = 20 });
        int zeroed = 0;
        foreach (RegretStep s in run.Steps)
        {
            bool[] keep = optimizer.Mask(s.Step, 12);
            for (int j = 0; j < 12; j++)
            {
                Assert.Equal(keep[j] ? s.RawGradient![j] : 0.0, s.FedGradient![j]);
                zeroed += keep[j] ? 0 : 1;
            }
        }

        Assert.InRange(zeroed, 60, 180);
        Assert.True(run.Constants.GInfinityFed <= run.Constants.GInfinityRaw);
        // By convexity, R(T) ≤ Σ⟨g_t, θ_t − θ*⟩ with the exact gradients on every path.
        Assert.True(run.Regret <= run.LinearizedRegretRaw + SumTolerance);
    }

    [Fact]
    public void DasGrad_on_the_centroid_problem_records_weighted_gradients_and_constants()
    {
        var centroid = new CentroidProblem(new CentroidOptions { Dimension = 5, ExampleCount = 200, Shape = VarianceShape.ExampleHeteroscedastic, Seed = 6 });
        var box = BoxConstraint.Uniform(5, -3.0, 3.0);
        var dasgrad = new DasGrad(
            new AmsGradOptions { LearningRate = 0.1, LearningRateDecay = LearningRateDecay.InverseSqrt, Box = new Box(-3.0, 3.0) },
            new ImportanceSamplerOptions { BatchSize = 4, RefreshPeriod = 10, Seed = 2 });
        RegretRun run = RegretHarness.Run(dasgrad, centroid, box, new RegretRunOptions { Steps = 200, RecordMoments = true });

        Assert.Equal(centroid.Minimizer(box), run.Comparator, (a, b) => Math.Abs(a - b) <= 1e-10);
        Assert.True(run.Regret <= run.LinearizedRegretRaw + SumTolerance);
        Assert.True(run.Regret >= 0.0, "f_t ≡ F and θ* minimises F over the box, so every term is ≥ 0");
        var g = new double[5];
        foreach (RegretStep s in run.Steps.Take(20))
        {
            // ĝ_t = (1/B) Σ_b w_b ∇f_{i_b}(θ_t), recomputed from the recorded indices and weights.
            var expected = new double[5];
            for (int b = 0; b < s.Indices!.Length; b++)
            {
                centroid.ExampleGradient(s.Indices[b], s.Theta!, g);
                DenseKernels.Axpy(s.Weights![b] / s.Indices.Length, g, expected);
            }

            Assert.Equal(expected, s.FedGradient!, (a, b) => Math.Abs(a - b) <= 1e-12 * (1 + Math.Abs(a)));
            Assert.NotNull(s.VHat);
        }

        double dInf = run.Steps.Max(s => s.Theta!.Zip(run.Comparator, (x, y) => Math.Abs(x - y)).Max());
        Assert.Equal(dInf, run.Constants.DInfinity);
        Assert.True(run.Constants.GInfinityRaw > 0 && run.Constants.D >= run.Constants.DInfinity);
        output.WriteLine($"DASGrad centroid: R(T)={run.Regret:G4} linearised(fed)={run.LinearizedRegretFed:G4} G_inf raw={run.Constants.GInfinityRaw:G4} fed={run.Constants.GInfinityFed:G4} D_inf={run.Constants.DInfinity:G4}");
    }

    [Fact]
    public void Every_catalogued_optimizer_runs_under_the_harness()
    {
        // The same centroid problem for all: f_t ≡ F, a box wide enough that no optimizer's own box matters.
        var centroid = new CentroidProblem(new CentroidOptions { Dimension = 6, ExampleCount = 40, Shape = VarianceShape.ExampleHeteroscedastic, Seed = 12 });
        var box = BoxConstraint.Uniform(6, -10.0, 10.0);
        var online = new FiniteSumOnlineProblem(centroid, box);
        var options = new RegretRunOptions { Steps = 25, RecordMoments = true };
        foreach ((string name, Func<IGradientOptimizer> create) in OptimizerCatalog.GradientOptimizers)
        {
            Check(name, RegretHarness.Run(create(), online, options));
        }

        foreach ((string name, Func<IFiniteSumOptimizer> create) in OptimizerCatalog.FiniteSumOptimizers)
        {
            Check(name, RegretHarness.Run(create(), centroid, box, options));
        }

        static void Check(string name, RegretRun run)
        {
            Assert.Equal(25, run.Steps.Count);
            Assert.Equal(25, run.CumulativeRegret.Length);
            Assert.All(run.Steps, s => Assert.All(s.FedGradient!, g => Assert.True(double.IsFinite(g), name)));
            // Each f_t is convex on all of ℝ^d, so R(T) ≤ Σ⟨∇f_t(θ_t), θ_t − θ*⟩ on every path, inside the box or not.
            Assert.True(run.Regret <= run.LinearizedRegretRaw + SumTolerance, $"{name}: R(T) {run.Regret:R} > linearised {run.LinearizedRegretRaw:R}");
            Assert.True(run.Constants.GInfinityRaw > 0, name);
        }
    }
}
