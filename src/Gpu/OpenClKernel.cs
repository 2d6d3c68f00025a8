using Verification.Gpu.Interop;

namespace Verification.Gpu;

/// <summary>
/// One OpenCL kernel: typed argument setters and a one-dimensional launch. A kernel object holds its arguments, so a
/// caller that shares it between threads serialises set-and-launch itself.
/// </summary>
public sealed unsafe class OpenClKernel : IDisposable
{
    private readonly OpenClContext _context;
    private readonly OpenClHandle _kernel;

    internal OpenClKernel(OpenClContext context, string name, OpenClHandle kernel)
    {
        _context = context;
        Name = name;
        _kernel = kernel;
    }

    /// <summary>The kernel's function name.</summary>
    public string Name { get; }

    /// <summary>Sets scalar argument <paramref name="index"/> (its C type must have the width of <typeparamref name="T"/>).</summary>
    public OpenClKernel SetScalar<T>(uint index, T value)
        where T : unmanaged
    {
        Check(OpenClNative.clSetKernelArg(_kernel.Value, index, (nuint)sizeof(T), &value), index);
        return this;
    }

    /// <summary>Sets buffer argument <paramref name="index"/>; an empty buffer is passed as a NULL pointer.</summary>
    public OpenClKernel SetBuffer<T>(uint index, DeviceBuffer<T>? buffer)
        where T : unmanaged
    {
        nint memory = buffer?.MemHandle ?? nint.Zero;
        Check(OpenClNative.clSetKernelArg(_kernel.Value, index, (nuint)sizeof(nint), memory == nint.Zero ? null : &memory), index);
        return this;
    }

    /// <summary>Launches <paramref name="globalSize"/> work-items (none when it is 0) with an implementation-chosen work-group size.</summary>
    public void Launch(int globalSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(globalSize);
        if (globalSize == 0)
        {
            return;
        }

        nuint global = (nuint)globalSize;
        int status = OpenClNative.clEnqueueNDRangeKernel(_context.QueueHandle.Value, _kernel.Value, 1, null, &global, null, 0, null, null);
        if (status != OpenClConstants.Success)
        {
            throw new OpenClException("clEnqueueNDRangeKernel", status, $"Kernel '{Name}', {globalSize} work-items.");
        }
    }

    /// <summary>
    /// Launches <paramref name="globalSize"/> work-items (none when it is 0) in work-groups of
    /// <paramref name="localSize"/>, which must divide <paramref name="globalSize"/>; 0 lets the implementation choose.
    /// </summary>
    public void Launch(int globalSize, int localSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(globalSize);
        ArgumentOutOfRangeException.ThrowIfNegative(localSize);
        if (localSize == 0)
        {
            Launch(globalSize);
            return;
        }

        if (globalSize % localSize != 0)
        {
            throw new ArgumentException($"The global size {globalSize} is not a multiple of the work-group size {localSize}.", nameof(localSize));
        }

        if (globalSize == 0)
        {
            return;
        }

        nuint global = (nuint)globalSize;
        nuint local = (nuint)localSize;
        int status = OpenClNative.clEnqueueNDRangeKernel(_context.QueueHandle.Value, _kernel.Value, 1, null, &global, &local, 0, null, null);
        if (status != OpenClConstants.Success)
        {
            throw new OpenClException("clEnqueueNDRangeKernel", status, $"Kernel '{Name}', {globalSize} work-items in groups of {localSize}.");
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _kernel.Dispose();

    private void Check(int status, uint index)
    {
        if (status != OpenClConstants.Success)
        {
            throw new OpenClException("clSetKernelArg", status, $"Kernel '{Name}', argument {index}.");
        }
    }
}
