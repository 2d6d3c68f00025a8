namespace Verification.Gpu;

/// <summary>A vector of <typeparamref name="T"/> in an accelerator's memory, with blocking copies to and from the host.</summary>
/// <typeparam name="T">The element type (<see cref="double"/>, <see cref="float"/>, <see cref="uint"/> or <see cref="int"/>).</typeparam>
public interface IDeviceVector<T> : IDisposable
    where T : unmanaged
{
    /// <summary>The number of elements.</summary>
    int Length { get; }

    /// <summary>Copies <paramref name="source"/> (exactly <see cref="Length"/> elements) to the device; returns when done.</summary>
    void Upload(ReadOnlySpan<T> source);

    /// <summary>Copies the device contents into <paramref name="destination"/> (exactly <see cref="Length"/> elements).</summary>
    void Download(Span<T> destination);
}
