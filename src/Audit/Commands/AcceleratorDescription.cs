using Verification.Gpu.Devices;
using Verification.Gpu.Torch;

namespace Verification.Audit.Commands;

/// <summary>The device an accelerator backend runs on, in words, or why there is none.</summary>
internal static class AcceleratorDescription
{
    public static string Current() =>
        OpenClDevices.IsAvailable(out string reason) ? OpenClDevices.Select().ToString() ?? "OpenCL device" : $"none ({reason})";

    /// <summary>The TorchSharp backend's libtorch and device, or why it does not load.</summary>
    public static string Torch()
    {
        if (!TorchBackend.IsAvailable(out string reason))
        {
            return $"none ({reason})";
        }

        try
        {
            using TorchBackend backend = TorchBackend.Create();
            return backend.Description;
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException)
        {
            return $"none ({e.Message})";
        }
    }
}
