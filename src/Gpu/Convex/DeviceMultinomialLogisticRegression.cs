using Verification.Convex.Objectives;

namespace Verification.Gpu.Convex;

/// <summary>
/// <see cref="MultinomialLogisticRegression"/> (MNIST: K = 10 classes, θ = K rows of p weights and a bias) on an OpenCL
/// device: logits bit for bit; residuals softmax(z) − e_y, the n per-example gradient norms and the full gradient within
/// the tolerance that OpenCL's <c>exp</c> leaves (see <see cref="DeviceLogisticRegression"/>).
/// </summary>
public sealed class DeviceMultinomialLogisticRegression : DeviceLogisticRegression
{
    /// <summary>The reference's chunk of examples per partial gradient sum (MultinomialLogisticRegression: 256).</summary>
    public const int ReferenceChunkSize = 256;

    /// <summary>The most classes the kernel holds in private memory (<c>LR_MAX_CLASSES</c>).</summary>
    public const int MaxClasses = 16;

    private readonly DeviceBuffer<int> _labels;

    /// <summary>Uploads <paramref name="problem"/>'s features and labels to <paramref name="backend"/>'s device.</summary>
    /// <exception cref="NotSupportedException">More than <see cref="MaxClasses"/> classes.</exception>
    public DeviceMultinomialLogisticRegression(OpenClBackend backend, MultinomialLogisticRegression problem)
        : base(backend, Checked(problem).Features, problem.Dimension, problem.ClassCount, "multinomial_forward", "multinomial_gradient")
    {
        Problem = problem;
        _labels = backend.Context.Upload<int>(Enumerable.Range(0, problem.ExampleCount).Select(problem.Label).ToArray());
    }

    /// <summary>The host objective mirrored here.</summary>
    public MultinomialLogisticRegression Problem { get; }

    /// <inheritdoc/>
    public override int ChunkSize => ReferenceChunkSize;

    private protected override void SetLabels(OpenClKernel kernel, uint index) => kernel.SetBuffer(index, _labels);

    private protected override void SetForwardScalars(OpenClKernel kernel, double thetaSquared, bool wantResiduals)
    {
        kernel.SetScalar(6, (uint)Problem.FeatureCount).SetScalar(7, (uint)Problem.ClassCount).SetScalar(8, (uint)ExampleCount)
            .SetScalar(9, Problem.Lambda).SetScalar(10, thetaSquared);
        SetOutputs(kernel, 11, wantResiduals);
    }

    private protected override int SetGradientScalars(OpenClKernel kernel)
    {
        kernel.SetScalar(5, (uint)Problem.FeatureCount).SetScalar(6, (uint)Problem.ClassCount).SetScalar(7, (uint)ExampleCount)
            .SetScalar(8, (uint)ChunkSize).SetScalar(9, Problem.Lambda).SetBuffer(10, GradientBuffer);
        return Problem.FeatureCount + 1;   // one work-item per column, all classes
    }

    private static MultinomialLogisticRegression Checked(MultinomialLogisticRegression problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.ClassCount <= MaxClasses
            ? problem
            : throw new NotSupportedException($"The device multinomial regression holds at most {MaxClasses} classes, not {problem.ClassCount}.");
    }
}
