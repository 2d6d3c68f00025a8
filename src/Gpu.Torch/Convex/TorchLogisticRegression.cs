using TorchSharp;
using Verification.Convex.Features;
using Verification.Convex.Objectives;
using static TorchSharp.torch;
using static Verification.Gpu.Torch.TorchArithmetic;

namespace Verification.Gpu.Torch.Convex;

/// <summary>
/// The logistic regressions of src/Convex on the TorchSharp backend, float64: the feature matrix as its CSR entries
/// (row, column, value, in CSR order), the forward pass, the residuals, the n per-example gradient norms of DASGrad's
/// refresh and the full gradient, as tensor operations.
/// </summary>
/// <remarks>
/// Bit for bit with src/Convex: the margins / logits and the gradient's reduction given the same residuals. Both are
/// sums that <c>index_add_</c> accumulates one source entry at a time in index order (libtorch's CPU kernel is a
/// sequential loop), and the entries are laid out so that each sum sees its terms in the reference's order: a margin
/// adds its row's products in column order starting from +0 (multinomial: from the class's bias); a gradient
/// coordinate adds r_i·x_ij over the rows of one chunk of examples in ascending order into that chunk's partial sum,
/// and the partials are then added in chunk order from +0, as the reference's chunked reduction does. Within a
/// tolerance: everything after <c>exp</c> (residuals, norms, the gradient), because libtorch's <c>exp</c> is not
/// .NET's (and the multinomial's sums over classes use libtorch's reduction order).
/// </remarks>
public abstract class TorchLogisticRegression : IDisposable
{
    private readonly Tensor _rows;
    private readonly Tensor _columns;
    private readonly Tensor _values;
    private readonly Tensor _partialTargets;
    private readonly Tensor _partialSourceRows;
    private readonly Tensor _partialValues;
    private readonly int _chunks;

    /// <summary>Uploads <paramref name="features"/> for an objective of dimension <paramref name="dimension"/> whose gradient sums run in chunks of <paramref name="chunkSize"/> examples.</summary>
    private protected TorchLogisticRegression(TorchBackend backend, CsrMatrix features, int dimension, int chunkSize)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(features);
        Backend = backend;
        ExampleCount = features.RowCount;
        Dimension = dimension;
        ChunkSize = chunkSize;
        int n = features.RowCount, nnz = features.NonZeroCount, columnsWithBias = features.ColumnCount + 1;
        var rows = new long[nnz];
        for (int i = 0; i < n; i++)
        {
            Array.Fill(rows, i, features.RowPointers[i], features.RowPointers[i + 1] - features.RowPointers[i]);
        }

        // The gradient's partial sums: one entry per stored value and one per example for the bias, row by row, each
        // aimed at (chunk of its row, column). index_add_ then adds every target's terms in ascending row order.
        _chunks = Math.Max(1, (n + chunkSize - 1) / chunkSize);
        var targets = new long[nnz + n];
        var sourceRows = new long[nnz + n];
        var values = new double[nnz + n];
        int slot = 0;
        for (int i = 0; i < n; i++)
        {
            long chunkBase = (long)(i / chunkSize) * columnsWithBias;
            for (int e = features.RowPointers[i]; e < features.RowPointers[i + 1]; e++, slot++)
            {
                (targets[slot], sourceRows[slot], values[slot]) = (chunkBase + features.ColumnIndices[e], i, features.Values[e]);
            }

            (targets[slot], sourceRows[slot], values[slot]) = (chunkBase + columnsWithBias - 1, i, 1.0);   // r·1 = r exactly
            slot++;
        }

