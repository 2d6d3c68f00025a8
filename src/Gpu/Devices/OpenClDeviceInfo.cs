using Verification.Gpu.Interop;

namespace Verification.Gpu.Devices;

/// <summary>One OpenCL device with the facts that matter here: what it is, and whether it does fp64 and IEEE division.</summary>
/// <param name="PlatformName">The platform's <c>CL_PLATFORM_NAME</c>, such as <c>Portable Computing Language</c> or <c>NVIDIA CUDA</c>.</param>
/// <param name="PlatformVersion">The platform's <c>CL_PLATFORM_VERSION</c>.</param>
/// <param name="Name">The device's <c>CL_DEVICE_NAME</c>.</param>
/// <param name="Vendor">The device's <c>CL_DEVICE_VENDOR</c>.</param>
/// <param name="DeviceVersion">The device's <c>CL_DEVICE_VERSION</c>.</param>
/// <param name="DriverVersion">The driver's <c>CL_DRIVER_VERSION</c>.</param>
/// <param name="OpenClCVersion">The highest OpenCL C version the compiler accepts (<c>CL_DEVICE_OPENCL_C_VERSION</c>).</param>
/// <param name="Kind">The device class.</param>
/// <param name="ComputeUnits">Parallel compute units (<c>CL_DEVICE_MAX_COMPUTE_UNITS</c>).</param>
/// <param name="GlobalMemoryBytes">Global memory size in bytes.</param>
/// <param name="Extensions">The space-separated extension list.</param>
/// <param name="DoubleFpConfig">The <c>CL_DEVICE_DOUBLE_FP_CONFIG</c> bitfield (0 when the device has no fp64).</param>
/// <param name="SingleFpConfig">The <c>CL_DEVICE_SINGLE_FP_CONFIG</c> bitfield.</param>
public sealed record OpenClDeviceInfo(
    string PlatformName,
    string PlatformVersion,
    string Name,
    string Vendor,
    string DeviceVersion,
    string DriverVersion,
    string OpenClCVersion,
    OpenClDeviceKind Kind,
    uint ComputeUnits,
    ulong GlobalMemoryBytes,
    string Extensions,
    ulong DoubleFpConfig,
    ulong SingleFpConfig)
{
    /// <summary>The platform handle (platforms are not reference counted).</summary>
    internal nint PlatformHandle { get; init; }

    /// <summary>The device handle (root devices are not reference counted).</summary>
    internal nint DeviceHandle { get; init; }

    /// <summary>
    /// Whether the device computes in double precision: <c>cl_khr_fp64</c> is listed or
    /// <c>CL_DEVICE_DOUBLE_FP_CONFIG</c> is non-zero (OpenCL 1.2+ devices report fp64 either way).
    /// </summary>
    public bool SupportsFloat64 =>
        DoubleFpConfig != 0 || Extensions.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("cl_khr_fp64", StringComparer.Ordinal);

    /// <summary>
    /// Whether single-precision divide and sqrt can be made correctly rounded with
    /// <c>-cl-fp32-correctly-rounded-divide-sqrt</c> (<c>CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT</c>).
    /// </summary>
    public bool SupportsCorrectlyRoundedSingleDivideSqrt => (SingleFpConfig & OpenClConstants.FpCorrectlyRoundedDivideSqrt) != 0;

    /// <summary>Whether the device or its platform is NVIDIA's.</summary>
    public bool IsNvidia =>
        Vendor.Contains("NVIDIA", StringComparison.OrdinalIgnoreCase) || PlatformName.Contains("NVIDIA", StringComparison.OrdinalIgnoreCase);

    /// <summary>A one-line description: device name, platform and versions.</summary>
    public string Description =>
        $"{Name} ({Kind}, {PlatformName}, {DeviceVersion}, {OpenClCVersion}, fp64 {(SupportsFloat64 ? "yes" : "no")})";

    /// <summary>Whether <paramref name="filter"/> occurs (case-insensitively) in the device, vendor or platform name.</summary>
    public bool Matches(string filter) =>
        Name.Contains(filter, StringComparison.OrdinalIgnoreCase)
        || Vendor.Contains(filter, StringComparison.OrdinalIgnoreCase)
        || PlatformName.Contains(filter, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override string ToString() => Description;
}
