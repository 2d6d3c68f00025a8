using Verification.Convex.Objectives;
using Verification.Convex.Optima;
using Verification.Reference.Problems;
using Verification.Reference.Random;
using Verification.Reference.Validation;

namespace Verification.Convex.Online;

/// <summary>
/// Online centroid learning (DASGrad Section 6, Fig. 2): f(θ) = (1/2n) Σ_i ‖θ − x_i‖², i.e. f_i(θ) = ½‖θ − x_i‖² with
/// ∇f_i(θ) = θ − x_i. The gradient variance (1/n) Σ‖∇f_i − ∇f‖² = (1/n) Σ‖x_i − x̄‖² does not depend on θ, so it is set by
/// the data: points x_i = μ + s_i (σ ⊙ z_i) with standard normal z_i and the scales of <see cref="VarianceShape"/>.
/// </summary>
/// <remarks>
/// Normals come from Box–Muller on the Philox doubles of <c>RandomStream.ProblemData</c>: for point i and coordinate k,
/// u₁ = U(step i, index 2k), u₂ = U(step i, index 2k+1) and z = √(−2 ln(1 − u₁)) cos(2π u₂); the example scale of
/// <see cref="VarianceShape.ExampleHeteroscedastic"/> uses U(step i, index 2d). Every point is a pure function of
/// (seed, i).
/// </remarks>
public sealed class CentroidProblem : IFiniteSumObjective, ISmoothConvexObjective
{
    private readonly double[] _points;

    /// <summary>Generates the data described by <paramref name="options"/>.</summary>
    public CentroidProblem(CentroidOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        int d = Guard.AtLeast(nameof(options.Dimension), options.Dimension, 1);
        int n = Guard.AtLeast(nameof(options.ExampleCount), options.ExampleCount, 1);
        Guard.NonNegative(nameof(options.Variance), options.Variance);
        Guard.Positive(nameof(options.Spread), options.Spread);
        if (!double.IsFinite(options.Center))
        {
            throw new InvalidHyperparameterException(nameof(options.Center), options.Center, "must be finite");
        }

        var stream = new PhiloxStream(options.Seed, RandomStream.ProblemData);
        double sigma = Math.Sqrt(options.Variance);
        CoordinateScales = new double[d];
        for (int k = 0; k < d; k++)
        {
            CoordinateScales[k] = options.Shape == VarianceShape.CoordinateHeteroscedastic && d > 1
                ? Math.Pow(options.Spread, (double)k / (d - 1))
                : 1.0;
        }

        Normalize(CoordinateScales);
        ExampleScales = new double[n];
        for (int i = 0; i < n; i++)
        {
            ExampleScales[i] = options.Shape == VarianceShape.ExampleHeteroscedastic
                ? Math.Pow(options.Spread, stream.UniformDouble((ulong)i, (ulong)(2 * d)))
                : 1.0;
        }

        Normalize(ExampleScales);
        _points = new double[n * d];
        var uniforms = new double[2 * d];
        for (int i = 0; i < n; i++)
        {
            stream.FillUniformDouble((ulong)i, 0, uniforms);   // slots 2k and 2k + 1 of step i, drawn in bulk
            for (int k = 0; k < d; k++)
            {
                double u1 = uniforms[2 * k];
                double u2 = uniforms[2 * k + 1];
                double z = Math.Sqrt(-2.0 * Math.Log(1.0 - u1)) * Math.Cos(2.0 * Math.PI * u2);
                _points[i * d + k] = options.Center + ExampleScales[i] * sigma * CoordinateScales[k] * z;
            }
        }
    }

    /// <summary>The settings the data came from.</summary>
    public CentroidOptions Options { get; }

    /// <summary>Per-coordinate scales (mean square 1).</summary>
    public double[] CoordinateScales { get; }

    /// <summary>Per-example scales (mean square 1).</summary>
    public double[] ExampleScales { get; }

