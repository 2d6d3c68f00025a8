using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Verification.Gpu.CrossCheck;
using Verification.Gpu.Optimizers;
using Verification.Gpu.Torch;
using Verification.Reference.Optimizers;
using Xunit.Abstractions;

namespace Verification.Properties.Gpu;

/// <summary>
/// The TorchSharp backend held to the same checks as the OpenCL one: every configuration of
/// <see cref="OptimizerCatalog.GradientOptimizers"/> run by <see cref="AcceleratedOptimizer{T}"/> on torch tensors
/// against the reference class, θ and every state entry (and StochGradAdam's keep bits) after every step, sizes 0 to
/// 100,003. In float64 every field is bitwise: the backend uses only separately rounded tensor operations in the
/// reference's order (<see cref="TorchBackend"/>), so no field needs a ULP bound. In float32 each step is within the
/// documented 2^-19 bound (<see cref="FloatCrossCheck.Tolerance"/>) of the reference's double step, and the
/// Adam-family update equals an IEEE float host loop bit for bit.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TorchOptimizerTests(ITestOutputHelper output)
{
    /// <summary>FsCheck trials per catalogue entry for the double property (as for OpenCL).</summary>
    private const int DoubleTrials = 12;

    /// <summary>FsCheck trials per catalogue entry for the float property (as for OpenCL).</summary>
    private const int FloatTrials = 6;

    /// <summary>FsCheck trials of the Adam-family oracle properties (fewer than OpenCL's 200: each trial is a few dozen small tensor operations).</summary>
    private const int OracleTrials = 100;

    /// <summary>The large dimension (prime, so no vector width divides it).</summary>
    private const int Large = 100_003;

    private static readonly int[] Sizes = [0, 1, 2, 3, 5, 7, 13, 31, 257, 1001];

    [TorchFact]
    public void Every_catalogue_optimizer_runs_on_torch_bit_for_bit_in_double()
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

    [TorchFact]
    public void Every_catalogue_optimizer_matches_bit_for_bit_at_a_large_dimension()
    {
        foreach ((string name, Func<IGradientOptimizer> create) in OptimizerCatalog.GradientOptimizers)
        {
            RunDouble(create, new CrossCheckCase(name, Large, Steps: 3, ZeroStep: 2, DataSeed: 11, HyperSeed: -1));
        }
    }

    [TorchFact]
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
                    FloatCrossCheckResult result = FloatCrossCheck.Run(TorchTestEnvironment.Backend, create(), c);
                    if (result.WorstRatio > worst)
                    {
                        worst = result.WorstRatio;
                        worstWhere = $"{c}: {result.Worst?.Describe()}";
                    }

                    Assert.True(result.WorstRatio <= 1.0, string.Create(CultureInfo.InvariantCulture, $"{c}: float error {result.WorstRatio:G4} × 2^-19 at {result.Worst?.Describe()}"));
                }),
                FloatTrials);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"worst float error: {worst * 32:F2} units of 2^-24 (bound 32) at {worstWhere}"));
    }

    [TorchFact]
    public void Adam_family_update_equals_the_host_loop_bit_for_bit_in_double() =>
        GpuGenerators.Check(Prop.ForAll(AdamFamilyKernelTests.AnyCase, c => AdamFamilyKernelTests.AssertTrajectoryMatches<double>(TorchTestEnvironment.Backend, c)), OracleTrials);

    [TorchFact]
    public void Adam_family_update_equals_the_IEEE_float_host_loop_bit_for_bit() =>
        GpuGenerators.Check(Prop.ForAll(AdamFamilyKernelTests.FloatSafeCase, c => AdamFamilyKernelTests.AssertTrajectoryMatches<float>(TorchTestEnvironment.Backend, c)), OracleTrials);

    [TorchFact]
    public void A_changed_operation_order_is_caught_by_the_bitwise_check()
    {
        var c = new CrossCheckCase("adam", 1001, Steps: 3, ZeroStep: 0, DataSeed: 4, HyperSeed: -1);
        Assert.True(DoubleCrossCheck.Run(TorchTestEnvironment.Backend, new Adam(), c).Matches);
        using var mutated = new ReorderedAdamTorchBackend(TorchTestEnvironment.Backend);
        DoubleCrossCheckResult result = DoubleCrossCheck.Run(mutated, new Adam(), c);
        TrajectoryMismatch mismatch = result.Mismatch ?? throw new Xunit.Sdk.XunitException("θ − (α·m̂)/den instead of θ − α·(m̂/den) went unnoticed");
        Assert.Equal((1, "theta"), (mismatch.Step, mismatch.Quantity));
        output.WriteLine("caught: " + mismatch.Describe());
    }

    [TorchFact]
    public void A_vector_of_another_backend_is_refused_with_a_clear_message()
    {
        TorchBackend backend = TorchTestEnvironment.Backend;
        using IDeviceVectorHolder holder = new(backend);
        ArgumentException error = Assert.Throws<ArgumentException>(() => backend.SgdUpdate(holder.Theta, holder.Foreign, 0.1, null));
        Assert.Contains("not a vector allocated by a TorchSharp backend", error.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void An_unknown_torch_device_name_is_refused()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => TorchBackend.Create("tpu"));
        Assert.Contains("expected cpu, cuda or cuda:N", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_libstdcxx_too_old_for_the_native_library_is_explained_in_one_line()
    {
        string reason = TorchRuntime.Diagnose(
            "/app/runtimes/linux-x64/native/libLibTorchSharp.so",
            "Unable to load shared library '/app/runtimes/linux-x64/native/libLibTorchSharp.so' or one of its dependencies. If you're using glibc, consider setting the LD_DEBUG environment variable: \n/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by /app/runtimes/linux-x64/native/libLibTorchSharp.so)");
        Assert.DoesNotContain('\n', reason);
        Assert.Contains("GLIBCXX_3.4.32", reason, StringComparison.Ordinal);
        Assert.Contains("tools/torch/compat.sh /app/runtimes/linux-x64/native", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_loader_error_is_reported_in_the_loaders_own_words()
    {
        string reason = TorchRuntime.Diagnose(
            "/app/libLibTorchSharp.so",
            "Unable to load shared library '/app/libLibTorchSharp.so' or one of its dependencies. Consider LD_DEBUG: \nlibtorch.so: cannot open shared object file: No such file or directory\n");
        Assert.Equal("TorchSharp cannot load /app/libLibTorchSharp.so: libtorch.so: cannot open shared object file: No such file or directory", reason);
    }

    private static void RunDouble(Func<IGradientOptimizer> create, CrossCheckCase c)
    {
        DoubleCrossCheckResult result = DoubleCrossCheck.Run(TorchTestEnvironment.Backend, create(), c);
        Assert.True(result.Matches, $"{c}: {result.Mismatch}");
    }

    /// <summary>A torch θ and a host-memory vector that no backend allocated.</summary>
    private sealed class IDeviceVectorHolder(TorchBackend backend) : IDisposable
    {
        public Verification.Gpu.IDeviceVector<double> Theta { get; } = backend.Allocate<double>(3);

        public Verification.Gpu.IDeviceVector<double> Foreign { get; } = new HostVector(3);

        public void Dispose() => Theta.Dispose();
    }

    private sealed class HostVector(int length) : Verification.Gpu.IDeviceVector<double>
    {
        private readonly double[] _data = new double[length];

        public int Length => _data.Length;

        public void Upload(ReadOnlySpan<double> source) => source.CopyTo(_data);

        public void Download(Span<double> destination) => _data.CopyTo(destination);

        public void Dispose()
        {
        }
    }
}
