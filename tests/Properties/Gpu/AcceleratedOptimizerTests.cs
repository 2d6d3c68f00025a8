using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Verification.Gpu.CrossCheck;
using Verification.Gpu.Optimizers;
using Verification.Reference.Optimizers;
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

    private static readonly int[] Sizes = [0, 1, 2, 3, 5, 7, 13, 31, 257, 1001];

    [OpenClFact(RequiresFloat64 = true)]
    public void Every_catalogue_optimizer_runs_on_the_accelerator_bit_for_bit_in_double()
    {
        foreach ((string name, Func<IGradientOptimizer> create) in OptimizerCatalog.GradientOptimizers)
        {
            Gen<CrossCheckCase> cases =
                from size in Gen.Elements(Sizes)
                from steps in Gen.Choose(1, 5)
                from zeroStep in Gen.Choose(0, steps)
                from dataSeed in Gen.Choose(0, int.MaxValue)
                from hyperSeed in Gen.Choose(-1, int.MaxValue)
                select new CrossCheckCase(name, size, steps, zeroStep, dataSeed, hyperSeed);
            GpuGenerators.Check(Prop.ForAll(Arb.From(cases), c => RunDouble(create, c)), DoubleTrials);
        }
    }

    [OpenClFact(RequiresFloat64 = true)]
    public void Every_catalogue_optimizer_matches_bit_for_bit_at_a_large_dimension()
    {
        foreach ((string name, Func<IGradientOptimizer> create) in OptimizerCatalog.GradientOptimizers)
        {
            RunDouble(create, new CrossCheckCase(name, Large, Steps: 3, ZeroStep: 2, DataSeed: 11, HyperSeed: -1));
        }
    }

    [OpenClFact]
    public void Every_catalogue_optimizer_is_within_the_documented_float_bound()
    {
        double worst = 0.0;
        string worstWhere = "none";
        foreach ((string name, Func<IGradientOptimizer> create) in OptimizerCatalog.GradientOptimizers)
        {
            if (FloatCrossCheck.Exclusion(create()) is not null)
            {
                continue;
            }

            Gen<CrossCheckCase> cases =
                from size in Gen.Elements(Sizes)
                from steps in Gen.Choose(1, 4)
                from zeroStep in Gen.Choose(0, steps)
                from dataSeed in Gen.Choose(0, int.MaxValue)
                from hyperSeed in Gen.Choose(-1, int.MaxValue)
                select new CrossCheckCase(name, size, steps, zeroStep, dataSeed, hyperSeed);
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

    private static void RunDouble(Func<IGradientOptimizer> create, CrossCheckCase c)
    {
        DoubleCrossCheckResult result = DoubleCrossCheck.Run(OpenClTestEnvironment.Backend, create(), c);
        Assert.True(result.Matches, $"{c}: {result.Mismatch}");
    }

    /// <summary>Float steps against the reference double step from the same (widened) state; the worst error as a multiple of the bound.</summary>
    private static (double Ratio, string Where) RunFloat(Func<IGradientOptimizer> create, CrossCheckCase c)
    {
        FloatCrossCheckResult result = FloatCrossCheck.Run(OpenClTestEnvironment.Backend, create(), c);
        return (result.WorstRatio, result.Worst?.Describe() ?? "none");
    }

    private sealed class Unknown : IGradientOptimizer
    {
        public string Name => "unknown";

        public OptimizerState Init(int dimension) => new(Name, [], []);

        public void Step(OptimizerState state, Span<double> parameters, ReadOnlySpan<double> gradient)
        {
        }
    }
}
