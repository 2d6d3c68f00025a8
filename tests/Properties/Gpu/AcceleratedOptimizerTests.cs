using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Verification.Gpu.Optimizers;
using Verification.Properties.Support;
using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;
using Xunit.Abstractions;
using SgaOptimizer = Verification.Reference.Optimizers.StochGradAdam.StochGradAdam;

namespace Verification.Properties.Gpu;

/// <summary>
/// Every configuration of <see cref="OptimizerCatalog.GradientOptimizers"/> run by <see cref="AcceleratedOptimizer{T}"/>
/// on the OpenCL device against the reference class itself (PyTorch's test_foreach_matches_forloop idea): in double,
/// θ and every state entry equal the reference bit for bit after every step (a step with an all-zero gradient
/// included) and StochGradAdam's in-kernel masks equal <see cref="SgaOptimizer.Mask"/>; in float, each step is within
/// the documented bound of the reference's double step taken from the same state.
/// </summary>
public sealed class AcceleratedOptimizerTests(ITestOutputHelper output)
{
    /// <summary>FsCheck trials per catalogue entry for the double property.</summary>
    private const int DoubleTrials = 12;

    /// <summary>FsCheck trials per catalogue entry for the float property.</summary>
    private const int FloatTrials = 6;

    /// <summary>The large dimension (not a multiple of 4 or of any common work-group size).</summary>
    private const int Large = 100_003;

    /// <summary>
    /// The float bound, 2^-19 relative (the bound AdamFamilyKernelTests documents for one float step), here against
    /// |before| + |after| + |after − before| of each quantity, with inputs chosen so no sum cancels (θ_j and g_j share
    /// a sign, |θ| in [1, 4], |g| in [2^-10, 2^2] or 0).
    /// </summary>
    private static readonly double FloatTolerance = Math.ScaleB(1.0, -19);

    private static readonly int[] Sizes = [0, 1, 2, 3, 5, 7, 13, 31, 257, 1001];

    [OpenClFact(RequiresFloat64 = true)]
    public void Every_catalogue_optimizer_runs_on_the_accelerator_bit_for_bit_in_double()
    {
        foreach ((string name, Func<IGradientOptimizer> create) in OptimizerCatalog.GradientOptimizers)
        {
            Gen<Case> cases =
                from size in Gen.Elements(Sizes)
                from steps in Gen.Choose(1, 5)
                from zeroStep in Gen.Choose(0, steps)
                from dataSeed in Gen.Choose(0, int.MaxValue)
                from hyperSeed in Gen.Choose(-1, int.MaxValue)
                select new Case(name, size, steps, zeroStep, dataSeed, hyperSeed);
            GpuGenerators.Check(Prop.ForAll(Arb.From(cases), c => RunDouble(create, c)), DoubleTrials);
        }
    }

    [OpenClFact(RequiresFloat64 = true)]
    public void Every_catalogue_optimizer_matches_bit_for_bit_at_a_large_dimension()
    {
        foreach ((string name, Func<IGradientOptimizer> create) in OptimizerCatalog.GradientOptimizers)
        {
            RunDouble(create, new Case(name, Large, Steps: 3, ZeroStep: 2, DataSeed: 11, HyperSeed: -1));
        }
    }

