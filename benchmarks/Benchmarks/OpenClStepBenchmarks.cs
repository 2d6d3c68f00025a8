using Verification.Gpu;

namespace Verification.Benchmarks;

/// <summary>
/// OpenCL Adam step throughput (56 B moved per element: read θ, m, v, g; write θ, m, v) next to the OpenCL STREAM
/// triad (24 B per element) in the same run; masked_adam draws its mask in-kernel from Philox; each measured operation
/// ends with clFinish. Skipped (empty benchmark) on machines without an OpenCL device.
/// </summary>
public class OpenClStepBenchmarks : DeviceStepBenchmarks
{
    /// <inheritdoc/>
    protected override IGradientMethodBackend? Open() => OpenClBackend.IsAvailable() ? OpenClBackend.Create() : null;
}
