using Verification.Gpu.Interop;

namespace Verification.Gpu.Devices;

/// <summary>
/// Finds OpenCL devices: enumeration of every platform's devices, the preferred choice (a GPU, else an accelerator,
/// else a CPU device such as PoCL), selection by name, and a probe that never throws.
/// </summary>
public static unsafe class OpenClDevices
{
    /// <summary>
    /// The environment variable that selects a device by a case-insensitive substring of its device, vendor or
    /// platform name (for example <c>NVIDIA</c>, <c>H100</c> or <c>pthread</c>).
    /// </summary>
    public const string SelectionVariable = "VERIFICATION_OPENCL_DEVICE";

    /// <summary>Every device of every platform, in platform then device order; empty when the loader finds no platform.</summary>
    /// <exception cref="OpenClException">An OpenCL query failed for another reason.</exception>
    /// <exception cref="DllNotFoundException"><c>libOpenCL.so.1</c> is not installed.</exception>
    public static IReadOnlyList<OpenClDeviceInfo> Enumerate()
    {
        uint platformCount;
        int status = OpenClNative.clGetPlatformIDs(0, null, &platformCount);
        if (status == OpenClErrorCodes.PlatformNotFoundKhr || (status == OpenClConstants.Success && platformCount == 0))
        {
            return [];
        }

        OpenClException.ThrowIfError(status, "clGetPlatformIDs");
        nint[] platforms = new nint[platformCount];
        fixed (nint* p = platforms)
        {
            OpenClException.ThrowIfError(OpenClNative.clGetPlatformIDs(platformCount, p, null), "clGetPlatformIDs");
        }

        var devices = new List<OpenClDeviceInfo>();
        foreach (nint platform in platforms)
        {
            string platformName = OpenClInfo.PlatformString(platform, OpenClConstants.PlatformName);
            string platformVersion = OpenClInfo.PlatformString(platform, OpenClConstants.PlatformVersion);
            uint deviceCount;
            status = OpenClNative.clGetDeviceIDs(platform, OpenClConstants.DeviceTypeAll, 0, null, &deviceCount);
            if (status == OpenClErrorCodes.DeviceNotFound || deviceCount == 0)
            {
                continue;
            }

            OpenClException.ThrowIfError(status, "clGetDeviceIDs");
            nint[] handles = new nint[deviceCount];
            fixed (nint* d = handles)
            {
                OpenClException.ThrowIfError(OpenClNative.clGetDeviceIDs(platform, OpenClConstants.DeviceTypeAll, deviceCount, d, null), "clGetDeviceIDs");
            }

            foreach (nint device in handles)
            {
                devices.Add(Describe(platform, platformName, platformVersion, device));
            }
        }

        return devices;
    }

    /// <summary>
    /// Selects a device. With a <paramref name="nameFilter"/> (or, when it is null, the
    /// <see cref="SelectionVariable"/> environment variable) the first device whose name, vendor or platform contains
    /// it; otherwise the first GPU, else the first accelerator, else the first CPU device.
    /// </summary>
    /// <exception cref="NotSupportedException">No OpenCL runtime, no platform, or no device matches the filter.</exception>
    public static OpenClDeviceInfo Select(string? nameFilter = null)
    {
        if (TrySelect(nameFilter, out OpenClDeviceInfo? device, out string reason))
        {
            return device;
        }

        throw new NotSupportedException(reason);
    }

