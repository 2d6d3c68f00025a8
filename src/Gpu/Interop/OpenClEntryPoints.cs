namespace Verification.Gpu.Interop;

/// <summary>
/// The addresses of the OpenCL 1.2 functions this project calls, with their exact C signatures as unmanaged function
/// pointers: handles are <see cref="nint"/>, <c>cl_int</c> is <see cref="int"/>, <c>cl_uint</c>/<c>cl_bool</c>/info
/// enums are <see cref="uint"/>, <c>cl_bitfield</c> is <see cref="ulong"/> and <c>size_t</c> is <see cref="nuint"/>.
/// Filled by <see cref="OpenClLibrary"/> from a library's exports or from an ICD driver's dispatch table.
/// </summary>
internal sealed unsafe class OpenClEntryPoints
{
    public delegate* unmanaged<uint, nint*, uint*, int> GetPlatformIds;
    public delegate* unmanaged<nint, uint, nuint, void*, nuint*, int> GetPlatformInfo;
    public delegate* unmanaged<nint, ulong, uint, nint*, uint*, int> GetDeviceIds;
    public delegate* unmanaged<nint, uint, nuint, void*, nuint*, int> GetDeviceInfo;
    public delegate* unmanaged<nint*, uint, nint*, nint, nint, int*, nint> CreateContext;
    public delegate* unmanaged<nint, int> ReleaseContext;
    public delegate* unmanaged<nint, nint, ulong, int*, nint> CreateCommandQueue;
    public delegate* unmanaged<nint, int> ReleaseCommandQueue;
    public delegate* unmanaged<nint, uint, byte**, nuint*, int*, nint> CreateProgramWithSource;
    public delegate* unmanaged<nint, uint, nint*, byte*, nint, nint, int> BuildProgram;
    public delegate* unmanaged<nint, nint, uint, nuint, void*, nuint*, int> GetProgramBuildInfo;
    public delegate* unmanaged<nint, int> ReleaseProgram;
    public delegate* unmanaged<nint, byte*, int*, nint> CreateKernel;
    public delegate* unmanaged<nint, uint, nuint, void*, int> SetKernelArg;
    public delegate* unmanaged<nint, int> ReleaseKernel;
    public delegate* unmanaged<nint, ulong, nuint, void*, int*, nint> CreateBuffer;
    public delegate* unmanaged<nint, int> ReleaseMemObject;
    public delegate* unmanaged<nint, nint, uint, nuint, nuint, void*, uint, nint*, nint*, int> EnqueueWriteBuffer;
    public delegate* unmanaged<nint, nint, uint, nuint, nuint, void*, uint, nint*, nint*, int> EnqueueReadBuffer;
    public delegate* unmanaged<nint, nint, uint, nuint*, nuint*, nuint*, uint, nint*, nint*, int> EnqueueNdRangeKernel;
    public delegate* unmanaged<nint, int> Finish;

    /// <summary>Reads every function but <see cref="GetPlatformIds"/> through <paramref name="resolve"/> (by its C name).</summary>
    /// <param name="library">The library's name, for the message of a missing function.</param>
    /// <param name="resolve">The address of a function, or zero.</param>
    /// <exception cref="EntryPointNotFoundException">A function has no address.</exception>
    public void Fill(string library, Func<string, nint> resolve)
    {
        nint Need(string function)
        {
            nint address = resolve(function);
            return address != nint.Zero ? address : throw new EntryPointNotFoundException($"{library} provides no {function}.");
        }

        GetPlatformInfo = (delegate* unmanaged<nint, uint, nuint, void*, nuint*, int>)Need("clGetPlatformInfo");
        GetDeviceIds = (delegate* unmanaged<nint, ulong, uint, nint*, uint*, int>)Need("clGetDeviceIDs");
        GetDeviceInfo = (delegate* unmanaged<nint, uint, nuint, void*, nuint*, int>)Need("clGetDeviceInfo");
        CreateContext = (delegate* unmanaged<nint*, uint, nint*, nint, nint, int*, nint>)Need("clCreateContext");
        ReleaseContext = (delegate* unmanaged<nint, int>)Need("clReleaseContext");
        CreateCommandQueue = (delegate* unmanaged<nint, nint, ulong, int*, nint>)Need("clCreateCommandQueue");
        ReleaseCommandQueue = (delegate* unmanaged<nint, int>)Need("clReleaseCommandQueue");
        CreateProgramWithSource = (delegate* unmanaged<nint, uint, byte**, nuint*, int*, nint>)Need("clCreateProgramWithSource");
        BuildProgram = (delegate* unmanaged<nint, uint, nint*, byte*, nint, nint, int>)Need("clBuildProgram");
        GetProgramBuildInfo = (delegate* unmanaged<nint, nint, uint, nuint, void*, nuint*, int>)Need("clGetProgramBuildInfo");
        ReleaseProgram = (delegate* unmanaged<nint, int>)Need("clReleaseProgram");
        CreateKernel = (delegate* unmanaged<nint, byte*, int*, nint>)Need("clCreateKernel");
        SetKernelArg = (delegate* unmanaged<nint, uint, nuint, void*, int>)Need("clSetKernelArg");
        ReleaseKernel = (delegate* unmanaged<nint, int>)Need("clReleaseKernel");
        CreateBuffer = (delegate* unmanaged<nint, ulong, nuint, void*, int*, nint>)Need("clCreateBuffer");
        ReleaseMemObject = (delegate* unmanaged<nint, int>)Need("clReleaseMemObject");
        EnqueueWriteBuffer = (delegate* unmanaged<nint, nint, uint, nuint, nuint, void*, uint, nint*, nint*, int>)Need("clEnqueueWriteBuffer");
        EnqueueReadBuffer = (delegate* unmanaged<nint, nint, uint, nuint, nuint, void*, uint, nint*, nint*, int>)Need("clEnqueueReadBuffer");
        EnqueueNdRangeKernel = (delegate* unmanaged<nint, nint, uint, nuint*, nuint*, nuint*, uint, nint*, nint*, int>)Need("clEnqueueNDRangeKernel");
        Finish = (delegate* unmanaged<nint, int>)Need("clFinish");
    }
}
