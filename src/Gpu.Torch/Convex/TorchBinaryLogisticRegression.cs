using Verification.Convex.Objectives;
using static TorchSharp.torch;
using static Verification.Gpu.Torch.TorchArithmetic;

namespace Verification.Gpu.Torch.Convex;

/// <summary>
/// <see cref="BinaryLogisticRegression"/> (sparse rows, IMDB) on the TorchSharp backend: margins and the gradient
/// reduction bit for bit; residuals σ(z) − y, the per-example gradient norms and the full gradient within the
/// tolerance that libtorch's <c>exp</c> leaves (see <see cref="TorchLogisticRegression"/>).
/// </summary>
public sealed class TorchBinaryLogisticRegression : TorchLogisticRegression
{
    /// <summary>The reference's chunk of examples per partial gradient sum (BinaryLogisticRegression: 1024).</summary>
    public const int ReferenceChunkSize = 1024;

    private readonly Tensor _labels;

    /// <summary>Uploads <paramref name="problem"/>'s features and labels to <paramref name="backend"/>'s device.</summary>
    public TorchBinaryLogisticRegression(TorchBackend backend, BinaryLogisticRegression problem)
        : base(backend, (problem ?? throw new ArgumentNullException(nameof(problem))).Features, problem.Dimension, ReferenceChunkSize)
    {
        Problem = problem;
        _labels = tensor(Enumerable.Range(0, problem.ExampleCount).Select(problem.Label).ToArray(), ScalarType.Float64, backend.Device)
            .view(-1, 1).DetachFromDisposeScope();
    }

    /// <summary>The host objective mirrored here.</summary>
    public BinaryLogisticRegression Problem { get; }

    private protected override int OutputsPerExample => 1;

    private protected override double Lambda => Problem.Lambda;

    private protected override Tensor Margins(Tensor theta)
    {
        // Σ x·θ[col] from +0 in column order, then + the bias (BinaryLogisticRegression.Margin).
        Tensor weights = theta.view(1, -1);
        Tensor sums = AccumulateRows(zeros(new long[] { ExampleCount, 1 }, ScalarType.Float64, Backend.Device), Products(weights));
        return Add(sums, theta[Dimension - 1]);
    }

    private protected override Tensor ResidualsOf(Tensor z)
    {
        // LogisticMath.Sigmoid: e = exp(−|z|); z ≥ 0 ? 1/(1 + e) : e/(1 + e).
        Tensor e = (-z.abs()).exp();
        Tensor onePlus = Add(e, 1.0);
        return Sub(where(GreaterOrEqual(z, 0.0), ones_like(e) / onePlus, e / onePlus), _labels);
    }

    private protected override Tensor SquaredNorms(Tensor z, Tensor r, double thetaSquared) =>
        Add(Add((r * r) * AugmentedSquaredNorms.view(-1, 1), Mul(r, 2.0 * Problem.Lambda) * z), Problem.Lambda * Problem.Lambda * thetaSquared).view(-1);

    private protected override Tensor GradientOf(Tensor theta, Tensor r) => Finish(ChunkedSums(r).view(-1), theta);
}
