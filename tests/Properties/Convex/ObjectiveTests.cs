using FsCheck;
using FsCheck.Fluent;
using Verification.Convex.Objectives;
using Verification.Properties.Support;
using Verification.Reference.Problems;

namespace Verification.Properties.Convex;

public sealed class ObjectiveTests
{
    // Central differences with h = 1e-6 have truncation error ~h²·|f'''| ≈ 1e-12 and rounding error ~ε·|f|/h ≈ 1e-10
    // for |f| ≲ 10; 1e-6 relative (to max(1, |g|)) leaves a wide margin for both and still catches any wrong term.
    private const double FiniteDifferenceTolerance = 1e-6;
    private const double Step = 1e-6;

    // Full-batch sums of ~20 terms versus per-example sums: different association only, so a few ulps of the largest
    // partial sum; 1e-12 relative to the magnitude.
    private const double ReassociationTolerance = 1e-12;

    public static IEnumerable<object[]> Seeds => Enumerable.Range(1, 6).Select(i => new object[] { (ulong)i });

    private static IEnumerable<(string Name, IFiniteSumObjective Example, ISmoothConvexObjective Full)> Problems(ulong seed)
    {
        var binary = Instances.Binary(seed);
        var multinomial = Instances.Multinomial(seed);
        yield return ("binary", binary, binary);
        yield return ("multinomial", multinomial, multinomial);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Example_gradients_match_central_differences(ulong seed)
    {
        foreach ((string name, IFiniteSumObjective f, _) in Problems(seed))
        {
            double[] theta = Instances.Vector(seed, 1, f.Dimension, 2.0);
            var g = new double[f.Dimension];
            for (int i = 0; i < f.ExampleCount; i += 3)
            {
                f.ExampleGradient(i, theta, g);
                for (int j = 0; j < f.Dimension; j++)
                {
                    double fd = CentralDifference(t => f.ExampleLoss(i, t), theta, j);
                    Assert.True(Math.Abs(fd - g[j]) <= FiniteDifferenceTolerance * Math.Max(1.0, Math.Abs(g[j])),
                        $"{name} seed {seed} example {i} coordinate {j}: analytic {g[j]:R}, finite difference {fd:R}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Full_batch_gradient_matches_central_differences_and_the_mean_of_example_gradients(ulong seed)
    {
        foreach ((string name, IFiniteSumObjective f, ISmoothConvexObjective full) in Problems(seed))
        {
            double[] theta = Instances.Vector(seed, 2, f.Dimension, 2.0);
            var g = new double[f.Dimension];
            double value = full.ValueAndGradient(theta, g);
            Assert.Equal(value, full.Value(theta));
            var mean = new double[f.Dimension];
            var gi = new double[f.Dimension];
            double meanLoss = 0.0;
            for (int i = 0; i < f.ExampleCount; i++)
            {
                f.ExampleGradient(i, theta, gi);
                meanLoss += f.ExampleLoss(i, theta) / f.ExampleCount;
                for (int j = 0; j < gi.Length; j++)
                {
                    mean[j] += gi[j] / f.ExampleCount;
                }
            }

            Assert.True(Math.Abs(meanLoss - value) <= ReassociationTolerance * Math.Max(1.0, value), $"{name}: F {value:R} vs mean of f_i {meanLoss:R}");
            for (int j = 0; j < g.Length; j++)
            {
                Assert.True(Math.Abs(mean[j] - g[j]) <= ReassociationTolerance * Math.Max(1.0, Math.Abs(g[j])) * 10, $"{name} coordinate {j}");
                double fd = CentralDifference(t => full.Value(t), theta, j);
                Assert.True(Math.Abs(fd - g[j]) <= FiniteDifferenceTolerance * Math.Max(1.0, Math.Abs(g[j])), $"{name} coordinate {j}: {g[j]:R} vs {fd:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Hessian_vector_products_match_differences_of_gradients(ulong seed)
    {
        foreach ((string name, IFiniteSumObjective f, ISmoothConvexObjective full) in Problems(seed))
        {
            double[] theta = Instances.Vector(seed, 3, f.Dimension, 1.0);
            double[] v = Instances.Vector(seed, 4, f.Dimension, 1.0);
            var hv = new double[f.Dimension];
            full.Hessian(theta).Multiply(v, hv);
            var plus = new double[f.Dimension];
            var minus = new double[f.Dimension];
            full.ValueAndGradient(theta.Zip(v, (t, d) => t + Step * d).ToArray(), plus);
            full.ValueAndGradient(theta.Zip(v, (t, d) => t - Step * d).ToArray(), minus);
            for (int j = 0; j < hv.Length; j++)
            {
                double fd = (plus[j] - minus[j]) / (2 * Step);
                Assert.True(Math.Abs(fd - hv[j]) <= FiniteDifferenceTolerance * Math.Max(1.0, Math.Abs(hv[j])), $"{name} coordinate {j}: {hv[j]:R} vs {fd:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Closed_form_gradient_norm_equals_the_norm_of_the_materialised_gradient(ulong seed)
    {
        foreach ((string name, IFiniteSumObjective f, _) in Problems(seed))
        {
            double[] theta = Instances.Vector(seed, 5, f.Dimension, 3.0);
            var g = new double[f.Dimension];
            var batch = new double[f.ExampleCount];
            f.ExampleGradientNorms(theta, batch);

            for (int i = 0; i < f.ExampleCount; i++)
            {
                f.ExampleGradient(i, theta, g);
                double materialised = Math.Sqrt(g.Sum(x => x * x));
                double closed = f.ExampleGradientNorm(i, theta);
                // The closed form adds three terms whose sum is ‖g‖²; rounding is relative to the terms, which are at
                // most a few times ‖g‖² here, so 1e-10 relative is loose yet tight enough to catch a missing term.
                Assert.True(Math.Abs(closed - materialised) <= 1e-10 * (1.0 + materialised), $"{name} example {i}: {closed:R} vs {materialised:R}");
                // The bulk pass computes ‖θ‖² once and must return the per-example bits (IFiniteSumObjective's contract):
                // the DASGrad refresh uses it, and a sampled index may not depend on which path computed the norms.
                Assert.Equal(BitConverter.DoubleToInt64Bits(closed), BitConverter.DoubleToInt64Bits(batch[i]));
            }
        }
    }

    [Fact]
    public void Losses_are_convex_along_random_segments()
    {
        // f(tθ₁ + (1−t)θ₂) ≤ t f(θ₁) + (1−t) f(θ₂), up to rounding of the three evaluations (1e-12 relative).
        Gen<(int Seed, int Step, int T)> cases =
            from seed in Gen.Choose(1, 1_000_000)
            from step in Gen.Choose(1, 1_000_000)
            from t in Gen.Choose(0, 1000)
            select (seed, step, t);
        Property property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            double t = c.T / 1000.0;
            foreach ((_, IFiniteSumObjective f, ISmoothConvexObjective full) in Problems((ulong)c.Seed))
            {
                double[] a = Instances.Vector((ulong)c.Seed, (ulong)c.Step, f.Dimension, 5.0);
                double[] b = Instances.Vector((ulong)c.Seed, (ulong)c.Step + 1_000_003, f.Dimension, 5.0);
                double[] m = a.Zip(b, (x, y) => t * x + (1 - t) * y).ToArray();
                for (int i = 0; i < f.ExampleCount; i += 4)
                {
                    double fa = f.ExampleLoss(i, a), fb = f.ExampleLoss(i, b), fm = f.ExampleLoss(i, m);
                    if (fm > t * fa + (1 - t) * fb + 1e-12 * (1 + Math.Abs(fa) + Math.Abs(fb)))
                    {
                        return false;
                    }
                }

                double Fa = full.Value(a), Fb = full.Value(b), Fm = full.Value(m);
                if (Fm > t * Fa + (1 - t) * Fb + 1e-12 * (1 + Math.Abs(Fa) + Math.Abs(Fb)))
                {
                    return false;
                }
            }

            return true;
        });
        Check.One(Generators.Config(100), property);
    }

    [Fact]
    public void Extreme_margins_give_finite_losses_and_gradients()
    {
        Assert.Equal(1000.0, LogisticMath.BinaryLoss(-1000.0, 1.0));
        Assert.Equal(0.0, LogisticMath.BinaryLoss(1000.0, 1.0));
        Assert.Equal(Math.Log(2), LogisticMath.Log1pExp(0.0));
        Assert.Equal(1.0, LogisticMath.Sigmoid(800.0));
        Assert.Equal(0.0, LogisticMath.Sigmoid(-800.0));
        Assert.Equal(1e4 + Math.Log(2), LogisticMath.LogSumExp([1e4, 1e4, -1e4]));
        var p = new double[3];
        LogisticMath.Softmax([1e4, -1e4, 1e4], p);
        Assert.Equal([0.5, 0.0, 0.5], p);

        var f = Instances.Multinomial(3);
        double[] theta = Instances.Vector(3, 9, f.Dimension, 1e4);
        var g = new double[f.Dimension];
        Assert.True(double.IsFinite(f.ValueAndGradient(theta, g)));
        Assert.All(g, x => Assert.True(double.IsFinite(x)));
        Assert.True(double.IsFinite(f.ExampleGradientNorm(0, theta)));
    }

    [Fact]
    public async Task Full_batch_results_do_not_depend_on_the_thread_count()
    {
        // Thousands of examples so that the reduction spans many chunks; a scheduler of concurrency 1 makes Parallel.For
        // run every chunk on one thread. The chunk-ordered sum must give the same bits.
        var binary = Instances.Binary(11, n: 5000, p: 40);
        var multinomial = Instances.Multinomial(11, n: 3000, p: 30, k: 5);
        foreach (ISmoothConvexObjective f in new ISmoothConvexObjective[] { binary, multinomial })
        {
            double[] theta = Instances.Vector(11, 1, f.Dimension, 1.0);
            var parallel = new double[f.Dimension];
            double vp = f.ValueAndGradient(theta, parallel);
            var hvParallel = new double[f.Dimension];
            f.Hessian(theta).Multiply(theta, hvParallel);

            var serial = new double[f.Dimension];
            var hvSerial = new double[f.Dimension];
            var scheduler = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, 1).ExclusiveScheduler;
            double vs = await Task.Factory.StartNew(() =>
            {
                f.Hessian(theta).Multiply(theta, hvSerial);
                return f.ValueAndGradient(theta, serial);
            }, CancellationToken.None, TaskCreationOptions.None, scheduler);

            Assert.Equal(BitConverter.DoubleToInt64Bits(vp), BitConverter.DoubleToInt64Bits(vs));
            Assert.Equal(parallel, serial);
            Assert.Equal(hvParallel, hvSerial);
        }
    }

    [Fact]
    public void Labels_out_of_range_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new MultinomialLogisticRegression([1.0, 2.0], 1, [0, 3], 3, 0.1));
        Assert.Throws<ArgumentException>(() => new BinaryLogisticRegression(
            new Verification.Convex.Features.CsrMatrix(1, 1, [0, 1], [0], [1.0]), [2], 0.1));
    }

    private static double CentralDifference(Func<double[], double> f, double[] theta, int j)
    {
        double[] t = (double[])theta.Clone();
        t[j] = theta[j] + Step;
        double up = f(t);
        t[j] = theta[j] - Step;
        double down = f(t);
        return (up - down) / (2 * Step);
    }
}
