using Verification.Gpu.Torch;

namespace Verification.Properties.Gpu;

/// <summary>
/// The TorchSharp backend the accelerator tests run on (the device chosen as <see cref="TorchBackend.Create"/>
/// chooses, so <c>VERIFICATION_TORCH_DEVICE</c> applies) and the reason to skip when TorchSharp cannot load.
/// </summary>
internal static class TorchTestEnvironment
{
    private static readonly Lazy<string?> Failure = new(() => TorchBackend.IsAvailable(out string reason) ? null : reason);

    private static readonly Lazy<TorchBackend> SharedBackend = new(() =>
        Failure.Value is { } reason ? throw AcceleratorTestPolicy.Unavailable(reason) : TorchBackend.Create());

    /// <summary>The backend shared by all TorchSharp tests.</summary>
    public static TorchBackend Backend => SharedBackend.Value;

    /// <summary>Why a TorchSharp test cannot run here, or null when it can (or when it must run and fail: CI).</summary>
    public static string? SkipReason() =>
        Failure.Value is { } reason ? AcceleratorTestPolicy.SkipReason("This test runs on the TorchSharp backend, which cannot load here. " + reason) : null;
}
