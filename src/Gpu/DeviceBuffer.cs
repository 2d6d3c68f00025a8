using Verification.Gpu.Interop;

namespace Verification.Gpu;

/// <summary>
/// A typed OpenCL buffer (<c>CL_MEM_READ_WRITE</c>) of <see cref="double"/>, <see cref="float"/>, <see cref="uint"/> or
/// <see cref="int"/>. A zero-length buffer owns no OpenCL object (OpenCL rejects zero-size buffers) and its copies are
/// no-ops.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed unsafe class DeviceBuffer<T> : IDeviceVector<T>
    where T : unmanaged
{
    private readonly OpenClContext _context;
    private readonly OpenClHandle? _memory;

    internal DeviceBuffer(OpenClContext context, int length)
    {
        if (typeof(T) != typeof(double) && typeof(T) != typeof(float) && typeof(T) != typeof(uint) && typeof(T) != typeof(int))
        {
            throw new NotSupportedException($"DeviceBuffer supports double, float, uint and int elements, not {typeof(T).Name}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (typeof(T) == typeof(double) && !context.Device.SupportsFloat64)
        {
            throw new NotSupportedException($"The OpenCL device {context.Device.Name} has no fp64 support, so it cannot hold double buffers.");
        }

        _context = context;
        Length = length;
        if (length > 0)
        {
            int status;
            nint handle = OpenClNative.clCreateBuffer(context.ContextHandle.Value, OpenClConstants.MemReadWrite, ByteCount, null, &status);
            OpenClException.ThrowIfError(status, "clCreateBuffer");
            _memory = new OpenClHandle(handle, OpenClObjectKind.MemObject);
        }
    }

    /// <inheritdoc/>
    public int Length { get; }

    /// <summary>The size in bytes.</summary>
    public nuint ByteCount => (nuint)Length * (nuint)sizeof(T);

    /// <summary>The <c>cl_mem</c> handle, or zero for an empty buffer.</summary>
    internal nint MemHandle => _memory?.Value ?? nint.Zero;

    /// <inheritdoc/>
    public void Upload(ReadOnlySpan<T> source)
    {
        CheckLength(source.Length, nameof(source));
        if (_memory is null)
        {
            return;
        }

        fixed (T* p = source)
        {
            int status = OpenClNative.clEnqueueWriteBuffer(_context.QueueHandle.Value, _memory.Value, OpenClConstants.True, 0, ByteCount, p, 0, null, null);
            OpenClException.ThrowIfError(status, "clEnqueueWriteBuffer");
        }
    }

    /// <inheritdoc/>
    public void Download(Span<T> destination)
    {
        CheckLength(destination.Length, nameof(destination));
        if (_memory is null)
        {
            return;
        }

        fixed (T* p = destination)
        {
            int status = OpenClNative.clEnqueueReadBuffer(_context.QueueHandle.Value, _memory.Value, OpenClConstants.True, 0, ByteCount, p, 0, null, null);
            OpenClException.ThrowIfError(status, "clEnqueueReadBuffer");
        }
    }

    /// <summary>Downloads the whole buffer into a new array.</summary>
    public T[] ToArray()
    {
        var result = new T[Length];
        Download(result);
        return result;
    }

    /// <inheritdoc/>
    public void Dispose() => _memory?.Dispose();

    private void CheckLength(int length, string parameter)
    {
        if (length != Length)
        {
            throw new ArgumentException($"The host span has {length} elements but the device buffer has {Length}.", parameter);
        }
    }
}
