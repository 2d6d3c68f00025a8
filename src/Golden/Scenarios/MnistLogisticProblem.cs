using System.Buffers.Binary;
using System.Security.Cryptography;
using Verification.Convex.Data.Mnist;
using Verification.Reference.Problems;

namespace Verification.Golden.Scenarios;

/// <summary>
/// Multinomial logistic regression (10 classes, bias last, L2 λ) on a fixed subset of the MNIST training split, with
/// a fixed subset of pixels: x̃_i = (pixel_{p_1}/255, …, pixel_{p_P}/255, 1), θ class-major (θ[k·D + j], D = P + 1),
/// the layout and the objective of src/Convex's <c>MultinomialLogisticRegression</c> restricted to those pixels, but
/// with every sum in the sequential order of docs/golden-format.md (no chunking, no vectorisation) so that another
/// implementation can recompute it. The data are read from ../shared/data on first use; the header carries only
/// indices, pixels and digests.
/// </summary>
/// <remarks>
/// Per example: z_k = Σ_j θ[kD + j]·x̃_j (from +0.0, j ascending); mx = max_k z_k (from −∞, k ascending);
/// e_k = exp(z_k − mx); s = Σ_k e_k (from +0.0); p_k = e_k / s; ce = (mx + log(s)) − z_y; r_k = p_k, and r_y = p_y − 1.0.
/// Regularisation reg = (0.5·λ)·S with S = Σ_q θ_q·θ_q (from +0.0, q ascending). f_i = ce_i + reg;
/// ∇f_i[kD + j] = r_k·x̃_j + λ·θ[kD + j]; ‖∇f_i‖ = sqrt(Σ_q ∇f_i[q]² from +0.0). F = (Σ_i ce_i from +0.0)/n + reg;
/// ∇F[q] = (Σ_i r_ik·x̃_ij from +0.0, i ascending)/n + λ·θ[q].
/// </remarks>
internal sealed class MnistLogisticProblem : IGoldenProblem, IFiniteSumObjective
{
    /// <summary>The number of classes.</summary>
    public const int Classes = 10;

    /// <summary>The pixel divisor.</summary>
    public const double PixelScale = 255.0;

    private static readonly Lazy<MnistDataset> Train = new(() => MnistLoader.Load(MnistSplit.Train));
    private readonly Lazy<(double[][] X, int[] Y, string SubsetDigest, string FeaturesDigest)> _data;

    /// <summary>Creates the problem; nothing is read until a loss, a gradient or the digest is needed.</summary>
    /// <param name="indices">Example indices into the training split, in order.</param>
    /// <param name="pixels">Pixel indices (0..783, row-major 28×28), in feature order.</param>
    /// <param name="lambda">The L2 strength λ.</param>
    public MnistLogisticProblem(int[] indices, int[] pixels, double lambda)
    {
        Indices = indices;
        Pixels = pixels;
        Lambda = lambda;
        _data = new(Load);
    }

    /// <summary>The example indices into the training split.</summary>
    public int[] Indices { get; }

    /// <summary>The pixel indices kept, in feature order.</summary>
    public int[] Pixels { get; }

    /// <summary>λ.</summary>
    public double Lambda { get; }

    /// <summary>D = P + 1 features per class (the bias last).</summary>
    public int Features => Pixels.Length + 1;

    /// <summary>SHA-256 (lowercase hex) of, per selected example in order, its 784 image bytes then its label byte.</summary>
    public string SubsetSha256 => _data.Value.SubsetDigest;

    /// <summary>
    /// SHA-256 (lowercase hex) of the scaled features: per selected example in order, per kept pixel in feature order,
    /// the IEEE bits of pixel/255 as a little-endian uint64 (the bias column is not included).
    /// </summary>
    public string FeaturesSha256 => _data.Value.FeaturesDigest;

    /// <summary>The selected pixels of each example /255, row-major (n × P, no bias), and the labels.</summary>
    public (double[] Features, int[] Labels) Data()
    {
        (double[][] x, int[] y, _, _) = _data.Value;
        double[] flat = [.. x.SelectMany(row => row.Take(Pixels.Length))];
        return (flat, (int[])y.Clone());
    }

    /// <inheritdoc/>
    public string Kind => "mnist_logistic";

    /// <inheritdoc/>
    public int Dimension => Classes * Features;

    /// <inheritdoc/>
    public int ExampleCount => Indices.Length;

