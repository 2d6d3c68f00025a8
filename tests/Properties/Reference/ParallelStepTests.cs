using System.Collections.Concurrent;
using Verification.Properties.Support;
using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;
using Verification.Reference.Random;
using Verification.Reference.Threading;
using Verification.Reference.Validation;

namespace Verification.Properties.Reference;

/// <summary>
/// The chunked element-wise steps give the same bits on any number of threads: θ and every state entry after a few
/// steps on 1 thread (the sequential path), 2, 7 and every core, on lengths just below, at and above
/// <see cref="ReferenceParallelism.Threshold"/> and on lengths that are no multiple of
/// <see cref="ReferenceParallelism.ChunkSize"/>. The masked steps are also held to the per-coordinate definition,
/// with each mask bit drawn on its own from the scalar generator.
/// </summary>
[Collection(ThreadSettingCollection.Name)]
public class ParallelStepTests
{
    private const int Steps = 3;

    private static readonly int[] Degrees = [2, 7, -1];

    private static readonly int[] Lengths = [ReferenceParallelism.Threshold - 1, ReferenceParallelism.Threshold, ReferenceParallelism.Threshold + 1, 100_003, 1_000_007];

    private static readonly ConcurrentDictionary<int, double[][]> GradientCache = new();

    public static TheoryData<string> GradientOptimizers => new(OptimizerCatalog.GradientOptimizers.Select(o => o.Name));

    public static TheoryData<string> FiniteSumOptimizers => new(OptimizerCatalog.FiniteSumOptimizers.Select(o => o.Name));

    [Fact]
    public void The_test_lengths_straddle_the_threshold_and_split_into_uneven_chunks()
    {
        ThreadSetting.With(-1, () =>
        {
            Assert.False(ReferenceParallelism.RunsInParallel(Lengths[0]));
            Assert.All(Lengths[1..], d => Assert.True(ReferenceParallelism.RunsInParallel(d)));
            Assert.All(Lengths[2..], d => Assert.NotEqual(0, d % ReferenceParallelism.ChunkSize));
        });
        ThreadSetting.With(1, () => Assert.All(Lengths, d => Assert.False(ReferenceParallelism.RunsInParallel(d))));
    }

    [Theory]
    [MemberData(nameof(GradientOptimizers))]
    public void Gradient_steps_are_the_same_bits_on_any_thread_count(string name)
    {
        Func<IGradientOptimizer> create = OptimizerCatalog.GradientOptimizers.Single(o => o.Name == name).Create;
        foreach (int d in Lengths)
        {
            (double[] theta, OptimizerState state) sequential = ThreadSetting.With(1, () => RunGradient(create(), d));
            foreach (int degree in Degrees)
            {
                (double[] theta, OptimizerState state) parallel = ThreadSetting.With(degree, () => RunGradient(create(), d));
                Bits.Equal(sequential.theta, parallel.theta, $"{name}, d = {d}, {degree} threads: θ");
                Assert.Null(sequential.state.FirstBitDifference(parallel.state));
            }
        }
    }

    [Theory]
    [MemberData(nameof(FiniteSumOptimizers))]
    public void Finite_sum_steps_are_the_same_bits_on_any_thread_count(string name)
    {
        Func<IFiniteSumOptimizer> create = OptimizerCatalog.FiniteSumOptimizers.Single(o => o.Name == name).Create;
        foreach (int d in new[] { ReferenceParallelism.Threshold + 1, 100_003 })
        {
            LeastSquaresProblem problem = Problem(d);
            (double[] theta, OptimizerState state) sequential = ThreadSetting.With(1, () => RunFiniteSum(create(), problem));
            foreach (int degree in Degrees)
            {
                (double[] theta, OptimizerState state) parallel = ThreadSetting.With(degree, () => RunFiniteSum(create(), problem));
                Bits.Equal(sequential.theta, parallel.theta, $"{name}, d = {d}, {degree} threads: θ");
                Assert.Null(sequential.state.FirstBitDifference(parallel.state));
            }
        }
    }

