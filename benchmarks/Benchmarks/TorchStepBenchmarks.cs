using Verification.Gpu;
using Verification.Gpu.Torch;

namespace Verification.Benchmarks;

/// <summary>
/// TorchSharp Adam step throughput next to a STREAM triad written as tensor operations (b + c·q, two operations) in
/// the same run: the float64 step as the backend takes it (separate tensor operations in the reference's order and the
/// corrected square root, see TorchBackend), the float32 step, and masked_adam with its mask drawn on the host and
/// uploaded. Data stay resident on the torch device; each measured operation ends with a synchronisation. Skipped
/// (empty benchmark) where TorchSharp cannot load.
/// </summary>
public class TorchStepBenchmarks : DeviceStepBenchmarks
{
    /// <inheritdoc/>
    protected override IGradientMethodBackend? Open() => TorchBackend.IsAvailable() ? TorchBackend.Create() : null;
}
