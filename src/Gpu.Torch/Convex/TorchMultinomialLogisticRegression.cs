using Verification.Convex.Objectives;
using static TorchSharp.torch;
using static Verification.Gpu.Torch.TorchArithmetic;

namespace Verification.Gpu.Torch.Convex;

/// <summary>
/// <see cref="MultinomialLogisticRegression"/> (MNIST, K classes, θ = K rows of p weights and a bias) on the TorchSharp
/// backend: logits and the gradient reduction bit for bit; residuals softmax(z) − e_y, the per-example gradient
/// norms and the full gradient within the tolerance that libtorch's <c>exp</c> and its sums over classes leave.
/// </summary>
public sealed class TorchMultinomialLogisticRegression : TorchLogisticRegression
{
    /// <summary>The reference's chunk of examples per partial gradient sum (MultinomialLogisticRegression: 256).</summary>
    public const int ReferenceChunkSize = 256;

    private readonly Tensor _oneHot;

    /// <summary>Uploads <paramref name="problem"/>'s features and labels to <paramref name="backend"/>'s device.</summary>
    public TorchMultinomialLogisticRegression(TorchBackend backend, MultinomialLogisticRegression problem)
        : base(backend, (problem ?? throw new ArgumentNullException(nameof(problem))).Features, problem.Dimension, ReferenceChunkSize)
    {
        Problem = problem;
        var oneHot = new double[problem.ExampleCount * problem.ClassCount];
        for (int i = 0; i < problem.ExampleCount; i++)
        {
            oneHot[(i * problem.ClassCount) + problem.Label(i)] = 1.0;
        }

        _oneHot = tensor(oneHot, ScalarType.Float64, backend.Device).view(problem.ExampleCount, problem.ClassCount).DetachFromDisposeScope();
    }

    /// <summary>The host objective mirrored here.</summary>
    public MultinomialLogisticRegression Problem { get; }

    private protected override int OutputsPerExample => Problem.ClassCount;

    private protected override double Lambda => Problem.Lambda;

    private protected override Tensor Margins(Tensor theta)
    {
        // z_ik starts at class k's bias and adds x·w_k in column order (MultinomialLogisticRegression.Logits).
        Tensor weights = theta.view(Problem.ClassCount, ColumnsWithBias);
        Tensor start = weights[.., Problem.FeatureCount].unsqueeze(0).expand(ExampleCount, Problem.ClassCount).clone();
        return AccumulateRows(start, Products(weights));
    }

    private protected override Tensor ResidualsOf(Tensor z)
    {
        // LogisticMath.Softmax: shift by the maximum, exp, divide by the sum; minus 1 at the label.
        Tensor q = Sub(z, z.amax(new long[] { 1 }, keepdim: true)).exp();
        return Sub(q / q.sum(1, keepdim: true), _oneHot);
    }

    private protected override Tensor SquaredNorms(Tensor z, Tensor r, double thetaSquared) =>
        Add(Add((r * r).sum(1) * AugmentedSquaredNorms, Mul((r * z).sum(1), 2.0 * Problem.Lambda)), Problem.Lambda * Problem.Lambda * thetaSquared);

    private protected override Tensor GradientOf(Tensor theta, Tensor r) => Finish(ChunkedSums(r).t().reshape(-1), theta);
}
