using Verification.Reference.Random;

namespace Verification.Gpu;

/// <summary>
/// An accelerator that holds vectors and runs the project's element-wise primitives on them. The OpenCL backend
/// (<see cref="OpenClBackend"/>) implements it; another runtime (TorchSharp, CUDA) would implement the same contract:
/// identical Philox draws, and for doubles the same rounding of every operation.
/// </summary>
public interface IAcceleratorBackend : IDisposable
{
    /// <summary>A one-line description of the device.</summary>
    string Description { get; }

    /// <summary>Whether double-precision vectors and kernels are available.</summary>
    bool SupportsFloat64 { get; }

    /// <summary>Allocates a vector of <paramref name="length"/> elements (contents undefined until uploaded or written).</summary>
    IDeviceVector<T> Allocate<T>(int length)
        where T : unmanaged;

    /// <summary>Waits until all queued work has finished.</summary>
    void Synchronize();

    /// <summary>destination[i] = <see cref="PhiloxStream.UInt32"/>(step, first + i).</summary>
    void FillUInt32(IDeviceVector<uint> destination, PhiloxStream stream, ulong step, ulong first);

    /// <summary>destination[i] = 1 iff <see cref="PhiloxStream.UInt32"/>(step, first + i) &lt; threshold, else 0.</summary>
    void FillBernoulliMask(IDeviceVector<uint> destination, PhiloxStream stream, ulong step, ulong first, ulong threshold);

    /// <summary>destination[i] = <see cref="PhiloxStream.UniformDouble"/>(step, first + i).</summary>
    void FillUniformDouble(IDeviceVector<double> destination, PhiloxStream stream, ulong step, ulong first);

    /// <summary>STREAM triad: a[i] = b[i] + q·c[i].</summary>
    void StreamTriad<T>(IDeviceVector<T> a, IDeviceVector<T> b, IDeviceVector<T> c, T q)
        where T : unmanaged;
}
