using Verification.Convex.Data.Mnist;
using Verification.Convex.Features;
using Verification.Reference.Problems;
using Verification.Reference.Threading;
using Verification.Reference.Validation;

namespace Verification.Convex.Objectives;

/// <summary>
/// L2-regularised multinomial logistic regression on dense features (the MNIST problem of DASGrad Section 5):
/// <c>f_i(θ) = log Σ_k exp(z_ik) − z_{i,y_i} + (λ/2)‖θ‖²</c> with logits <c>z_i = W x̃_i</c>, x̃_i = (x_i, 1).
/// θ is W ∈ ℝ^{K×(p+1)} row-major: row k holds the p weights of class k and then its bias, so d = K(p+1)
/// (7,850 for MNIST). The biases are regularised like the weights.
/// </summary>
/// <remarks>
/// ∇_W f_i = r_i x̃_iᵀ + λW with r_i = softmax(z_i) − e_{y_i}, hence
/// ‖∇f_i‖² = ‖r_i‖²‖x̃_i‖² + 2λ⟨r_i, W x̃_i⟩ + λ²‖W‖² = ‖r_i‖²‖x̃_i‖² + 2λ⟨r_i, z_i⟩ + λ²‖W‖², without
/// materialising the K(p+1) gradient.
/// The features are dense in meaning but are kept in CSR form with the exact zeros dropped: about 81% of MNIST pixels
/// are background, so every pass costs a fifth of the dense one, with the same value up to summation order.
/// </remarks>
public sealed class MultinomialLogisticRegression : IFiniteSumObjective, ISmoothConvexObjective
{
    // 256 examples per chunk: 235 partial gradients of 7,851 doubles (15 MB) for the 60,000 MNIST examples.
    private const int ChunkSize = 256;

    private readonly CsrMatrix _features;
    private readonly int[] _labels;
    private readonly double[] _augmentedSquaredNorms;
    private readonly ChunkedReduction _reduction;

    /// <summary>
    /// Creates the objective on <paramref name="features"/> (n rows of <paramref name="featureCount"/> values, row-major)
    /// with labels in 0..<paramref name="classCount"/>−1.
    /// </summary>
    public MultinomialLogisticRegression(double[] features, int featureCount, IReadOnlyList<int> labels, int classCount, double lambda)
        : this(DropZeros(features, featureCount), labels, classCount, lambda)
    {
    }

