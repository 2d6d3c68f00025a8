using Verification.Gpu;
using Verification.Gpu.Devices;
using Verification.Properties.Gpu;

namespace Verification.Golden.Accelerator;

/// <summary>
/// A theory that is reported as skipped, with the reason, when no OpenCL device with fp64 is usable here (selected as
/// <see cref="OpenClDevices.Select"/> selects, so <c>VERIFICATION_OPENCL_DEVICE</c> applies); with <c>CI</c> set it
/// runs and fails instead (<see cref="AcceleratorTestPolicy"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class OpenClGoldenTheoryAttribute : TheoryAttribute
{
    private static readonly Lazy<(OpenClDeviceInfo? Device, string? Reason)> Probe = new(() =>
    {
        if (!OpenClDevices.IsAvailable(out string reason) || !OpenClDevices.TrySelect(null, out OpenClDeviceInfo? device, out reason))
        {
            return (null, "These tests run the golden scenarios on an OpenCL device and none is usable here. " + reason);
        }

        return device.SupportsFloat64
            ? (device, null)
            : (null, $"These tests run double-precision kernels and the selected OpenCL device {device.Description} has no fp64.");
    });

    private static readonly Lazy<OpenClBackend> SharedBackend = new(() =>
        new OpenClBackend(Probe.Value.Device ?? throw AcceleratorTestPolicy.Unavailable(Probe.Value.Reason!)));

    /// <summary>Sets <see cref="FactAttribute.Skip"/> when no fp64 OpenCL device is usable (not on CI).</summary>
    public OpenClGoldenTheoryAttribute() => Skip = AcceleratorTestPolicy.SkipReason(Probe.Value.Reason);

    /// <summary>The backend shared by the golden accelerator tests.</summary>
    public static OpenClBackend Backend => SharedBackend.Value;
}
