namespace Verification.Gpu.Interop;

/// <summary>
/// Positions in the ICD dispatch table (<c>struct _cl_icd_dispatch</c> of Khronos' <c>CL/cl_icd.h</c>): every object an
/// installable client driver returns starts with a pointer to this table, which is how the ICD loader forwards each
/// call. A driver loaded without the loader (NVIDIA's <c>libnvidia-opencl.so.1</c>, Debian's PoCL) exports only
/// <c>clGetExtensionFunctionAddress</c> and <c>clIcdGetPlatformIDsKHR</c>; the rest is reached through this table.
/// </summary>
internal static class OpenClDispatchTable
{
    /// <summary>The table slot of each function used here; the order is fixed by the ICD ABI (OpenCL 1.0 part).</summary>
    public static IReadOnlyDictionary<string, int> Slots { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["clGetPlatformInfo"] = 1,
        ["clGetDeviceIDs"] = 2,
        ["clGetDeviceInfo"] = 3,
        ["clCreateContext"] = 4,
        ["clReleaseContext"] = 7,
        ["clCreateCommandQueue"] = 9,
        ["clReleaseCommandQueue"] = 11,
        ["clCreateBuffer"] = 14,
        ["clReleaseMemObject"] = 18,
        ["clCreateProgramWithSource"] = 26,
        ["clReleaseProgram"] = 29,
        ["clBuildProgram"] = 30,
        ["clGetProgramBuildInfo"] = 33,
        ["clCreateKernel"] = 34,
        ["clReleaseKernel"] = 37,
        ["clSetKernelArg"] = 38,
        ["clFinish"] = 47,
        ["clEnqueueReadBuffer"] = 48,
        ["clEnqueueWriteBuffer"] = 49,
        ["clEnqueueNDRangeKernel"] = 59,
    };

    /// <summary>The address in <paramref name="table"/> of the function <paramref name="name"/>.</summary>
    public static unsafe nint Lookup(nint table, string name) => ((nint*)table)[Slots[name]];
}
