using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Verification.Convex.Data.Imdb;
using Verification.Convex.Features;
using Verification.Reference.Problems;

namespace Verification.Golden.Scenarios;

/// <summary>
/// Binary logistic regression (bias last, L2 λ) on a fixed subset of the IMDB training split, with bag-of-words
/// features from src/Convex (<see cref="ImdbTokenizer"/>, <see cref="BagOfWordsFeaturizer"/> over the first K tokens of
/// the official vocabulary, term frequencies, L2-normalised rows). The sums are sequential, in the order of
/// docs/golden-format.md, so that another implementation can recompute them. The data are read from ../shared/data on
/// first use; the header carries only indices, feature options and digests.
/// </summary>
/// <remarks>
/// Per example: z = (Σ_e θ[c_e]·v_e over the row's stored entries, columns ascending, from +0.0) + θ[K];
/// a = exp(−|z|); σ = 1.0/(1.0 + a) when z ≥ 0, else a/(1.0 + a); r = σ − y; ℓ = softplus(z) when y = 0 and
/// softplus(−z) when y = 1, softplus(u) = max(u, 0.0) + log(1.0 + exp(−|u|)). reg = (0.5·λ)·S, S = Σ_q θ_q·θ_q from
/// +0.0. f_i = ℓ_i + reg; ∇f_i[q] = r·x̃_q + λ·θ_q densely (x̃_q = 0.0 off the row, x̃_K = 1.0);
/// ‖∇f_i‖ = sqrt(Σ_q ∇f_i[q]² from +0.0). F = (Σ_i ℓ_i from +0.0)/n + reg; ∇F[q] = (Σ_i r_i·x̃_iq from +0.0, i ascending,
/// zero entries skipped)/n + λ·θ_q.
/// </remarks>
internal sealed class ImdbLogisticProblem : IGoldenProblem, IFiniteSumObjective
{
    private static readonly Lazy<List<ImdbReview>> Train = new(() => ImdbLoader.Load(ImdbSplit.Train));
    private static readonly Lazy<Vocabulary> FullVocabulary = new(() => Vocabulary.Load(ImdbLoader.LocateVocabulary()));
    private readonly Lazy<(CsrMatrix X, double[] Y, string SubsetDigest, string FeaturesDigest)> _data;

    /// <summary>Creates the problem; nothing is read until a loss, a gradient or a digest is needed.</summary>
    /// <param name="indices">Review indices into the training TSV (0-based, header excluded), in order.</param>
    /// <param name="topK">K: the first K vocabulary tokens are the features.</param>
    /// <param name="lambda">The L2 strength λ.</param>
    public ImdbLogisticProblem(int[] indices, int topK, double lambda)
    {
        Indices = indices;
        TopK = topK;
        Lambda = lambda;
        _data = new(Load);
    }

    /// <summary>The review indices.</summary>
    public int[] Indices { get; }

    /// <summary>K.</summary>
    public int TopK { get; }

    /// <summary>λ.</summary>
    public double Lambda { get; }

    /// <summary>The feature options (fixed: term frequency, L2 rows).</summary>
    public static BagOfWordsOptions FeatureOptions(int topK) => new() { TopK = topK, Values = FeatureValue.TermFrequency, Normalization = RowNormalization.L2 };

    /// <summary>SHA-256 of, per selected review in order, the UTF-8 bytes of <c>label TAB text LF</c>.</summary>
    public string SubsetSha256 => _data.Value.SubsetDigest;

    /// <summary>
    /// SHA-256 of the feature matrix: per row, the entry count as a little-endian int32, then per entry the column
    /// as a little-endian int32 and the value's IEEE bits as a little-endian uint64.
    /// </summary>
    public string FeaturesSha256 => _data.Value.FeaturesDigest;

    /// <summary>The feature rows (no bias column) and the 0/1 labels.</summary>
    public (CsrMatrix Features, int[] Labels) Data() => (_data.Value.X, [.. _data.Value.Y.Select(y => (int)y)]);

    /// <inheritdoc/>
    public string Kind => "imdb_logistic";

    /// <inheritdoc/>
    public int Dimension => TopK + 1;

    /// <inheritdoc/>
    public int ExampleCount => Indices.Length;

