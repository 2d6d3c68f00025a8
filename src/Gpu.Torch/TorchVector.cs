using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Verification.Gpu.Torch;

/// <summary>
/// A one-dimensional libtorch tensor as an <see cref="IDeviceVector{T}"/>: float64 for <see cref="double"/>, float32
/// for <see cref="float"/>, int32 for <see cref="int"/> and for <see cref="uint"/> (the 32 bits reinterpreted, since
/// libtorch's uint32 lacks most operations). Copies go through a host tensor when the tensor is not on the CPU.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class TorchVector<T> : IDeviceVector<T>
    where T : unmanaged
{
    internal TorchVector(Tensor tensor)
    {
        Tensor = tensor;
        Length = checked((int)tensor.shape[0]);
    }

    /// <inheritdoc/>
    public int Length { get; }

    /// <summary>The tensor (owned by this vector).</summary>
    internal Tensor Tensor { get; }

    /// <summary>The libtorch element type that holds <typeparamref name="T"/>.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not double, float, int or uint.</exception>
    internal static ScalarType ElementType =>
        typeof(T) == typeof(double) ? ScalarType.Float64
        : typeof(T) == typeof(float) ? ScalarType.Float32
        : typeof(T) == typeof(int) || typeof(T) == typeof(uint) ? ScalarType.Int32
        : throw new NotSupportedException($"TorchVector supports double, float, uint and int elements, not {typeof(T).Name}.");

    /// <inheritdoc/>
    public void Upload(ReadOnlySpan<T> source)
    {
        CheckLength(source.Length, nameof(source));
        if (Length == 0)
        {
            return;
        }

        if (Tensor.device_type == DeviceType.CPU)
        {
            CopyFrom(Tensor, source);
            return;
        }

        using Tensor host = empty(Length, ElementType, CPU);
        CopyFrom(host, source);
        Tensor.copy_(host);
    }

    /// <inheritdoc/>
    public void Download(Span<T> destination)
    {
        CheckLength(destination.Length, nameof(destination));
        if (Length == 0)
        {
            return;
        }

        if (Tensor.device_type == DeviceType.CPU)
        {
            CopyTo(Tensor, destination);
            return;
        }

        using Tensor host = Tensor.cpu();
        CopyTo(host, destination);
    }

    /// <summary>Downloads the whole vector into a new array.</summary>
    public T[] ToArray()
    {
        var result = new T[Length];
        Download(result);
        return result;
    }

    /// <inheritdoc/>
    public void Dispose() => Tensor.Dispose();

    private static void CopyFrom(Tensor host, ReadOnlySpan<T> source)
    {
        if (typeof(T) == typeof(double))
        {
            host.data<double>().CopyFrom(MemoryMarshal.Cast<T, double>(source));
        }
        else if (typeof(T) == typeof(float))
        {
            host.data<float>().CopyFrom(MemoryMarshal.Cast<T, float>(source));
        }
        else
        {
            host.data<int>().CopyFrom(MemoryMarshal.Cast<T, int>(source));
        }
    }

    private static void CopyTo(Tensor host, Span<T> destination)
    {
        if (typeof(T) == typeof(double))
        {
            host.data<double>().CopyTo(MemoryMarshal.Cast<T, double>(destination));
        }
        else if (typeof(T) == typeof(float))
        {
            host.data<float>().CopyTo(MemoryMarshal.Cast<T, float>(destination));
        }
        else
        {
            host.data<int>().CopyTo(MemoryMarshal.Cast<T, int>(destination));
        }
    }

    private void CheckLength(int length, string parameter)
    {
        if (length != Length)
        {
            throw new ArgumentException($"The host span has {length} elements but the tensor has {Length}.", parameter);
        }
    }
}
