using Verification.Gpu.Torch;
using Verification.Properties.Gpu;

namespace Verification.Golden.Accelerator;

/// <summary>
/// A theory that is reported as skipped, with the reason, when TorchSharp cannot load here (the device chosen as
/// <see cref="TorchBackend.Create"/> chooses, so <c>VERIFICATION_TORCH_DEVICE</c> applies); with <c>CI</c> set it
/// runs and fails instead (<see cref="AcceleratorTestPolicy"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class TorchGoldenTheoryAttribute : TheoryAttribute
{
    private static readonly Lazy<string?> Reason = new(() =>
        TorchBackend.IsAvailable(out string reason) ? null : "These tests run the golden scenarios on the TorchSharp backend, which cannot load here. " + reason);

    private static readonly Lazy<TorchBackend> SharedBackend = new(() =>
        Reason.Value is { } reason ? throw AcceleratorTestPolicy.Unavailable(reason) : TorchBackend.Create());

    /// <summary>Sets <see cref="FactAttribute.Skip"/> when TorchSharp cannot load (not on CI).</summary>
    public TorchGoldenTheoryAttribute() => Skip = AcceleratorTestPolicy.SkipReason(Reason.Value);

    /// <summary>The backend shared by the golden TorchSharp tests.</summary>
    public static TorchBackend Backend => SharedBackend.Value;
}
