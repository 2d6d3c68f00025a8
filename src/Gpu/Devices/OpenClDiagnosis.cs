using Verification.Gpu.Interop;

namespace Verification.Gpu.Devices;

/// <summary>
/// Says in one line what is missing when no OpenCL device can be used: the library, a registered driver, NVIDIA's
/// registration (with the one-line fix), or a device behind the platforms.
/// </summary>
public static class OpenClDiagnosis
{
    /// <summary>The command that registers NVIDIA's driver with the ICD loader.</summary>
    public const string NvidiaRegistration = "echo " + OpenClLibrary.NvidiaDriverName + " > " + OpenClSetup.DefaultIcdFolder + "/nvidia.icd";

    /// <summary>Why no device is usable in <paramref name="setup"/>, or null when it has a device.</summary>
    public static string? Explain(OpenClSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        string icdPlace = setup.IcdFolderVariable ? $"{setup.IcdFolder} (from {OpenClSetup.IcdFolderVariableName})" : setup.IcdFolder;
        if (setup.LibraryError is not null)
        {
            if (setup.ChosenLibrary is not null)
            {
                return $"No OpenCL: the library chosen with --opencl-library or {OpenClLibrary.PathVariable}, {setup.ChosenLibrary}, could not be loaded ({setup.LibraryError.TrimEnd('.')}).";
            }

            if (setup.NvidiaDriver is not null)
            {
                return $"No OpenCL: the ICD loader {OpenClLibrary.LoaderName} is not installed and NVIDIA's driver {setup.NvidiaDriver} could not be loaded directly ({setup.LibraryError}). Install ocl-icd-libopencl1 and register the driver: {NvidiaRegistration}";
            }

            return $"No OpenCL: the ICD loader {OpenClLibrary.LoaderName} is not installed and NVIDIA's {OpenClLibrary.NvidiaDriverName} is in none of {string.Join(", ", OpenClLibrary.DriverFolders)}. Install ocl-icd-libopencl1 with a driver (pocl-opencl-icd for the CPU; the NVIDIA driver for a GPU).";
        }

        if (setup.Platforms == 0)
        {
            if (setup.NvidiaDriver is not null && !setup.NvidiaRegistered)
            {
                return $"No OpenCL platform: NVIDIA's {setup.NvidiaDriver} is present but not registered with the ICD loader (no ICD file naming it under {icdPlace}). Fix: {NvidiaRegistration} (without root: put that line in ~/icd/nvidia.icd and export {OpenClSetup.IcdFolderVariableName}=~/icd), or load it directly with --opencl-library {setup.NvidiaDriver} ({OpenClLibrary.PathVariable}).";
            }

            if (setup.IcdFiles.Count == 0)
            {
                return $"No OpenCL platform: no ICD file (*.icd) under {icdPlace}, so the loader {OpenClLibrary.LoaderName} knows no driver. Install pocl-opencl-icd for a CPU device or the NVIDIA driver and register it ({NvidiaRegistration}).";
            }

            return $"No OpenCL platform: the ICD files under {icdPlace} ({string.Join(", ", setup.IcdFiles.Select(f => $"{f.File} → {f.Driver}"))}) name drivers that did not load or report no platform. Check that each named library is installed.";
        }

        if (setup.Devices == 0)
        {
            return $"No OpenCL device: {setup.Platforms} platform(s) found, none with a device (a driver without a usable device, or a GPU hidden from this container).";
        }

        return null;
    }

    /// <summary>
    /// A note for a device filter that asks for NVIDIA on a machine where no NVIDIA device was found: whether the driver
    /// library is missing, or present but unregistered (with the fix). Null when the filter is not about NVIDIA.
    /// </summary>
    public static string? NvidiaNote(string filter, OpenClSetup setup)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(setup);
        if (!filter.Contains("nvidia", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (setup.NvidiaDriver is null)
        {
            return $"NVIDIA's {OpenClLibrary.NvidiaDriverName} is in none of {string.Join(", ", OpenClLibrary.DriverFolders)}: no NVIDIA driver here.";
        }

        return setup.NvidiaRegistered
            ? $"NVIDIA's driver {setup.NvidiaDriver} is registered but reports no device (is the GPU visible to this container?)."
            : $"NVIDIA's {setup.NvidiaDriver} is present but not registered. Fix: {NvidiaRegistration}, or load it directly with --opencl-library {setup.NvidiaDriver}.";
    }
}
