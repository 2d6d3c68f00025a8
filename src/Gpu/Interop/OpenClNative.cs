using System.Runtime.InteropServices;

namespace Verification.Gpu.Interop;

/// <summary>
/// The OpenCL 1.2 entry points this project uses, bound through source-generated <see cref="LibraryImportAttribute"/>
/// stubs with the exact C widths: handles are <see cref="nint"/>, <c>cl_int</c> is <see cref="int"/>,
/// <c>cl_uint</c>/<c>cl_bool</c>/info enums are <see cref="uint"/>, <c>cl_bitfield</c> is <see cref="ulong"/> and
/// <c>size_t</c> is <see cref="nuint"/>.
/// </summary>
/// <remarks>
/// The library is loaded by its versioned name <c>libOpenCL.so.1</c> (the ICD loader): Debian's runtime package ships no
/// unversioned <c>libOpenCL.so</c>. Every call returns (or writes through <c>errcode_ret</c>) a <c>cl_int</c> status that
/// callers turn into an <see cref="OpenClException"/> with <see cref="OpenClException.ThrowIfError"/>.
/// </remarks>
internal static unsafe partial class OpenClNative
{
    /// <summary>The ICD loader's soname.</summary>
    public const string Library = "libOpenCL.so.1";

    [LibraryImport(Library)]
    public static partial int clGetPlatformIDs(uint numEntries, nint* platforms, uint* numPlatforms);

    [LibraryImport(Library)]
    public static partial int clGetPlatformInfo(nint platform, uint paramName, nuint paramValueSize, void* paramValue, nuint* paramValueSizeRet);

    [LibraryImport(Library)]
    public static partial int clGetDeviceIDs(nint platform, ulong deviceType, uint numEntries, nint* devices, uint* numDevices);

    [LibraryImport(Library)]
    public static partial int clGetDeviceInfo(nint device, uint paramName, nuint paramValueSize, void* paramValue, nuint* paramValueSizeRet);

    [LibraryImport(Library)]
    public static partial nint clCreateContext(nint* properties, uint numDevices, nint* devices, nint pfnNotify, nint userData, int* errcodeRet);

    [LibraryImport(Library)]
    public static partial int clReleaseContext(nint context);

    [LibraryImport(Library)]
    public static partial nint clCreateCommandQueue(nint context, nint device, ulong properties, int* errcodeRet);

    [LibraryImport(Library)]
    public static partial int clReleaseCommandQueue(nint commandQueue);

    [LibraryImport(Library)]
    public static partial nint clCreateProgramWithSource(nint context, uint count, byte** strings, nuint* lengths, int* errcodeRet);

    [LibraryImport(Library)]
    public static partial int clBuildProgram(nint program, uint numDevices, nint* deviceList, byte* options, nint pfnNotify, nint userData);

    [LibraryImport(Library)]
    public static partial int clGetProgramBuildInfo(nint program, nint device, uint paramName, nuint paramValueSize, void* paramValue, nuint* paramValueSizeRet);

    [LibraryImport(Library)]
    public static partial int clReleaseProgram(nint program);

    [LibraryImport(Library)]
    public static partial nint clCreateKernel(nint program, byte* kernelName, int* errcodeRet);

    [LibraryImport(Library)]
    public static partial int clSetKernelArg(nint kernel, uint argIndex, nuint argSize, void* argValue);

    [LibraryImport(Library)]
    public static partial int clReleaseKernel(nint kernel);

    [LibraryImport(Library)]
    public static partial nint clCreateBuffer(nint context, ulong flags, nuint size, void* hostPtr, int* errcodeRet);

    [LibraryImport(Library)]
    public static partial int clReleaseMemObject(nint memobj);

    [LibraryImport(Library)]
    public static partial int clEnqueueWriteBuffer(nint commandQueue, nint buffer, uint blockingWrite, nuint offset, nuint size, void* ptr, uint numEventsInWaitList, nint* eventWaitList, nint* evt);

    [LibraryImport(Library)]
    public static partial int clEnqueueReadBuffer(nint commandQueue, nint buffer, uint blockingRead, nuint offset, nuint size, void* ptr, uint numEventsInWaitList, nint* eventWaitList, nint* evt);

    [LibraryImport(Library)]
    public static partial int clEnqueueNDRangeKernel(nint commandQueue, nint kernel, uint workDim, nuint* globalWorkOffset, nuint* globalWorkSize, nuint* localWorkSize, uint numEventsInWaitList, nint* eventWaitList, nint* evt);

    [LibraryImport(Library)]
    public static partial int clFinish(nint commandQueue);
}