    /// <inheritdoc/>
    public double Loss(ReadOnlySpan<double> theta)
    {
        double sum = 0.0;
        for (int i = 0; i < ExampleCount; i++)
        {
            sum += Logistic(i, theta).Loss;
        }

        return sum / ExampleCount + Regularisation(theta);
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        CsrMatrix x = _data.Value.X;
        gradient.Clear();
        for (int i = 0; i < ExampleCount; i++)
        {
            double r = Logistic(i, theta).Residual;
            ReadOnlySpan<int> columns = x.RowColumns(i);
            ReadOnlySpan<double> values = x.RowValues(i);
            for (int e = 0; e < columns.Length; e++)
            {
                gradient[columns[e]] += r * values[e];
            }

            gradient[TopK] += r;
        }

        for (int q = 0; q < Dimension; q++)
        {
            gradient[q] = gradient[q] / ExampleCount + Lambda * theta[q];
        }
    }

    /// <inheritdoc/>
    public double ExampleLoss(int example, ReadOnlySpan<double> theta) => Logistic(example, theta).Loss + Regularisation(theta);

    /// <inheritdoc/>
    public void ExampleGradient(int example, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        CsrMatrix x = _data.Value.X;
        double r = Logistic(example, theta).Residual;
        var dense = new double[Dimension];
        ReadOnlySpan<int> columns = x.RowColumns(example);
        ReadOnlySpan<double> values = x.RowValues(example);
        for (int e = 0; e < columns.Length; e++)
        {
            dense[columns[e]] = values[e];
        }

        dense[TopK] = 1.0;
        for (int q = 0; q < Dimension; q++)
        {
            gradient[q] = r * dense[q] + Lambda * theta[q];
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

    private static double Softplus(double u) => Math.Max(u, 0.0) + Math.Log(1.0 + Math.Exp(-Math.Abs(u)));

    private double Regularisation(ReadOnlySpan<double> theta)
    {
        double sq = 0.0;
        foreach (double value in theta)
        {
            sq += value * value;
        }

        return 0.5 * Lambda * sq;
    }

    private (double Loss, double Residual) Logistic(int example, ReadOnlySpan<double> theta)
    {
        (CsrMatrix x, double[] y, _, _) = _data.Value;
        ReadOnlySpan<int> columns = x.RowColumns(example);
        ReadOnlySpan<double> values = x.RowValues(example);
        double z = 0.0;
        for (int e = 0; e < columns.Length; e++)
        {
            z += theta[columns[e]] * values[e];
        }

        z += theta[TopK];
        double a = Math.Exp(-Math.Abs(z));
        double sigma = z >= 0 ? 1.0 / (1.0 + a) : a / (1.0 + a);
        double loss = y[example] == 1.0 ? Softplus(-z) : Softplus(z);
        return (loss, sigma - y[example]);
    }

    private (CsrMatrix X, double[] Y, string SubsetDigest, string FeaturesDigest) Load()
    {
        List<ImdbReview> reviews = Train.Value;
        var texts = new string[Indices.Length];
        var y = new double[Indices.Length];
        using var subset = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (int i = 0; i < Indices.Length; i++)
        {
            ImdbReview review = reviews[Indices[i]];
            texts[i] = review.Text;
            y[i] = review.Label;
            subset.AppendData(Encoding.UTF8.GetBytes($"{review.Label}\t{review.Text}\n"));
        }

        CsrMatrix x = new BagOfWordsFeaturizer(FullVocabulary.Value, FeatureOptions(TopK)).Transform(texts);
        using var features = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[8];
        for (int i = 0; i < x.RowCount; i++)
        {
            ReadOnlySpan<int> columns = x.RowColumns(i);
            ReadOnlySpan<double> values = x.RowValues(i);
            BinaryPrimitives.WriteInt32LittleEndian(buffer, columns.Length);
            features.AppendData(buffer, 0, 4);
            for (int e = 0; e < columns.Length; e++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(buffer, columns[e]);
                features.AppendData(buffer, 0, 4);
                BinaryPrimitives.WriteUInt64LittleEndian(buffer, BitConverter.DoubleToUInt64Bits(values[e]));
                features.AppendData(buffer, 0, 8);
            }
        }

        return (x, y, Convert.ToHexStringLower(subset.GetHashAndReset()), Convert.ToHexStringLower(features.GetHashAndReset()));
    }
}