    /// <summary>Creates the objective on feature rows given in CSR form (one row per example).</summary>
    public MultinomialLogisticRegression(CsrMatrix features, IReadOnlyList<int> labels, int classCount, double lambda)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        Guard.AtLeast(nameof(classCount), classCount, 2);
        Guard.AtLeast("example count", labels.Count, 1);
        Guard.SameLength(nameof(labels), labels.Count, "feature rows", features.RowCount);
        Lambda = Guard.NonNegative(nameof(lambda), lambda);
        FeatureCount = features.ColumnCount;
        ClassCount = classCount;
        _features = features;
        _labels = new int[labels.Count];
        _augmentedSquaredNorms = new double[labels.Count];
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] < 0 || labels[i] >= classCount)
            {
                throw new ArgumentException($"Label {i} is {labels[i]}; labels must be in [0, {classCount}).", nameof(labels));
            }

            _labels[i] = labels[i];
            _augmentedSquaredNorms[i] = features.RowSquaredNorm(i) + 1.0;
        }

        _reduction = new ChunkedReduction(labels.Count, ChunkSize);
    }

    /// <summary>The MNIST problem: features are pixels / 255 (<see cref="MnistDataset.PixelScale"/>), 10 classes.</summary>
    public static MultinomialLogisticRegression FromMnist(MnistDataset data, double lambda)
    {
        ArgumentNullException.ThrowIfNull(data);
        int p = data.FeatureCount;
        var pointers = new int[data.Count + 1];
        var columns = new List<int>(data.Pixels.Length / 4);
        var values = new List<double>(data.Pixels.Length / 4);
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<byte> image = data.Image(i);
            for (int j = 0; j < p; j++)
            {
                if (image[j] != 0)
                {
                    columns.Add(j);
                    values.Add(image[j] / MnistDataset.PixelScale);
                }
            }

            pointers[i + 1] = columns.Count;
        }

        var csr = new CsrMatrix(data.Count, p, pointers, columns.ToArray(), values.ToArray());
        return new MultinomialLogisticRegression(csr, data.Labels.Select(l => (int)l).ToArray(), MnistDataset.ClassCount, lambda);
    }

    /// <summary>The L2 strength λ.</summary>
    public double Lambda { get; }

    /// <summary>Features per example p (without the bias).</summary>
    public int FeatureCount { get; }

    /// <summary>The number of classes K.</summary>
    public int ClassCount { get; }

    /// <inheritdoc/>
    public int ExampleCount => _labels.Length;

    /// <summary>d = K (p + 1).</summary>
    public int Dimension => ClassCount * (FeatureCount + 1);

    /// <summary>The class of example <paramref name="example"/>.</summary>
    public int Label(int example) => _labels[example];

    /// <summary>The feature rows x_i (without the bias 1), zeros dropped.</summary>
    public CsrMatrix Features => _features;

    /// <summary>Writes the logits z = W x̃_i into <paramref name="logits"/> (length K).</summary>
    public void Logits(int example, ReadOnlySpan<double> theta, Span<double> logits)
    {
        Guard.SameLength(nameof(theta), theta.Length, "dimension", Dimension);
        ComputeLogits(example, theta, logits);
    }

    /// <inheritdoc/>
    public double ExampleLoss(int example, ReadOnlySpan<double> theta)
    {
        Span<double> z = stackalloc double[ClassCount];
        Logits(example, theta, z);
        return LogisticMath.LogSumExp(z) - z[_labels[example]] + 0.5 * Lambda * DenseKernels.SquaredNorm(theta);
    }

    /// <inheritdoc/>
    public void ExampleGradient(int example, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        Guard.SameLength(nameof(gradient), gradient.Length, "dimension", Dimension);
        Span<double> z = stackalloc double[ClassCount];
        Span<double> r = stackalloc double[ClassCount];
        Logits(example, theta, z);
        LogisticMath.Softmax(z, r);
        r[_labels[example]] -= 1.0;
        for (int j = 0; j < gradient.Length; j++)
        {
            gradient[j] = Lambda * theta[j];
        }

        AddOuterProduct(example, r, gradient);
    }

    /// <inheritdoc/>
    public double ExampleGradientNorm(int example, ReadOnlySpan<double> theta) =>
        NormOf(example, theta, DenseKernels.SquaredNorm(theta));

    /// <summary>Writes ‖∇f_i(θ)‖ for every example into <paramref name="norms"/>, computing ‖W‖² once.</summary>
    public void ExampleGradientNorms(ReadOnlySpan<double> theta, Span<double> norms)
    {
        Guard.SameLength(nameof(theta), theta.Length, "dimension", Dimension);
        Guard.SameLength(nameof(norms), norms.Length, "example count", ExampleCount);
        double thetaSquared = DenseKernels.SquaredNorm(theta);
        double[] t = theta.ToArray();
        double[] result = new double[ExampleCount];
        Parallel.For(0, ExampleCount, ReferenceParallelism.CreateOptions(), i => result[i] = NormOf(i, t, thetaSquared));
        result.CopyTo(norms);
    }

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> theta) => Evaluate(theta, Span<double>.Empty, withGradient: false);

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        Guard.SameLength(nameof(gradient), gradient.Length, "dimension", Dimension);
        return Evaluate(theta, gradient, withGradient: true);
    }

    /// <inheritdoc/>
    public IHessianOperator Hessian(ReadOnlySpan<double> theta)
    {
        Guard.SameLength(nameof(theta), theta.Length, "dimension", Dimension);
        int k = ClassCount;
        var probabilities = new double[ExampleCount * k];
        double[] t = theta.ToArray();
        Parallel.For(0, ExampleCount, ReferenceParallelism.CreateOptions(), i =>
        {
            Span<double> z = stackalloc double[k];
            ComputeLogits(i, t, z);
            LogisticMath.Softmax(z, probabilities.AsSpan(i * k, k));
        });
        return new HessianOperator(this, probabilities);
    }

    private double NormOf(int example, ReadOnlySpan<double> theta, double thetaSquared)
    {
        Span<double> z = stackalloc double[ClassCount];
        Span<double> r = stackalloc double[ClassCount];
        Logits(example, theta, z);
        LogisticMath.Softmax(z, r);
        r[_labels[example]] -= 1.0;
        double rr = 0.0;
        double rz = 0.0;
        for (int k = 0; k < ClassCount; k++)
        {
            rr += r[k] * r[k];
            rz += r[k] * z[k];
        }

        double squared = rr * _augmentedSquaredNorms[example] + 2.0 * Lambda * rz + Lambda * Lambda * thetaSquared;
        // A sum of three terms equal to a squared norm; rounding can only push an exact 0 slightly negative.
        return Math.Sqrt(Math.Max(squared, 0.0));
    }

    private static CsrMatrix DropZeros(double[] features, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        Guard.AtLeast(nameof(featureCount), featureCount, 1);
        if (features.Length % featureCount != 0)
        {
            throw new ArgumentException($"Feature array length {features.Length} is not a multiple of {featureCount}.", nameof(features));
        }

        Guard.Finite(nameof(features), features);
        int n = features.Length / featureCount;
        var pointers = new int[n + 1];
        var columns = new List<int>();
        var values = new List<double>();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < featureCount; j++)
            {
                double v = features[i * featureCount + j];
                if (v != 0.0)
                {
                    columns.Add(j);
                    values.Add(v);
                }
            }

            pointers[i + 1] = columns.Count;
        }

        return new CsrMatrix(n, featureCount, pointers, columns.ToArray(), values.ToArray());
    }

    // z_k = ⟨W_k, x_i⟩ + b_k, summed over the stored entries in column order.
    private void ComputeLogits(int example, ReadOnlySpan<double> theta, Span<double> logits)
    {
        int stride = FeatureCount + 1;
        ReadOnlySpan<int> columns = _features.RowColumns(example);
        ReadOnlySpan<double> values = _features.RowValues(example);
        for (int k = 0; k < ClassCount; k++)
        {
            ReadOnlySpan<double> row = theta.Slice(k * stride, stride);
            double sum = row[FeatureCount];
            for (int e = 0; e < columns.Length; e++)
            {
                sum += values[e] * row[columns[e]];
            }

            logits[k] = sum;
        }
    }

    // The full-batch passes work on Wᵀ, (p+1) rows of K class weights: one stored pixel then touches K adjacent doubles
    // instead of K cache lines 785 doubles apart. Sums run in the same order as the row-major forms above.
    private double[] Transposed(ReadOnlySpan<double> theta)
    {
        int stride = FeatureCount + 1;
        int classes = ClassCount;
        var wt = new double[theta.Length];
        for (int k = 0; k < classes; k++)
        {
            for (int j = 0; j < stride; j++)
            {
                wt[j * classes + k] = theta[k * stride + j];
            }
        }

        return wt;
    }

    // result[k(p+1) + j] = sumT[j K + k] / n + λ θ[k(p+1) + j]: back to θ's layout, with the mean and the L2 term.
    private void FromTransposedMean(ReadOnlySpan<double> sumT, ReadOnlySpan<double> theta, Span<double> result)
    {
        int stride = FeatureCount + 1;
        int classes = ClassCount;
        double n = ExampleCount;
        for (int k = 0; k < classes; k++)
        {
            for (int j = 0; j < stride; j++)
            {
                result[k * stride + j] = sumT[j * classes + k] / n + Lambda * theta[k * stride + j];
            }
        }
    }

    private void ComputeLogitsTransposed(int example, ReadOnlySpan<double> wt, Span<double> logits)
    {
        int classes = ClassCount;
        ReadOnlySpan<int> columns = _features.RowColumns(example);
        ReadOnlySpan<double> values = _features.RowValues(example);
        wt.Slice(FeatureCount * classes, classes).CopyTo(logits);
        for (int e = 0; e < columns.Length; e++)
        {
            DenseKernels.Axpy(values[e], wt.Slice(columns[e] * classes, classes), logits);
        }
    }

    private void AddOuterProductTransposed(int example, ReadOnlySpan<double> c, Span<double> targetT)
    {
        int classes = ClassCount;
        ReadOnlySpan<int> columns = _features.RowColumns(example);
        ReadOnlySpan<double> values = _features.RowValues(example);
        for (int e = 0; e < columns.Length; e++)
        {
            DenseKernels.Axpy(values[e], c, targetT.Slice(columns[e] * classes, classes));
        }

        Span<double> bias = targetT.Slice(FeatureCount * classes, classes);
        for (int k = 0; k < bias.Length; k++)
        {
            bias[k] += c[k];
        }
    }

    // target += c x̃_iᵀ (row k gets c_k x_i, and c_k in its bias slot).
    private void AddOuterProduct(int example, ReadOnlySpan<double> c, Span<double> target)
    {
        int stride = FeatureCount + 1;
        ReadOnlySpan<int> columns = _features.RowColumns(example);
        ReadOnlySpan<double> values = _features.RowValues(example);
        for (int k = 0; k < ClassCount; k++)
        {
            Span<double> row = target.Slice(k * stride, stride);
            double ck = c[k];
            for (int e = 0; e < columns.Length; e++)
            {
                row[columns[e]] += ck * values[e];
            }

            row[FeatureCount] += ck;
        }
    }

    // F(θ) = (1/n) Σ ℓ_i + (λ/2)‖θ‖²; ∇F = (1/n) Σ r_i x̃_iᵀ + λθ. Partial sums carry the loss in the last slot.
    private double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient, bool withGradient)
    {
        Guard.SameLength(nameof(theta), theta.Length, "dimension", Dimension);
        int d = Dimension;
        int classes = ClassCount;
        double[] wt = Transposed(theta);
        int width = withGradient ? d + 1 : 1;
        double[] sum = new double[width];
        _reduction.Sum((start, end, partial) =>
        {
            Span<double> z = stackalloc double[classes];
            Span<double> p = stackalloc double[classes];
            double loss = 0.0;
            for (int i = start; i < end; i++)
            {
                ComputeLogitsTransposed(i, wt, z);
                double lse = LogisticMath.Softmax(z, p);
                loss += lse - z[_labels[i]];
                if (withGradient)
                {
                    p[_labels[i]] -= 1.0;
                    AddOuterProductTransposed(i, p, partial);
                }
            }

            partial[width - 1] += loss;
        }, sum);

        if (withGradient)
        {
            FromTransposedMean(sum, theta, gradient);
        }

        return sum[width - 1] / ExampleCount + 0.5 * Lambda * DenseKernels.SquaredNorm(theta);
    }

    private sealed class HessianOperator(MultinomialLogisticRegression owner, double[] probabilities) : IHessianOperator
    {
        // diag H at (k, j) = (1/n) Σ_i p_ik(1 − p_ik) x̃_ij² + λ.
        public void Diagonal(Span<double> diagonal)
        {
            int d = owner.Dimension;
            Guard.SameLength(nameof(diagonal), diagonal.Length, "dimension", d);
            int classes = owner.ClassCount;
            int stride = owner.FeatureCount + 1;
            double[] sum = new double[d];
            owner._reduction.Sum((start, end, partial) =>
            {
                for (int i = start; i < end; i++)
                {
                    ReadOnlySpan<int> columns = owner._features.RowColumns(i);
                    ReadOnlySpan<double> values = owner._features.RowValues(i);
                    for (int k = 0; k < classes; k++)
                    {
                        double pk = probabilities[i * classes + k];
                        double c = pk * (1.0 - pk);
                        Span<double> row = partial.Slice(k * stride, stride);
                        for (int e = 0; e < columns.Length; e++)
                        {
                            row[columns[e]] += c * values[e] * values[e];
                        }

                        row[owner.FeatureCount] += c;
                    }
                }
            }, sum);
            for (int j = 0; j < d; j++)
            {
                diagonal[j] = sum[j] / owner.ExampleCount + owner.Lambda;
            }
        }

        // H V = (1/n) Σ_i [(Diag(p_i) − p_i p_iᵀ)(V x̃_i)] x̃_iᵀ + λ V: the softmax Jacobian applied to V's logits.
        public void Multiply(ReadOnlySpan<double> v, Span<double> result)
        {
            int d = owner.Dimension;
            Guard.SameLength(nameof(v), v.Length, "dimension", d);
            Guard.SameLength(nameof(result), result.Length, "dimension", d);
            int classes = owner.ClassCount;
            double[] vt = owner.Transposed(v);
            double[] sum = new double[d];
            owner._reduction.Sum((start, end, partial) =>
            {
                Span<double> u = stackalloc double[classes];
                Span<double> w = stackalloc double[classes];
                for (int i = start; i < end; i++)
                {
                    ReadOnlySpan<double> p = probabilities.AsSpan(i * classes, classes);
                    owner.ComputeLogitsTransposed(i, vt, u);
                    double pu = 0.0;
                    for (int k = 0; k < classes; k++)
                    {
                        pu += p[k] * u[k];
                    }

                    for (int k = 0; k < classes; k++)
                    {
                        w[k] = p[k] * (u[k] - pu);
                    }

                    owner.AddOuterProductTransposed(i, w, partial);
                }
            }, sum);
            owner.FromTransposedMean(sum, v, result);
        }
    }
}
