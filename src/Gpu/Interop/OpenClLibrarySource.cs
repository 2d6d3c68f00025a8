namespace Verification.Gpu.Interop;

/// <summary>How the OpenCL entry points were found.</summary>
public enum OpenClLibrarySource
{
    /// <summary>The ICD loader <c>libOpenCL.so.1</c>, which dispatches to the drivers registered under <c>/etc/OpenCL/vendors</c>.</summary>
    IcdLoader,

    /// <summary>NVIDIA's driver library <c>libnvidia-opencl.so.1</c>, loaded directly because the ICD loader is missing.</summary>
    NvidiaDriver,

    /// <summary>A library chosen by path (<see cref="OpenClLibrary.Use"/> or <see cref="OpenClLibrary.PathVariable"/>).</summary>
    ChosenPath,
}
