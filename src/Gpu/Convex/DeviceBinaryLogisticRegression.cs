using Verification.Convex.Objectives;

namespace Verification.Gpu.Convex;

/// <summary>
/// <see cref="BinaryLogisticRegression"/> (sparse rows, IMDB) on an OpenCL device: margins bit for bit; residuals
/// σ(z) − y, the n per-example gradient norms and the full gradient within the tolerance that OpenCL's <c>exp</c>
/// leaves (see <see cref="DeviceLogisticRegression"/>).
/// </summary>
public sealed class DeviceBinaryLogisticRegression : DeviceLogisticRegression
{
    /// <summary>The reference's chunk of examples per partial gradient sum (BinaryLogisticRegression: 1024).</summary>
    public const int ReferenceChunkSize = 1024;

    private readonly DeviceBuffer<double> _labels;

    /// <summary>Uploads <paramref name="problem"/>'s features and labels to <paramref name="backend"/>'s device.</summary>
    public DeviceBinaryLogisticRegression(OpenClBackend backend, BinaryLogisticRegression problem)
        : base(backend, (problem ?? throw new ArgumentNullException(nameof(problem))).Features, problem.Dimension, 1, "binary_forward", "binary_gradient")
    {
        Problem = problem;
        _labels = backend.Context.Upload<double>(Enumerable.Range(0, problem.ExampleCount).Select(problem.Label).ToArray());
    }

    /// <summary>The host objective mirrored here.</summary>
    public BinaryLogisticRegression Problem { get; }

    /// <inheritdoc/>
    public override int ChunkSize => ReferenceChunkSize;

    private protected override void SetLabels(OpenClKernel kernel, uint index) => kernel.SetBuffer(index, _labels);

    private protected override void SetForwardScalars(OpenClKernel kernel, double thetaSquared, bool wantResiduals)
    {
        kernel.SetScalar(6, (uint)Dimension).SetScalar(7, (uint)ExampleCount).SetScalar(8, Problem.Lambda).SetScalar(9, thetaSquared);
        SetOutputs(kernel, 10, wantResiduals);
    }

    private protected override int SetGradientScalars(OpenClKernel kernel)
    {
        kernel.SetScalar(5, (uint)Dimension).SetScalar(6, (uint)ExampleCount).SetScalar(7, (uint)ChunkSize).SetScalar(8, Problem.Lambda)
            .SetBuffer(9, GradientBuffer);
        return Dimension;
    }
}
