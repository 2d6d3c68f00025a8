using Verification.Gpu.Devices;

namespace Verification.Audit.Commands;

/// <summary>The OpenCL device the accelerator runs on, in words, or why there is none.</summary>
internal static class AcceleratorDescription
{
    public static string Current() =>
        OpenClDevices.IsAvailable(out string reason) ? OpenClDevices.Select().ToString() ?? "OpenCL device" : $"none ({reason})";
}
