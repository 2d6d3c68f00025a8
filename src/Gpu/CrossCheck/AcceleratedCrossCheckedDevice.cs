using Verification.Gpu.Optimizers;
using Verification.Reference.Optimizers;

namespace Verification.Gpu.CrossCheck;

/// <summary>An <see cref="AcceleratedOptimizer{T}"/> in double as the cross-check's device.</summary>
/// <param name="optimizer">The device optimizer (disposed with this object).</param>
public sealed class AcceleratedCrossCheckedDevice(AcceleratedOptimizer<double> optimizer) : ICrossCheckedDevice
{
    /// <summary>Opens the device optimizer of <paramref name="reference"/> for <paramref name="dimension"/> parameters.</summary>
    public static ICrossCheckedDevice Open(IGradientMethodBackend backend, IGradientOptimizer reference, int dimension) =>
        new AcceleratedCrossCheckedDevice(new AcceleratedOptimizer<double>(backend, reference, dimension));

    /// <inheritdoc/>
    public void SetParameters(ReadOnlySpan<double> theta) => optimizer.SetParameters(theta);

    /// <inheritdoc/>
    public void Step(ReadOnlySpan<double> gradient) => optimizer.Step(gradient);

    /// <inheritdoc/>
    public double[] Parameters() => optimizer.GetParameters();

    /// <inheritdoc/>
    public OptimizerState State() => optimizer.DownloadState();

    /// <inheritdoc/>
    public bool[] LastMask() => optimizer.LastMask();

    /// <inheritdoc/>
    public void Dispose() => optimizer.Dispose();
}
