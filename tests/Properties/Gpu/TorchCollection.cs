namespace Verification.Properties.Gpu;

/// <summary>
/// The TorchSharp test classes share one process-wide libtorch backend (<see cref="TorchTestEnvironment"/>) and run alone,
/// one class at a time, after the parallel tests: a full-suite run once showed one residual of
/// <see cref="TorchLogisticRegressionTests"/> off by 2·10⁻¹² (far outside its 2^-50 bound) while other classes ran
/// concurrently, and never in isolation (the class passed every time alone). Running them apart keeps the bitwise
/// checks meaningful; the intermittent difference itself is still open (see docs/gpu.md, "Known issues").
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "TorchSharp backend (run alone)";
}
