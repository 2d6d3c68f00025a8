using Verification.Gpu.Devices;
using Verification.Gpu.Interop;

namespace Verification.GpuCheck.Report;

/// <summary>The device the check ran on, where the OpenCL library came from and how it is bound.</summary>
internal sealed record DeviceSummary(
    string Name,
    string Vendor,
    string Kind,
    string Platform,
    string PlatformVersion,
    string DeviceVersion,
    string DriverVersion,
    string OpenClCVersion,
    uint ComputeUnits,
    ulong GlobalMemoryBytes,
    bool Fp64,
    bool CorrectlyRoundedFloatDivideSqrt,
    string Library,
    string LibrarySource,
    string Binding)
{
    /// <summary>The summary of <paramref name="device"/>.</summary>
    public static DeviceSummary From(OpenClDeviceInfo device)
    {
        LoadedOpenClLibrary library = OpenClLibrary.Loaded ?? new LoadedOpenClLibrary(OpenClLibrarySource.IcdLoader, OpenClLibrary.LoaderName, OpenClBinding.Exports);
        return new DeviceSummary(
            device.Name,
            device.Vendor,
            device.Kind.ToString().ToLowerInvariant(),
            device.PlatformName,
            device.PlatformVersion,
            device.DeviceVersion,
            device.DriverVersion,
            device.OpenClCVersion,
            device.ComputeUnits,
            device.GlobalMemoryBytes,
            device.SupportsFloat64,
            device.SupportsCorrectlyRoundedSingleDivideSqrt,
            library.Name,
            library.Source switch
            {
                OpenClLibrarySource.IcdLoader => "icd_loader",
                OpenClLibrarySource.NvidiaDriver => "nvidia_driver",
                _ => "chosen_path",
            },
            library.Binding == OpenClBinding.Exports ? "exports" : "icd_dispatch");
    }
}
