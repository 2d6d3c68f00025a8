namespace Verification.Gpu.Interop;

/// <summary>
/// The OpenCL 1.2 functions this project uses, called through the unmanaged function pointers of
/// <see cref="OpenClEntryPoints"/> with the exact C widths: handles are <see cref="nint"/>, <c>cl_int</c> is
/// <see cref="int"/>, <c>cl_uint</c>/<c>cl_bool</c>/info enums are <see cref="uint"/>, <c>cl_bitfield</c> is
/// <see cref="ulong"/> and <c>size_t</c> is <see cref="nuint"/>.
/// </summary>
/// <remarks>
/// Function pointers rather than <c>LibraryImport</c>: which file provides OpenCL is decided at startup
/// (<see cref="OpenClLibrary"/>), and a driver loaded without the ICD loader exports almost none of these names, so
/// the addresses may come from its dispatch table. The first call loads the library; a missing library throws
/// <see cref="DllNotFoundException"/> and a missing function <see cref="EntryPointNotFoundException"/>, as a failed
/// P/Invoke would. Every call returns (or writes through <c>errcode_ret</c>) a <c>cl_int</c> status that callers turn
/// into an <see cref="OpenClException"/> with <see cref="OpenClException.ThrowIfError"/>.
/// </remarks>
internal static unsafe class OpenClNative
{
    /// <summary>The ICD loader's soname.</summary>
    public const string Library = "libOpenCL.so.1";

    private static OpenClEntryPoints Api => OpenClLibrary.EntryPoints;

    public static int clGetPlatformIDs(uint numEntries, nint* platforms, uint* numPlatforms) =>
        Api.GetPlatformIds(numEntries, platforms, numPlatforms);

    public static int clGetPlatformInfo(nint platform, uint paramName, nuint paramValueSize, void* paramValue, nuint* paramValueSizeRet) =>
        Api.GetPlatformInfo(platform, paramName, paramValueSize, paramValue, paramValueSizeRet);

    public static int clGetDeviceIDs(nint platform, ulong deviceType, uint numEntries, nint* devices, uint* numDevices) =>
        Api.GetDeviceIds(platform, deviceType, numEntries, devices, numDevices);

    public static int clGetDeviceInfo(nint device, uint paramName, nuint paramValueSize, void* paramValue, nuint* paramValueSizeRet) =>
        Api.GetDeviceInfo(device, paramName, paramValueSize, paramValue, paramValueSizeRet);

    public static nint clCreateContext(nint* properties, uint numDevices, nint* devices, nint pfnNotify, nint userData, int* errcodeRet) =>
        Api.CreateContext(properties, numDevices, devices, pfnNotify, userData, errcodeRet);

    public static int clReleaseContext(nint context) => Api.ReleaseContext(context);

    public static nint clCreateCommandQueue(nint context, nint device, ulong properties, int* errcodeRet) =>
        Api.CreateCommandQueue(context, device, properties, errcodeRet);

    public static int clReleaseCommandQueue(nint commandQueue) => Api.ReleaseCommandQueue(commandQueue);

    public static nint clCreateProgramWithSource(nint context, uint count, byte** strings, nuint* lengths, int* errcodeRet) =>
        Api.CreateProgramWithSource(context, count, strings, lengths, errcodeRet);

    public static int clBuildProgram(nint program, uint numDevices, nint* deviceList, byte* options, nint pfnNotify, nint userData) =>
        Api.BuildProgram(program, numDevices, deviceList, options, pfnNotify, userData);

    public static int clGetProgramBuildInfo(nint program, nint device, uint paramName, nuint paramValueSize, void* paramValue, nuint* paramValueSizeRet) =>
        Api.GetProgramBuildInfo(program, device, paramName, paramValueSize, paramValue, paramValueSizeRet);

    public static int clReleaseProgram(nint program) => Api.ReleaseProgram(program);

    public static nint clCreateKernel(nint program, byte* kernelName, int* errcodeRet) => Api.CreateKernel(program, kernelName, errcodeRet);

    public static int clSetKernelArg(nint kernel, uint argIndex, nuint argSize, void* argValue) => Api.SetKernelArg(kernel, argIndex, argSize, argValue);

    public static int clReleaseKernel(nint kernel) => Api.ReleaseKernel(kernel);

    public static nint clCreateBuffer(nint context, ulong flags, nuint size, void* hostPtr, int* errcodeRet) =>
        Api.CreateBuffer(context, flags, size, hostPtr, errcodeRet);

    public static int clReleaseMemObject(nint memobj) => Api.ReleaseMemObject(memobj);

    public static int clEnqueueWriteBuffer(nint commandQueue, nint buffer, uint blockingWrite, nuint offset, nuint size, void* ptr, uint numEventsInWaitList, nint* eventWaitList, nint* evt) =>
        Api.EnqueueWriteBuffer(commandQueue, buffer, blockingWrite, offset, size, ptr, numEventsInWaitList, eventWaitList, evt);

    public static int clEnqueueReadBuffer(nint commandQueue, nint buffer, uint blockingRead, nuint offset, nuint size, void* ptr, uint numEventsInWaitList, nint* eventWaitList, nint* evt) =>
        Api.EnqueueReadBuffer(commandQueue, buffer, blockingRead, offset, size, ptr, numEventsInWaitList, eventWaitList, evt);

    public static int clEnqueueNDRangeKernel(nint commandQueue, nint kernel, uint workDim, nuint* globalWorkOffset, nuint* globalWorkSize, nuint* localWorkSize, uint numEventsInWaitList, nint* eventWaitList, nint* evt) =>
        Api.EnqueueNdRangeKernel(commandQueue, kernel, workDim, globalWorkOffset, globalWorkSize, localWorkSize, numEventsInWaitList, eventWaitList, evt);

    public static int clFinish(nint commandQueue) => Api.Finish(commandQueue);
}
