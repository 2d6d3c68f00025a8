using Verification.Convex.Features;
using Verification.Convex.Objectives;
using Verification.Gpu.Kernels;

namespace Verification.Gpu.Convex;

/// <summary>
/// The shared part of the device logistic regressions: the feature matrix on the device twice (CSR rows for the
/// forward pass, CSC columns with rows ascending for the gradient), θ, and the per-example outputs, all double.
/// </summary>
/// <remarks>
/// Bit for bit with src/Convex: margins / logits. Within a tolerance: everything after <c>exp</c> (residuals, norms,
/// the gradient), because OpenCL's <c>exp</c> is not correctly rounded. The gradient's reduction has the reference's
/// fixed chunked order, so <see cref="GradientFromResiduals"/> fed the reference's residuals is bit for bit
/// (kernels/logistic.cl explains the order).
/// </remarks>
public abstract class DeviceLogisticRegression : IDisposable
{
    private readonly object _gate = new();
    private readonly OpenClProgram _program;
    private readonly OpenClKernel _forward;
    private readonly OpenClKernel _gradient;
    private readonly DeviceBuffer<int> _rowPointers, _columns, _columnPointers, _rows;
    private readonly DeviceBuffer<double> _values, _columnValues, _augmentedSquaredNorms;
    private readonly DeviceBuffer<double> _theta, _margins, _residuals, _norms, _gradientOut;

    /// <summary>Uploads <paramref name="features"/> (and its transpose) for an objective of dimension <paramref name="dimension"/>.</summary>
    private protected DeviceLogisticRegression(OpenClBackend backend, CsrMatrix features, int dimension, int outputsPerExample, string forwardKernel, string gradientKernel)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(features);
        if (!backend.SupportsFloat64)
        {
            throw new NotSupportedException($"The device logistic regressions need fp64, which the OpenCL device {backend.Device.Name} lacks.");
        }

        Backend = backend;
        ExampleCount = features.RowCount;
        Dimension = dimension;
        OpenClContext context = backend.Context;
        _program = context.BuildProgram("logistic (float64)", KernelSources.Concatenate(KernelSources.Prelude, KernelSources.Logistic), "-D REAL_IS_DOUBLE=1");
        _forward = _program.CreateKernel(forwardKernel);
        _gradient = _program.CreateKernel(gradientKernel);

        (int[] columnPointers, int[] rows, double[] columnValues) = Transpose(features);
        var augmented = new double[ExampleCount];
        for (int i = 0; i < ExampleCount; i++)
        {
            augmented[i] = features.RowSquaredNorm(i) + 1.0;   // the reference's ‖x̃_i‖² = ‖x_i‖² + 1, same order
        }

