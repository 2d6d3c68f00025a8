using Verification.Gpu;
using Verification.Gpu.Devices;

namespace Verification.Properties.Gpu;

/// <summary>
/// The one OpenCL device the accelerator tests run on (chosen as <see cref="OpenClDevices.Select"/> chooses, so
/// <c>VERIFICATION_OPENCL_DEVICE</c> applies) and the reasons to skip when there is none.
/// </summary>
internal static class OpenClTestEnvironment
{
    private static readonly Lazy<(OpenClDeviceInfo? Device, string Reason)> Probe = new(() =>
    {
        if (!OpenClDevices.IsAvailable(out string reason))
        {
            return (null, reason);
        }

        return OpenClDevices.TrySelect(null, out OpenClDeviceInfo? device, out reason) ? (device, reason) : (null, reason);
    });

    private static readonly Lazy<OpenClBackend> SharedBackend = new(() =>
        new OpenClBackend(Probe.Value.Device ?? throw AcceleratorTestPolicy.Unavailable("No OpenCL device: " + Probe.Value.Reason)));

    /// <summary>The selected device, or null.</summary>
    public static OpenClDeviceInfo? Device => Probe.Value.Device;

    /// <summary>The backend shared by all accelerator tests (built once; its launches are serialised internally).</summary>
    public static OpenClBackend Backend => SharedBackend.Value;

    /// <summary>Why an OpenCL test cannot run here, or null when it can (or when it must run and fail: CI without a device).</summary>
    public static string? SkipReason(bool requireFloat64)
    {
        (OpenClDeviceInfo? device, string reason) = Probe.Value;
        if (device is null)
        {
            return AcceleratorTestPolicy.SkipReason("This test runs OpenCL kernels and no OpenCL device is usable here. " + reason);
        }

        if (requireFloat64 && !device.SupportsFloat64)
        {
            return $"This test runs double-precision kernels and the selected OpenCL device {device.Description} has no fp64 (no cl_khr_fp64, CL_DEVICE_DOUBLE_FP_CONFIG = 0).";
        }

        return null;
    }
}