    /// <inheritdoc/>
    public double Loss(ReadOnlySpan<double> theta)
    {
        var p = new double[Classes];
        double sum = 0.0;
        for (int i = 0; i < ExampleCount; i++)
        {
            sum += CrossEntropy(i, theta, p);
        }

        return sum / ExampleCount + Regularisation(theta);
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        (double[][] x, _, _, _) = _data.Value;
        gradient.Clear();
        var r = new double[Classes];
        int d = Features;
        for (int i = 0; i < ExampleCount; i++)
        {
            CrossEntropy(i, theta, r);
            for (int k = 0; k < Classes; k++)
            {
                for (int j = 0; j < d; j++)
                {
                    gradient[k * d + j] += r[k] * x[i][j];
                }
            }
        }

        for (int q = 0; q < Dimension; q++)
        {
            gradient[q] = gradient[q] / ExampleCount + Lambda * theta[q];
        }
    }

    /// <inheritdoc/>
    public double ExampleLoss(int example, ReadOnlySpan<double> theta) => CrossEntropy(example, theta, new double[Classes]) + Regularisation(theta);

    /// <inheritdoc/>
    public void ExampleGradient(int example, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double[] xi = _data.Value.X[example];
        var r = new double[Classes];
        CrossEntropy(example, theta, r);
        int d = Features;
        for (int k = 0; k < Classes; k++)
        {
            for (int j = 0; j < d; j++)
            {
                gradient[k * d + j] = r[k] * xi[j] + Lambda * theta[k * d + j];
            }
        }
    }

    /// <inheritdoc/>
    public double ExampleGradientNorm(int example, ReadOnlySpan<double> theta)
    {
        var g = new double[Dimension];
        ExampleGradient(example, theta, g);
        double sq = 0.0;
        foreach (double value in g)
        {
            sq += value * value;
        }

        return Math.Sqrt(sq);
    }

    private double Regularisation(ReadOnlySpan<double> theta)
    {
        double sq = 0.0;
        foreach (double value in theta)
        {
            sq += value * value;
        }

        return 0.5 * Lambda * sq;
    }

    // The cross-entropy of example i; writes r = softmax(z) − e_y into r.
    private double CrossEntropy(int example, ReadOnlySpan<double> theta, Span<double> r)
    {
        (double[][] x, int[] y, _, _) = _data.Value;
        double[] xi = x[example];
        int d = Features;
        Span<double> z = stackalloc double[Classes];
        double max = double.NegativeInfinity;
        for (int k = 0; k < Classes; k++)
        {
            double dot = 0.0;
            for (int j = 0; j < d; j++)
            {
                dot += theta[k * d + j] * xi[j];
            }

            z[k] = dot;
            max = Math.Max(max, dot);
        }

        double s = 0.0;
        for (int k = 0; k < Classes; k++)
        {
            r[k] = Math.Exp(z[k] - max);
            s += r[k];
        }

        for (int k = 0; k < Classes; k++)
        {
            r[k] /= s;
        }

        int label = y[example];
        double ce = (max + Math.Log(s)) - z[label];
        r[label] -= 1.0;
        return ce;
    }

    /// <summary>
    /// The digest of <see cref="FeaturesSha256"/> over feature rows whose first <paramref name="pixels"/> entries are
    /// the scaled pixels (a trailing bias entry, if present, is skipped).
    /// </summary>
    internal static string FeaturesDigest(IEnumerable<double[]> rows, int pixels)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[8];
        foreach (double[] row in rows)
        {
            for (int j = 0; j < pixels; j++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(buffer, BitConverter.DoubleToUInt64Bits(row[j]));
                hash.AppendData(buffer);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private (double[][] X, int[] Y, string SubsetDigest, string FeaturesDigest) Load()
    {
        MnistDataset data = Train.Value;
        var x = new double[Indices.Length][];
        var y = new int[Indices.Length];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (int i = 0; i < Indices.Length; i++)
        {
            ReadOnlySpan<byte> image = data.Image(Indices[i]);
            hash.AppendData(image);
            hash.AppendData([data.Labels[Indices[i]]]);
            x[i] = new double[Features];
            for (int j = 0; j < Pixels.Length; j++)
            {
                x[i][j] = image[Pixels[j]] / PixelScale;
            }

            x[i][Pixels.Length] = 1.0;
            y[i] = data.Labels[Indices[i]];
        }

        return (x, y, Convert.ToHexStringLower(hash.GetHashAndReset()), FeaturesDigest(x, Pixels.Length));
    }
}