    /// <inheritdoc/>
    public int ExampleCount => Options.ExampleCount;

    /// <inheritdoc/>
    public int Dimension => Options.Dimension;

    /// <summary>The point x_i.</summary>
    public ReadOnlySpan<double> Point(int example) => _points.AsSpan(example * Dimension, Dimension);

    /// <summary>The empirical mean x̄, the unconstrained minimiser of f.</summary>
    public double[] Mean()
    {
        var mean = new double[Dimension];
        for (int i = 0; i < ExampleCount; i++)
        {
            DenseKernels.Axpy(1.0, Point(i), mean);
        }

        for (int k = 0; k < mean.Length; k++)
        {
            mean[k] /= ExampleCount;
        }

        return mean;
    }

    /// <summary>The empirical gradient variance (1/n) Σ‖x_i − x̄‖² (the same at every θ).</summary>
    public double GradientVariance()
    {
        double[] mean = Mean();
        double total = 0.0;
        for (int i = 0; i < ExampleCount; i++)
        {
            ReadOnlySpan<double> x = Point(i);
            for (int k = 0; k < Dimension; k++)
            {
                total += (x[k] - mean[k]) * (x[k] - mean[k]);
            }
        }

        return total / ExampleCount;
    }

    /// <summary>The minimiser over a box, exactly: f is ½‖θ − x̄‖² plus a constant, so it is x̄ clipped to the box.</summary>
    public double[] Minimizer(BoxConstraint box)
    {
        ArgumentNullException.ThrowIfNull(box);
        double[] mean = Mean();
        box.Project(mean);
        return mean;
    }

    /// <inheritdoc/>
    public double ExampleLoss(int example, ReadOnlySpan<double> theta)
    {
        Guard.SameLength(nameof(theta), theta.Length, "dimension", Dimension);
        ReadOnlySpan<double> x = Point(example);
        double sum = 0.0;
        for (int k = 0; k < theta.Length; k++)
        {
            sum += (theta[k] - x[k]) * (theta[k] - x[k]);
        }

        return 0.5 * sum;
    }

    /// <inheritdoc/>
    public void ExampleGradient(int example, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        Guard.SameLength(nameof(theta), theta.Length, "dimension", Dimension);
        Guard.SameLength(nameof(gradient), gradient.Length, "dimension", Dimension);
        ReadOnlySpan<double> x = Point(example);
        for (int k = 0; k < theta.Length; k++)
        {
            gradient[k] = theta[k] - x[k];
        }
    }

    /// <inheritdoc/>
    public double ExampleGradientNorm(int example, ReadOnlySpan<double> theta) => Math.Sqrt(2.0 * ExampleLoss(example, theta));

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> theta)
    {
        double sum = 0.0;
        for (int i = 0; i < ExampleCount; i++)
        {
            sum += ExampleLoss(i, theta);
        }

        return sum / ExampleCount;
    }

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        Guard.SameLength(nameof(gradient), gradient.Length, "dimension", Dimension);
        double[] mean = Mean();
        for (int k = 0; k < gradient.Length; k++)
        {
            gradient[k] = theta[k] - mean[k];
        }

        return Value(theta);
    }

    /// <inheritdoc/>
    public IHessianOperator Hessian(ReadOnlySpan<double> theta) => IdentityHessian.Instance;

    private static void Normalize(double[] scales)
    {
        double meanSquare = scales.Sum(s => s * s) / scales.Length;
        double factor = 1.0 / Math.Sqrt(meanSquare);
        for (int j = 0; j < scales.Length; j++)
        {
            scales[j] *= factor;
        }
    }

    private sealed class IdentityHessian : IHessianOperator
    {
        public static IdentityHessian Instance { get; } = new();

        public void Multiply(ReadOnlySpan<double> v, Span<double> result) => v.CopyTo(result);

        public void Diagonal(Span<double> diagonal) => diagonal.Fill(1.0);
    }
}