        Device device = backend.Device;
        _rows = tensor(rows, device: device).DetachFromDisposeScope();
        _columns = tensor(features.ColumnIndices.Select(c => (long)c).ToArray(), ScalarType.Int64, device).DetachFromDisposeScope();
        _values = tensor(features.Values, ScalarType.Float64, device).DetachFromDisposeScope();
        _partialTargets = tensor(targets, device: device).DetachFromDisposeScope();
        _partialSourceRows = tensor(sourceRows, device: device).DetachFromDisposeScope();
        _partialValues = tensor(values, ScalarType.Float64, device).DetachFromDisposeScope();
        AugmentedSquaredNorms = tensor(Enumerable.Range(0, n).Select(i => features.RowSquaredNorm(i) + 1.0).ToArray(), ScalarType.Float64, device).DetachFromDisposeScope();
        ColumnsWithBias = columnsWithBias;
    }

    /// <summary>The backend the tensors live on.</summary>
    public TorchBackend Backend { get; }

    /// <summary>The number of examples n.</summary>
    public int ExampleCount { get; }

    /// <summary>The dimension d of θ.</summary>
    public int Dimension { get; }

    /// <summary>The reference's chunk size of the full-gradient reduction (examples per partial sum).</summary>
    public int ChunkSize { get; }

    /// <summary>‖x_i‖² + 1 per example (the reference's ‖x̃_i‖², same order).</summary>
    private protected Tensor AugmentedSquaredNorms { get; }

    /// <summary>Features + 1 (the bias column).</summary>
    private protected int ColumnsWithBias { get; }

    /// <summary>The margins (binary: n values) or logits (multinomial: n × K, example-major) at θ; bit for bit with the reference.</summary>
    public double[] Forward(ReadOnlySpan<double> theta)
    {
        using DisposeScope scope = NewDisposeScope();
        return Download(Margins(UploadTheta(theta)));
    }

    /// <summary>The residuals (binary: σ(z_i) − y_i; multinomial: softmax(z_i) − e_{y_i}, n × K) at θ.</summary>
    public double[] Residuals(ReadOnlySpan<double> theta)
    {
        using DisposeScope scope = NewDisposeScope();
        return Download(ResidualsOf(Margins(UploadTheta(theta))));
    }

    /// <summary>Writes ‖∇f_i(θ)‖₂ for every example (the DASGrad refresh's n scores) into <paramref name="norms"/>.</summary>
    public void ExampleGradientNorms(ReadOnlySpan<double> theta, Span<double> norms)
    {
        if (norms.Length != ExampleCount)
        {
            throw new ArgumentException($"norms has {norms.Length} elements, the problem {ExampleCount} examples.", nameof(norms));
        }

        using DisposeScope scope = NewDisposeScope();
        Tensor t = UploadTheta(theta);
        Tensor z = Margins(t);
        Tensor squared = SquaredNorms(z, ResidualsOf(z), DenseKernels.SquaredNorm(theta));
        Download(TorchSqrt.CorrectlyRounded(where(Greater(squared, 0.0), squared, zeros_like(squared)), Backend.FusedSqrtResidual)).CopyTo(norms);
    }

    /// <summary>∇F(θ) = (1/n) Σ r_i x̃_i + λθ, residuals and reduction on the device.</summary>
    public double[] Gradient(ReadOnlySpan<double> theta)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor t = UploadTheta(theta);
        return Download(GradientOf(t, ResidualsOf(Margins(t))));
    }

    /// <summary>∇F(θ) from given residuals (length n, or n × K): the device reduction alone, for checking its order bit for bit.</summary>
    public double[] GradientFromResiduals(ReadOnlySpan<double> theta, ReadOnlySpan<double> residuals)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor t = UploadTheta(theta);
        int outputs = OutputsPerExample;
        if (residuals.Length != ExampleCount * outputs)
        {
            throw new ArgumentException($"residuals has {residuals.Length} elements, expected {ExampleCount * outputs}.", nameof(residuals));
        }

        Tensor r = tensor(residuals.ToArray(), ScalarType.Float64, Backend.Device).view(ExampleCount, outputs);
        return Download(GradientOf(t, r));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (Tensor t in new[] { _rows, _columns, _values, _partialTargets, _partialSourceRows, _partialValues, AugmentedSquaredNorms })
        {
            t.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>1 (binary) or K (multinomial).</summary>
    private protected abstract int OutputsPerExample { get; }

    /// <summary>The regularisation weight λ.</summary>
    private protected abstract double Lambda { get; }

    /// <summary>z (n × outputs) from θ.</summary>
    private protected abstract Tensor Margins(Tensor theta);

    /// <summary>r (n × outputs) from z.</summary>
    private protected abstract Tensor ResidualsOf(Tensor z);

    /// <summary>The squared per-example gradient norms (n) from z and r, in the reference's order of terms.</summary>
    private protected abstract Tensor SquaredNorms(Tensor z, Tensor r, double thetaSquared);

    /// <summary>
    /// Σ_i r_i x̃_i for every coordinate (columnsWithBias × outputs), in the reference's chunked order: per chunk a
    /// partial from +0 over its rows ascending, then the partials added in chunk order from +0.
    /// </summary>
    private protected Tensor ChunkedSums(Tensor r)
    {
        Tensor source = r.index_select(0, _partialSourceRows) * _partialValues.unsqueeze(1);
        Tensor partials = zeros(new long[] { (long)_chunks * ColumnsWithBias, r.shape[1] }, ScalarType.Float64, Backend.Device)
            .index_add_(0, _partialTargets, source, 1.0)
            .view(_chunks, ColumnsWithBias, r.shape[1]);
        Tensor total = zeros(new long[] { ColumnsWithBias, r.shape[1] }, ScalarType.Float64, Backend.Device);
        for (int c = 0; c < _chunks; c++)
        {
            total = Add(total, partials[c]);
        }

        return total;
    }

    /// <summary>(sums laid out as θ) / n + λθ.</summary>
    private protected Tensor Finish(Tensor sumsInThetaLayout, Tensor theta) =>
        Add(sumsInThetaLayout / tensor((double)ExampleCount, ScalarType.Float64, Backend.Device), Mul(theta, Lambda));

    /// <summary>Every stored product x_e·w[col_e] for the weight rows <paramref name="weights"/> (outputs × columnsWithBias): nnz × outputs.</summary>
    private protected Tensor Products(Tensor weights) => weights.index_select(1, _columns).t() * _values.unsqueeze(1);

    /// <summary>Adds every product into its row of <paramref name="start"/> (n × outputs), one at a time in CSR order.</summary>
    private protected Tensor AccumulateRows(Tensor start, Tensor products) => IndexAdd(start, _rows, products);

    /// <summary>The gradient (length d) from residuals r (n × outputs).</summary>
    private protected abstract Tensor GradientOf(Tensor theta, Tensor r);

    private Tensor UploadTheta(ReadOnlySpan<double> theta)
    {
        if (theta.Length != Dimension)
        {
            throw new ArgumentException($"θ has {theta.Length} elements, the problem dimension is {Dimension}.", nameof(theta));
        }

        return tensor(theta.ToArray(), ScalarType.Float64, Backend.Device);
    }

    private static double[] Download(Tensor t)
    {
        using Tensor host = t.contiguous().cpu();
        return host.reshape(-1).data<double>().ToArray();
    }
}