    [Theory]
    [InlineData(StochGradAdamVariant.MaskedAdam, 0.0, WeightDecayMode.Coupled, false)]
    [InlineData(StochGradAdamVariant.MaskedAdam, 0.01, WeightDecayMode.Decoupled, true)]
    [InlineData(StochGradAdamVariant.CodePort, 0.01, WeightDecayMode.Coupled, false)]
    [InlineData(StochGradAdamVariant.PaperAlg1, 0.0, WeightDecayMode.Coupled, true)]
    [InlineData(StochGradAdamVariant.MaskedUpdate, 0.0, WeightDecayMode.Coupled, false)]
    [InlineData(StochGradAdamVariant.MaskedUpdate, 0.01, WeightDecayMode.Coupled, true)]
    [InlineData(StochGradAdamVariant.MaskedUpdate, 0.01, WeightDecayMode.Decoupled, false)]
    public void Masked_steps_on_seven_threads_are_the_per_coordinate_definition(StochGradAdamVariant variant, double wd, WeightDecayMode mode, bool box)
    {
        // The mask bit of coordinate j at step t comes from PhiloxStream.UInt32(t, j) alone, and each coordinate is
        // updated by AdamElementwise.UpdateCoordinate: nothing here is chunked, sliced, vectorised or drawn in bulk.
        var options = new StochGradAdamOptions
        {
            Variant = variant, SamplingRate = 0.7, Seed = 0x1234_5678_9ABCUL, WeightDecay = wd, WeightDecayMode = mode,
            Box = box ? new Box(-0.5, 0.5) : null,
        };
        const int d = 100_003;
        (double[] actualTheta, OptimizerState actual) = ThreadSetting.With(7, () => RunGradient(new StochGradAdam(options), d));

        var optimizer = new StochGradAdam(options);
        OptimizerState state = optimizer.Init(d);
        double[] theta = InitialTheta(d);
        var stream = new PhiloxStream(options.Seed, RandomStream.GradientMask);
        ulong threshold = BernoulliThreshold.For(options.SamplingRate);
        double[] m = state.Buffer("m"), v = state.Buffer("v");
        for (int t = 1; t <= Steps; t++)
        {
            double[] g = Gradients(d)[t - 1];
            double alpha = options.Schedule.At(t);
            double coupled = mode == WeightDecayMode.Coupled ? wd : 0.0;
            double factor = mode == WeightDecayMode.Decoupled && wd != 0.0 ? 1.0 - alpha * wd : 1.0;
            double b1 = state.Scalar("beta1_pow") * options.Beta1, b2 = state.Scalar("beta2_pow") * options.Beta2;
            AdamStepScalars dense = variant == StochGradAdamVariant.MaskedUpdate ? default : optimizer.ScalarsFor(t, state, alpha, b1, b2);
            double unused = 0.0;
            for (int j = 0; j < d; j++)
            {
                bool keep = BernoulliThreshold.Keeps(stream.UInt32((ulong)t, (ulong)j), threshold);
                double decayed = coupled != 0.0 ? g[j] + coupled * theta[j] : g[j];
                if (variant != StochGradAdamVariant.MaskedUpdate)
                {
                    theta[j] = AdamElementwise.UpdateCoordinate(dense, theta[j] * factor, ref m[j], ref v[j], ref unused, keep ? decayed : 0.0, options.Box);
                }
                else if (keep)
                {
                    double[] count = state.Buffer(StochGradAdam.Count), p1 = state.Buffer(StochGradAdam.CoordinateBeta1Power), p2 = state.Buffer(StochGradAdam.CoordinateBeta2Power);
                    count[j] += 1.0;
                    p1[j] *= options.Beta1;
                    p2[j] *= options.Beta2;
                    var lazy = new AdamStepScalars(
                        options.Beta1, 1.0 - options.Beta1, options.Beta2, 1.0 - options.Beta2, 1.0 - p1[j], 1.0 - p2[j], alpha,
                        options.ResolvedEpsilon, options.ResolvedEpsilonPlacement, AmsGradMax: false);
                    theta[j] = AdamElementwise.UpdateCoordinate(lazy, theta[j] * factor, ref m[j], ref v[j], ref unused, decayed, options.Box);
                }
            }

            state.SetScalar("beta1_pow", b1);
            state.SetScalar("beta2_pow", b2);
            state.SetScalar("lambda_pow", state.Scalar("lambda_pow") * options.Beta1Decay);
            state.RestoreStep(t);
        }

        Bits.Equal(theta, actualTheta, $"{variant}: θ");
        Assert.Null(state.FirstBitDifference(actual));
    }

