using System.Runtime.InteropServices;

namespace Verification.Gpu.Interop;

/// <summary>The kinds of reference-counted OpenCL objects, each with its own <c>clRelease*</c> call.</summary>
internal enum OpenClObjectKind
{
    Context,
    CommandQueue,
    Program,
    Kernel,
    MemObject,
}

/// <summary>
/// Owns one reference to an OpenCL object and releases it exactly once, through the matching <c>clRelease*</c> call,
/// when disposed or finalized.
/// </summary>
internal sealed class OpenClHandle : SafeHandle
{
    public OpenClHandle(nint handle, OpenClObjectKind kind)
        : base(nint.Zero, ownsHandle: true)
    {
        Kind = kind;
        SetHandle(handle);
    }

    public OpenClObjectKind Kind { get; }

    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>The raw handle; callers keep the owning object alive for the duration of the native call.</summary>
    public nint Value
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return handle;
        }
    }

    protected override bool ReleaseHandle() => Kind switch
    {
        OpenClObjectKind.Context => OpenClNative.clReleaseContext(handle),
        OpenClObjectKind.CommandQueue => OpenClNative.clReleaseCommandQueue(handle),
        OpenClObjectKind.Program => OpenClNative.clReleaseProgram(handle),
        OpenClObjectKind.Kernel => OpenClNative.clReleaseKernel(handle),
        OpenClObjectKind.MemObject => OpenClNative.clReleaseMemObject(handle),
        _ => OpenClConstants.Success,
    } == OpenClConstants.Success;
}