    [OpenClFact]
    public void Every_catalogue_optimizer_is_within_the_documented_float_bound()
    {
        double worst = 0.0;
        string worstWhere = "none";
        foreach ((string name, Func<IGradientOptimizer> create) in OptimizerCatalog.GradientOptimizers)
        {
            if (create() is SgaOptimizer { Options.Variant: StochGradAdamVariant.MaskedUpdate })
            {
                // The lazy kernel forms 1 − β₂^k on the device from float clocks: with β₂ = 0.999 that subtraction
                // cancels about 10 bits, so its float error is of order 2^-14, outside this bound (docs/gpu.md).
                continue;
            }

            Gen<Case> cases =
                from size in Gen.Elements(Sizes)
                from steps in Gen.Choose(1, 4)
                from zeroStep in Gen.Choose(0, steps)
                from dataSeed in Gen.Choose(0, int.MaxValue)
                from hyperSeed in Gen.Choose(-1, int.MaxValue)
                select new Case(name, size, steps, zeroStep, dataSeed, hyperSeed);
            GpuGenerators.Check(
                Prop.ForAll(Arb.From(cases), c =>
                {
                    (double ratio, string where) = RunFloat(create, c);
                    if (ratio > worst)
                    {
                        worst = ratio;
                        worstWhere = $"{c}: {where}";
                    }

                    Assert.True(ratio <= 1.0, string.Create(CultureInfo.InvariantCulture, $"{c}: float error {ratio:G4} × 2^-19 at {where}"));
                }),
                FloatTrials);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"worst float error: {worst * 32:F2} units of 2^-24 (bound 32) at {worstWhere}"));
    }

    [OpenClFact]
    public void An_optimizer_without_an_accelerator_implementation_is_refused()
    {
        Assert.Throws<NotSupportedException>(() => new AcceleratedOptimizer<double>(OpenClTestEnvironment.Backend, new Unknown(), 3));
    }

    [OpenClFact(RequiresFloat64 = true)]
    public void A_non_finite_gradient_is_rejected_before_anything_changes()
    {
        using var device = new AcceleratedOptimizer<double>(OpenClTestEnvironment.Backend, new Adam(), 3);
        device.SetParameters([1.0, 2.0, 3.0]);
        Assert.Throws<ArgumentException>(() => device.Step([0.0, double.NaN, 1.0]));
        Assert.Equal(0, device.StepCount);
        Assert.Equal([1.0, 2.0, 3.0], device.GetParameters());
    }

    private static void RunDouble(Func<IGradientOptimizer> create, Case c)
    {
        IGradientOptimizer reference = Perturb(create(), c.HyperSeed);
        var random = new Random(c.DataSeed);
        double[] theta = Values(random, c.Size, lo: -20, hi: 6);
        OptimizerState state = reference.Init(c.Size);
        using var device = new AcceleratedOptimizer<double>(OpenClTestEnvironment.Backend, reference, c.Size);
        device.SetParameters(theta);
        for (int t = 1; t <= c.Steps; t++)
        {
            double[] g = t == c.ZeroStep ? new double[c.Size] : Values(random, c.Size, lo: -24, hi: 10);
            reference.Step(state, theta, g);
            device.Step(g);
            string where = $"{c} ({reference.Name}) after step {t}";
            double[] deviceTheta = device.GetParameters();
            for (int j = 0; j < c.Size; j++)
            {
                if (BitConverter.DoubleToInt64Bits(deviceTheta[j]) != BitConverter.DoubleToInt64Bits(theta[j]))
                {
                    Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{where}: θ[{j}] {deviceTheta[j]:R} on the device vs {theta[j]:R}"));
                }
            }

            string? difference = state.FirstBitDifference(device.DownloadState());
            Assert.True(difference is null, $"{where}: reference vs device state: {difference}");
            if (reference is SgaOptimizer sga)
            {
                Assert.True(sga.Mask(t, c.Size).SequenceEqual(device.LastMask()), $"{where}: the device mask differs from StochGradAdam.Mask");
            }
        }
    }

    /// <summary>Float steps against the reference double step from the same (widened) state; the worst error as a multiple of the bound.</summary>
    private static (double Ratio, string Where) RunFloat(Func<IGradientOptimizer> create, Case c)
    {
        IGradientOptimizer reference = Perturb(create(), c.HyperSeed);
        var random = new Random(c.DataSeed);
        double[] sign = Enumerable.Range(0, c.Size).Select(_ => random.Next(2) == 0 ? -1.0 : 1.0).ToArray();
        float[] theta = sign.Select(s => (float)(s * (1.0 + (3.0 * random.NextDouble())))).ToArray();
        using var device = new AcceleratedOptimizer<float>(OpenClTestEnvironment.Backend, reference, c.Size);
        device.SetParameters(theta);
        double worst = 0.0;
        string worstWhere = "none";
        for (int t = 1; t <= c.Steps; t++)
        {
            float[] g = t == c.ZeroStep
                ? new float[c.Size]
                : sign.Select(s => (float)(s * Math.ScaleB(1.0 + random.NextDouble(), random.Next(-10, 2)))).ToArray();
            OptimizerState before = device.DownloadState();
            double[] thetaBefore = device.GetParametersAsDouble();
            OptimizerState expected = before.Clone();
            double[] thetaExpected = (double[])thetaBefore.Clone();
            reference.Step(expected, thetaExpected, g.Select(x => (double)x).ToArray());
            device.Step(g);
            OptimizerState after = device.DownloadState();
            Measure("θ", thetaBefore, thetaExpected, device.GetParametersAsDouble());
            foreach (string name in after.BufferNames)
            {
                Measure(name, before.Buffer(name), expected.Buffer(name), after.Buffer(name));
            }

            void Measure(string name, double[] b, double[] r, double[] a)
            {
                for (int j = 0; j < a.Length; j++)
                {
                    double error = Math.Abs(a[j] - r[j]);
                    double scale = Math.Abs(b[j]) + Math.Abs(r[j]) + Math.Abs(r[j] - b[j]);
                    double ratio = error == 0.0 ? 0.0 : error / (FloatTolerance * scale);
                    if (ratio > worst)
                    {
                        worst = ratio;
                        worstWhere = string.Create(CultureInfo.InvariantCulture, $"step {t} {name}[{j}]: float {a[j]:R} vs double {r[j]:R}");
                    }
                }
            }
        }

        return (worst, worstWhere);
    }

    /// <summary>Values ±m·2^e with e in [lo, hi], a random 53-bit mantissa, and a sprinkling of ±0.</summary>
    private static double[] Values(Random random, int size, int lo, int hi)
    {
        var values = new double[size];
        for (int j = 0; j < size; j++)
        {
            int kind = random.Next(16);
            values[j] = kind switch
            {
                0 => 0.0,
                1 => -0.0,
                _ => (random.Next(2) == 0 ? -1.0 : 1.0) * Math.ScaleB(1.0 + random.NextDouble(), random.Next(lo, hi + 1)),
            };
        }

        return values;
    }

    /// <summary>
    /// The catalogue configuration with its common hyperparameters redrawn from <paramref name="seed"/> (−1: as
    /// catalogued). Types this does not know come back unchanged, so new catalogue entries are still covered.
    /// </summary>
    private static IGradientOptimizer Perturb(IGradientOptimizer optimizer, int seed)
    {
        if (seed < 0)
        {
            return optimizer;
        }

        var r = new Random(seed);
        double Pick(params double[] values) => values[r.Next(values.Length)];
        double lr = Pick(1e-3, 0.01, 0.05, 0.3);
        double beta1 = Pick(0.9, 0.0, 0.5, 0.99);
        double beta2 = Pick(0.999, 0.99, 0.9, 0.5);
        double eps = Pick(1e-8, 0.0, 1e-3);
        return optimizer switch
        {
            Sgd o => new Sgd(o.Options with { LearningRate = lr }),
            AdaGrad o => new AdaGrad(o.Options with { LearningRate = lr, Epsilon = eps }),
            RmsProp o => new RmsProp(o.Options with { LearningRate = lr, Rho = beta2, Epsilon = eps }),
            Adam o => new Adam(o.Options with { LearningRate = lr, Beta1 = beta1, Beta2 = beta2, Epsilon = eps }),
            AmsGrad o => new AmsGrad(o.Options with { LearningRate = lr, Beta1 = beta1, Beta2 = beta2, Epsilon = eps }),
            SgaOptimizer o => new SgaOptimizer(o.Options with
            {
                LearningRate = lr,
                Beta1 = beta1,
                Beta2 = beta2,
                Seed = (ulong)r.NextInt64(),
                SamplingRate = Pick(0.8, 0.1, 0.5, 1.0),
            }),
            _ => optimizer,
        };
    }

    /// <summary>One property case: which catalogue entry, dimension, steps, the all-zero step (0: none), data and hyperparameter seeds.</summary>
    private sealed record Case(string Name, int Size, int Steps, int ZeroStep, int DataSeed, int HyperSeed);

    private sealed class Unknown : IGradientOptimizer
    {
        public string Name => "unknown";

        public OptimizerState Init(int dimension) => new(Name, [], []);

        public void Step(OptimizerState state, Span<double> parameters, ReadOnlySpan<double> gradient)
        {
        }
    }
}