    [Fact]
    public void Mask_is_the_per_coordinate_threshold_test_above_the_threshold()
    {
        var optimizer = new StochGradAdam(new StochGradAdamOptions { SamplingRate = 0.3, Seed = 99 });
        var stream = new PhiloxStream(99, RandomStream.GradientMask);
        ulong threshold = BernoulliThreshold.For(0.3);
        bool[] mask = optimizer.Mask(5, 100_003);
        for (int j = 0; j < mask.Length; j++)
        {
            Assert.True(mask[j] == BernoulliThreshold.Keeps(stream.UInt32(5, (ulong)j), threshold), $"coordinate {j}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void A_rejected_long_gradient_names_its_first_bad_coordinate_and_changes_nothing(int degree)
    {
        const int d = 1_000_007;
        double[] g = (double[])Gradients(d)[0].Clone();
        g[999_999] = double.NaN;             // in a late chunk
        g[3 * ReferenceParallelism.ChunkSize + 5] = double.NegativeInfinity;
        g[700_001] = double.PositiveInfinity;
        var adam = new Adam();
        OptimizerState state = adam.Init(d);
        double[] theta = InitialTheta(d);
        OptimizerState before = state.Clone();
        double[] thetaBefore = (double[])theta.Clone();

        var e = ThreadSetting.With(degree, () => Assert.Throws<InvalidGradientException>(() => adam.Step(state, theta, g)));

        Assert.Equal(3 * ReferenceParallelism.ChunkSize + 5, e.Index);
        Assert.Equal(double.NegativeInfinity, e.Value);
        Bits.Equal(thetaBefore, theta, "θ");
        Assert.Null(before.FirstBitDifference(state));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    [InlineData(int.MinValue)]
    public void The_thread_setting_takes_every_core_one_thread_or_a_positive_bound(int invalid)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReferenceParallelism.MaxDegreeOfParallelism = invalid);
        Assert.Equal(-1, ReferenceParallelism.MaxDegreeOfParallelism);
    }

    private static (double[] Theta, OptimizerState State) RunGradient(IGradientOptimizer optimizer, int d)
    {
        OptimizerState state = optimizer.Init(d);
        double[] theta = InitialTheta(d);
        foreach (double[] g in Gradients(d))
        {
            optimizer.Step(state, theta, g);
        }

        return (theta, state);
    }

    private static (double[] Theta, OptimizerState State) RunFiniteSum(IFiniteSumOptimizer optimizer, LeastSquaresProblem problem)
    {
        OptimizerState state = optimizer.Init(problem);
        double[] theta = InitialTheta(problem.Dimension);
        for (int t = 0; t < Steps; t++)
        {
            optimizer.Step(state, theta, problem);
        }

        return (theta, state);
    }

    // θ₁ in [−0.75, 0.75) with exact zeros of both signs; gradients over eight decades with zeros of both signs, so
    // that the ε, 0/0 and box branches and the masked-out select all occur.
    private static double[] InitialTheta(int d) => Values(d, step: 1_000_000, scale: 1.5, decades: 1);

    private static double[][] Gradients(int d) =>
        GradientCache.GetOrAdd(d, n => Enumerable.Range(1, Steps).Select(t => Values(n, (ulong)t, scale: 2.0, decades: 8)).ToArray());

    private static double[] Values(int d, ulong step, double scale, int decades)
    {
        var values = new double[d];
        new PhiloxStream(20261202, RandomStream.Instances).FillUniformDouble(step, 0, values);
        for (int j = 0; j < d; j++)
        {
            values[j] = j % 97 == 0 ? 0.0 : j % 89 == 0 ? -0.0 : (values[j] - 0.5) * scale * Math.Pow(10, -(j % decades));
        }

        return values;
    }

    private static LeastSquaresProblem Problem(int d)
    {
        const int n = 5;
        double[][] rows = Enumerable.Range(0, n).Select(i => Values(d, 2_000_000 + (ulong)i, scale: 2.0 / Math.Sqrt(d), decades: 1)).ToArray();
        double[] targets = Enumerable.Range(0, n).Select(i => i - 2.0).ToArray();
        return new LeastSquaresProblem(rows, targets);
    }
}
