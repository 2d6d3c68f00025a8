using Verification.Convex.Features;
using Verification.Reference.Problems;
using Verification.Reference.Threading;
using Verification.Reference.Validation;

namespace Verification.Convex.Objectives;

/// <summary>
/// L2-regularised binary logistic regression on sparse features (the IMDB problem of DASGrad Section 5):
/// <c>f_i(θ) = log(1 + exp(−s_i z_i)) + (λ/2)‖θ‖²</c> with <c>z_i = ⟨w, x_i⟩ + b</c>, <c>s_i = 2y_i − 1</c>, y_i ∈ {0, 1},
/// and θ = (w, b) ∈ ℝ^{p+1} with the bias last. The bias is regularised like every other coordinate, so f_i is
/// λ-strongly convex and the closed-form gradient norm needs no special case.
/// </summary>
/// <remarks>
/// ∇f_i(θ) = (σ(z_i) − y_i) x̃_i + λθ with x̃_i = (x_i, 1), hence
/// ‖∇f_i‖² = r_i²‖x̃_i‖² + 2λ r_i z_i + λ²‖θ‖² with r_i = σ(z_i) − y_i, because ⟨x̃_i, θ⟩ = z_i. ‖x̃_i‖² is
/// precomputed, so the norm costs one sparse dot product plus ‖θ‖² (shared by all examples in
/// <see cref="ExampleGradientNorms"/>).
/// </remarks>
public sealed class BinaryLogisticRegression : IFiniteSumObjective, ISmoothConvexObjective
{
    // A chunk of 1024 rows keeps the number of d-long partial sums small (d can be 89,528 for IMDB).
    private const int ChunkSize = 1024;

    private readonly double[] _labels;
    private readonly double[] _augmentedSquaredNorms;
    private readonly ChunkedReduction _reduction;