        _rowPointers = context.Upload<int>(features.RowPointers);
        _columns = context.Upload<int>(NonEmpty(features.ColumnIndices));
        _values = context.Upload<double>(NonEmpty(features.Values));
        _columnPointers = context.Upload<int>(columnPointers);
        _rows = context.Upload<int>(NonEmpty(rows));
        _columnValues = context.Upload<double>(NonEmpty(columnValues));
        _augmentedSquaredNorms = context.Upload<double>(augmented);
        _theta = context.Allocate<double>(dimension);
        _margins = context.Allocate<double>(ExampleCount * outputsPerExample);
        _residuals = context.Allocate<double>(ExampleCount * outputsPerExample);
        _norms = context.Allocate<double>(ExampleCount);
        _gradientOut = context.Allocate<double>(dimension);
    }

    /// <summary>The backend the buffers live on.</summary>
    public OpenClBackend Backend { get; }

    /// <summary>The number of examples n.</summary>
    public int ExampleCount { get; }

    /// <summary>The dimension d of θ.</summary>
    public int Dimension { get; }

    /// <summary>The reference's chunk size of the full-gradient reduction (examples per partial sum).</summary>
    public abstract int ChunkSize { get; }

    /// <summary>The margins (binary: n values) or logits (multinomial: n × K, example-major) at θ; bit for bit with the reference.</summary>
    public double[] Forward(ReadOnlySpan<double> theta)
    {
        lock (_gate)
        {
            RunForward(theta, wantResiduals: false);
            return _margins.ToArray();
        }
    }

    /// <summary>The residuals (binary: σ(z_i) − y_i; multinomial: softmax(z_i) − e_{y_i}, n × K) at θ.</summary>
    public double[] Residuals(ReadOnlySpan<double> theta)
    {
        lock (_gate)
        {
            RunForward(theta, wantResiduals: true);
            return _residuals.ToArray();
        }
    }

    /// <summary>Writes ‖∇f_i(θ)‖₂ for every example (the DASGrad refresh's n scores) into <paramref name="norms"/>.</summary>
    public void ExampleGradientNorms(ReadOnlySpan<double> theta, Span<double> norms)
    {
        if (norms.Length != ExampleCount)
        {
            throw new ArgumentException($"norms has {norms.Length} elements, the problem {ExampleCount} examples.", nameof(norms));
        }

        lock (_gate)
        {
            RunForward(theta, wantResiduals: true);
            _norms.Download(norms);
        }
    }

    /// <summary>∇F(θ) = (1/n) Σ r_i x̃_i + λθ, residuals and reduction on the device.</summary>
    public double[] Gradient(ReadOnlySpan<double> theta)
    {
        lock (_gate)
        {
            RunForward(theta, wantResiduals: true);
            RunGradient();
            return _gradientOut.ToArray();
        }
    }

    /// <summary>
    /// ∇F(θ) from given residuals (length n, or n × K): the device reduction alone, for checking its order bit for bit.
    /// </summary>
    public double[] GradientFromResiduals(ReadOnlySpan<double> theta, ReadOnlySpan<double> residuals)
    {
        lock (_gate)
        {
            UploadTheta(theta);
            _residuals.Upload(residuals);
            RunGradient();
            return _gradientOut.ToArray();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (IDisposable d in new IDisposable[] { _forward, _gradient, _rowPointers, _columns, _values, _columnPointers, _rows, _columnValues, _augmentedSquaredNorms, _theta, _margins, _residuals, _norms, _gradientOut })
        {
            d.Dispose();
        }

        _program.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Sets the forward kernel's arguments after the squared-norm buffer (scalars, then <see cref="SetOutputs"/>).</summary>
    private protected abstract void SetForwardScalars(OpenClKernel kernel, double thetaSquared, bool wantResiduals);

    /// <summary>The device buffer the gradient kernel writes.</summary>
    private protected DeviceBuffer<double> GradientBuffer => _gradientOut;

    /// <summary>Sets the gradient kernel's scalars and output (everything after θ) and returns the number of work-items.</summary>
    private protected abstract int SetGradientScalars(OpenClKernel kernel);

    /// <summary>The labels buffer the forward kernel reads (double for binary, int for multinomial).</summary>
    private protected abstract void SetLabels(OpenClKernel kernel, uint index);

    private void UploadTheta(ReadOnlySpan<double> theta)
    {
        if (theta.Length != Dimension)
        {
            throw new ArgumentException($"θ has {theta.Length} elements, the problem dimension is {Dimension}.", nameof(theta));
        }

        _theta.Upload(theta);
    }

    private void RunForward(ReadOnlySpan<double> theta, bool wantResiduals)
    {
        UploadTheta(theta);
        double thetaSquared = DenseKernels.SquaredNorm(theta);   // the reference's ‖θ‖² (host, its vector order)
        _forward.SetBuffer(0, _rowPointers).SetBuffer(1, _columns).SetBuffer(2, _values).SetBuffer(3, _theta);
        SetLabels(_forward, 4);
        _forward.SetBuffer(5, _augmentedSquaredNorms);
        SetForwardScalars(_forward, thetaSquared, wantResiduals);
        Launch(_forward, ExampleCount);
        Backend.Context.Finish();
    }

    private void RunGradient()
    {
        _gradient.SetBuffer(0, _columnPointers).SetBuffer(1, _rows).SetBuffer(2, _columnValues).SetBuffer(3, _residuals).SetBuffer(4, _theta);
        int items = SetGradientScalars(_gradient);
        Launch(_gradient, items);
        Backend.Context.Finish();
    }

    /// <summary>The output buffers, for the forward kernel's last four arguments.</summary>
    private protected void SetOutputs(OpenClKernel kernel, uint index, bool wantResiduals) =>
        kernel.SetBuffer(index, _margins).SetBuffer(index + 1, _residuals).SetBuffer(index + 2, _norms).SetScalar(index + 3, wantResiduals ? 1u : 0u);

    private static void Launch(OpenClKernel kernel, int items)
    {
        int group = OpenClBackend.WorkGroupSize;
        kernel.Launch(checked((items + group - 1) / group * group), group);
    }

    private static T[] NonEmpty<T>(T[] values)
        where T : unmanaged => values.Length == 0 ? new T[1] : values;

    /// <summary>CSC of <paramref name="features"/>: column pointers, row indices ascending within each column, values.</summary>
    private static (int[] ColumnPointers, int[] Rows, double[] Values) Transpose(CsrMatrix features)
    {
        int columns = features.ColumnCount;
        var pointers = new int[columns + 1];
        foreach (int c in features.ColumnIndices)
        {
            pointers[c + 1]++;
        }

        for (int c = 0; c < columns; c++)
        {
            pointers[c + 1] += pointers[c];
        }

        var next = (int[])pointers.Clone();
        var rows = new int[features.NonZeroCount];
        var values = new double[features.NonZeroCount];
        for (int i = 0; i < features.RowCount; i++)
        {
            for (int e = features.RowPointers[i]; e < features.RowPointers[i + 1]; e++)
            {
                int slot = next[features.ColumnIndices[e]]++;
                rows[slot] = i;
                values[slot] = features.Values[e];
            }
        }

        return (pointers, rows, values);
    }
}