    /// <summary>Like <see cref="Select"/>, but reports failure through <paramref name="reason"/> instead of throwing.</summary>
    public static bool TrySelect(string? nameFilter, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OpenClDeviceInfo? device, out string reason)
    {
        device = null;
        IReadOnlyList<OpenClDeviceInfo> all;
        try
        {
            all = Enumerate();
        }
        catch (DllNotFoundException e)
        {
            reason = OpenClDiagnosis.Explain(OpenClSetup.Probe(e.Message, 0, 0))!;
            return false;
        }
        catch (EntryPointNotFoundException e)
        {
            reason = $"No OpenCL: the library lacks an OpenCL 1.2 entry point ({e.Message})";
            return false;
        }
        catch (BadImageFormatException e)
        {
            reason = $"{OpenClNative.Library} could not be loaded: {e.Message}";
            return false;
        }
        catch (OpenClException e)
        {
            reason = $"OpenCL device enumeration failed: {e.Message}";
            return false;
        }

        if (all.Count == 0)
        {
            reason = OpenClDiagnosis.Explain(OpenClSetup.Probe(null, PlatformCount(), 0))
                ?? "No OpenCL device: the platforms report none.";
            return false;
        }

        string? filter = string.IsNullOrWhiteSpace(nameFilter) ? Environment.GetEnvironmentVariable(SelectionVariable) : nameFilter;
        if (!string.IsNullOrWhiteSpace(filter))
        {
            device = all.FirstOrDefault(d => d.Matches(filter));
            if (device is null)
            {
                reason = $"No OpenCL device matches '{filter}' (from {(string.IsNullOrWhiteSpace(nameFilter) ? SelectionVariable : "the caller")}); devices: {string.Join("; ", all.Select(d => d.Description))}.";
                if (OpenClDiagnosis.NvidiaNote(filter, OpenClSetup.Probe(null, all.Select(d => d.PlatformHandle).Distinct().Count(), all.Count)) is { } note)
                {
                    reason += " " + note;
                }

                return false;
            }
        }
        else
        {
            // Among devices of the same class an NVIDIA one comes first: it is the accelerator this project targets.
            device = all.OrderBy(d => d.Kind).ThenBy(d => d.IsNvidia ? 0 : 1).First();
        }

        reason = $"OpenCL device: {device.Description}";
        return true;
    }

    /// <summary>The number of platforms the library reports (0 for <c>CL_PLATFORM_NOT_FOUND_KHR</c> or any failure).</summary>
    /// <exception cref="DllNotFoundException">The OpenCL library cannot be loaded.</exception>
    public static int PlatformCount()
    {
        uint count;
        int status = OpenClNative.clGetPlatformIDs(0, null, &count);
        return status == OpenClConstants.Success ? (int)count : 0;
    }

    /// <summary>Whether an OpenCL device can be selected; never throws. <paramref name="reason"/> says which, or why not.</summary>
    public static bool IsAvailable(out string reason)
    {
        try
        {
            return TrySelect(null, out _, out reason);
        }
#pragma warning disable CA1031 // A probe must never throw: any failure becomes the reason.
        catch (Exception e)
#pragma warning restore CA1031
        {
            reason = $"OpenCL probe failed: {e.GetType().Name}: {e.Message}";
            return false;
        }
    }

    /// <summary>Whether an OpenCL device can be selected; never throws.</summary>
    public static bool IsAvailable() => IsAvailable(out _);

    private static OpenClDeviceInfo Describe(nint platform, string platformName, string platformVersion, nint device)
    {
        ulong type = OpenClInfo.DeviceValue<ulong>(device, OpenClConstants.DeviceType);
        OpenClDeviceKind kind = (type & OpenClConstants.DeviceTypeGpu) != 0 ? OpenClDeviceKind.Gpu
            : (type & OpenClConstants.DeviceTypeAccelerator) != 0 ? OpenClDeviceKind.Accelerator
            : (type & OpenClConstants.DeviceTypeCpu) != 0 ? OpenClDeviceKind.Cpu
            : OpenClDeviceKind.Other;

        // CL_DEVICE_DOUBLE_FP_CONFIG is optional before OpenCL 1.2; a device without fp64 may reject the query.
        ulong doubleConfig = 0;
        if (OpenClNative.clGetDeviceInfo(device, OpenClConstants.DeviceDoubleFpConfig, sizeof(ulong), &doubleConfig, null) != OpenClConstants.Success)
        {
            doubleConfig = 0;
        }

        return new OpenClDeviceInfo(
            platformName,
            platformVersion,
            OpenClInfo.DeviceString(device, OpenClConstants.DeviceName),
            OpenClInfo.DeviceString(device, OpenClConstants.DeviceVendor),
            OpenClInfo.DeviceString(device, OpenClConstants.DeviceVersion),
            OpenClInfo.DeviceString(device, OpenClConstants.DriverVersion),
            OpenClInfo.DeviceString(device, OpenClConstants.DeviceOpenClCVersion),
            kind,
            OpenClInfo.DeviceValue<uint>(device, OpenClConstants.DeviceMaxComputeUnits),
            OpenClInfo.DeviceValue<ulong>(device, OpenClConstants.DeviceGlobalMemSize),
            OpenClInfo.DeviceString(device, OpenClConstants.DeviceExtensions),
            doubleConfig,
            OpenClInfo.DeviceValue<ulong>(device, OpenClConstants.DeviceSingleFpConfig))
        {
            PlatformHandle = platform,
            DeviceHandle = device,
        };
    }
}