    /// <summary>Creates the objective; <paramref name="labels"/> must be 0 or 1.</summary>
    public BinaryLogisticRegression(CsrMatrix features, IReadOnlyList<int> labels, double lambda)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        Guard.SameLength(nameof(labels), labels.Count, "feature rows", features.RowCount);
        Guard.AtLeast("example count", features.RowCount, 1);
        Lambda = Guard.NonNegative(nameof(lambda), lambda);
        Features = features;
        _labels = new double[labels.Count];
        _augmentedSquaredNorms = new double[labels.Count];
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] is not (0 or 1))
            {
                throw new ArgumentException($"Label {i} is {labels[i]}; binary labels must be 0 or 1.", nameof(labels));
            }

            _labels[i] = labels[i];
            _augmentedSquaredNorms[i] = features.RowSquaredNorm(i) + 1.0;
        }

        _reduction = new ChunkedReduction(features.RowCount, ChunkSize);
    }

    /// <summary>The feature rows x_i (without the bias 1).</summary>
    public CsrMatrix Features { get; }

    /// <summary>The L2 strength λ.</summary>
    public double Lambda { get; }

    /// <inheritdoc/>
    public int ExampleCount => Features.RowCount;

    /// <summary>d = features + 1 (bias last).</summary>
    public int Dimension => Features.ColumnCount + 1;

    /// <summary>The label y_i ∈ {0, 1}.</summary>
    public double Label(int example) => _labels[example];

    /// <summary>z_i = ⟨w, x_i⟩ + b.</summary>
    public double Margin(int example, ReadOnlySpan<double> theta)
    {
        Guard.SameLength(nameof(theta), theta.Length, "dimension", Dimension);
        return Features.RowDot(example, theta) + theta[^1];
    }

    /// <inheritdoc/>
    public double ExampleLoss(int example, ReadOnlySpan<double> theta) =>
        LogisticMath.BinaryLoss(Margin(example, theta), _labels[example]) + 0.5 * Lambda * DenseKernels.SquaredNorm(theta);

    /// <inheritdoc/>
    public void ExampleGradient(int example, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        Guard.SameLength(nameof(gradient), gradient.Length, "dimension", Dimension);
        double r = LogisticMath.Sigmoid(Margin(example, theta)) - _labels[example];
        for (int j = 0; j < gradient.Length; j++)
        {
            gradient[j] = Lambda * theta[j];
        }

        Features.AddScaledRow(example, r, gradient);
        gradient[^1] += r;
    }

    /// <inheritdoc/>
    public double ExampleGradientNorm(int example, ReadOnlySpan<double> theta) =>
        NormFromMargin(example, Margin(example, theta), DenseKernels.SquaredNorm(theta));

    /// <summary>Writes ‖∇f_i(θ)‖ for every example into <paramref name="norms"/>, computing ‖θ‖² once.</summary>
    public void ExampleGradientNorms(ReadOnlySpan<double> theta, Span<double> norms)
    {
        Guard.SameLength(nameof(theta), theta.Length, "dimension", Dimension);
        Guard.SameLength(nameof(norms), norms.Length, "example count", ExampleCount);
        double thetaSquared = DenseKernels.SquaredNorm(theta);
        double[] t = theta.ToArray();
        double[] result = new double[ExampleCount];

        // Each norm depends on its own example only, so the chunks may run in any order on any thread.
        Parallel.For(0, _reduction.ChunkCount, ReferenceParallelism.CreateOptions(), c =>
        {
            int end = Math.Min(ExampleCount, (c + 1) * ChunkSize);
            for (int i = c * ChunkSize; i < end; i++)
            {
                result[i] = NormFromMargin(i, Features.RowDot(i, t) + t[^1], thetaSquared);
            }
        });
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
        var curvature = new double[ExampleCount];
        double[] t = theta.ToArray();
        Parallel.For(0, ExampleCount, ReferenceParallelism.CreateOptions(), i =>
        {
            double s = LogisticMath.Sigmoid(Features.RowDot(i, t) + t[^1]);
            curvature[i] = s * (1.0 - s);
        });
        return new HessianOperator(this, curvature);
    }

    private double NormFromMargin(int example, double z, double thetaSquared)
    {
        double r = LogisticMath.Sigmoid(z) - _labels[example];
        double squared = r * r * _augmentedSquaredNorms[example] + 2.0 * Lambda * r * z + Lambda * Lambda * thetaSquared;
        // The three terms sum to a squared norm; rounding can push an exact 0 a few ulps below it.
        return Math.Sqrt(Math.Max(squared, 0.0));
    }

    // F(θ) = (1/n) Σ ℓ_i + (λ/2)‖θ‖²; ∇F = (1/n) Σ r_i x̃_i + λθ. Partial sums carry the loss in the last slot.
    private double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient, bool withGradient)
    {
        Guard.SameLength(nameof(theta), theta.Length, "dimension", Dimension);
        int d = Dimension;
        double[] t = theta.ToArray();
        int width = withGradient ? d + 1 : 1;
        double[] sum = new double[width];
        _reduction.Sum((start, end, partial) =>
        {
            double loss = 0.0;
            for (int i = start; i < end; i++)
            {
                double z = Features.RowDot(i, t) + t[d - 1];
                loss += LogisticMath.BinaryLoss(z, _labels[i]);
                if (withGradient)
                {
                    double r = LogisticMath.Sigmoid(z) - _labels[i];
                    Features.AddScaledRow(i, r, partial);
                    partial[d - 1] += r;
                }
            }

            partial[width - 1] += loss;
        }, sum);

        double n = ExampleCount;
        double thetaSquared = DenseKernels.SquaredNorm(t);
        if (withGradient)
        {
            for (int j = 0; j < d; j++)
            {
                gradient[j] = sum[j] / n + Lambda * t[j];
            }
        }

        return sum[width - 1] / n + 0.5 * Lambda * thetaSquared;
    }

    private sealed class HessianOperator(BinaryLogisticRegression owner, double[] curvature) : IHessianOperator
    {
        // diag H = (1/n) Σ σ_i(1 − σ_i) x̃_ij² + λ.
        public void Diagonal(Span<double> diagonal)
        {
            int d = owner.Dimension;
            Guard.SameLength(nameof(diagonal), diagonal.Length, "dimension", d);
            double[] sum = new double[d];
            owner._reduction.Sum((start, end, partial) =>
            {
                for (int i = start; i < end; i++)
                {
                    ReadOnlySpan<int> columns = owner.Features.RowColumns(i);
                    ReadOnlySpan<double> values = owner.Features.RowValues(i);
                    for (int e = 0; e < columns.Length; e++)
                    {
                        partial[columns[e]] += curvature[i] * values[e] * values[e];
                    }

                    partial[d - 1] += curvature[i];
                }
            }, sum);
            for (int j = 0; j < d; j++)
            {
                diagonal[j] = sum[j] / owner.ExampleCount + owner.Lambda;
            }
        }

        // H v = (1/n) Σ σ_i(1 − σ_i) ⟨x̃_i, v⟩ x̃_i + λ v.
        public void Multiply(ReadOnlySpan<double> v, Span<double> result)
        {
            int d = owner.Dimension;
            Guard.SameLength(nameof(v), v.Length, "dimension", d);
            Guard.SameLength(nameof(result), result.Length, "dimension", d);
            double[] vv = v.ToArray();
            double[] sum = new double[d];
            owner._reduction.Sum((start, end, partial) =>
            {
                for (int i = start; i < end; i++)
                {
                    double s = curvature[i] * (owner.Features.RowDot(i, vv) + vv[d - 1]);
                    owner.Features.AddScaledRow(i, s, partial);
                    partial[d - 1] += s;
                }
            }, sum);
            double n = owner.ExampleCount;
            for (int j = 0; j < d; j++)
            {
                result[j] = sum[j] / n + owner.Lambda * vv[j];
            }
        }
    }
}
