using Verification.Convex.Data;
using Verification.Convex.Data.Imdb;
using Verification.Convex.Data.Mnist;
using Verification.Convex.Features;
using Verification.Convex.Objectives;

namespace Verification.Audit.Experiments.Support;

/// <summary>Loads the experiments' data sets through <see cref="DataLocator"/>; files are read once per context (<see cref="ExperimentContext.Shared"/>), nothing is cached on disk.</summary>
internal static class Datasets
{
    public static DataLocator Locator(ExperimentContext context) =>
        context.DataDirectory is null ? DataLocator.Default : new DataLocator(context.DataDirectory);

    /// <summary>
    /// MNIST <paramref name="split"/>, or the subset of <paramref name="count"/> examples that seed <paramref name="seed"/>
    /// chooses (official order kept). The whole split is read once per context and shared.
    /// </summary>
    public static MnistDataset Mnist(ExperimentContext context, MnistSplit split, int? count, ulong seed, ulong purpose)
    {
        MnistDataset data = context.Shared($"mnist-{split}", () => MnistLoader.Load(split, Locator(context)));
        return count is int m && m < data.Count ? data.Subset(PhiloxSubset.Choose(data.Count, m, seed, purpose)) : data;
    }

    /// <summary>
    /// The IMDB training set (or the subset seed <paramref name="seed"/> chooses) as a sparse binary logistic regression: tf-idf over the first
    /// <paramref name="topK"/> words of the official vocabulary (all when null; it is sorted by frequency), idf fitted
    /// on the same documents, L2-normalised rows, label 1 = positive.
    /// </summary>
    public static BinaryLogisticRegression Imdb(ExperimentContext context, int? count, int? topK, double lambda, ulong seed, ulong purpose)
    {
        DataLocator locator = Locator(context);
        List<ImdbReview> reviews = context.Shared("imdb-train", () => ImdbLoader.Load(ImdbSplit.Train, locator));
        if (count is int m && m < reviews.Count)
        {
            reviews = PhiloxSubset.Choose(reviews.Count, m, seed, purpose).Select(i => reviews[i]).ToList();
        }

        Vocabulary vocabulary = context.Shared("imdb-vocabulary", () => Vocabulary.Load(ImdbLoader.LocateVocabulary(locator)));
        if (topK is int k && k < vocabulary.Count)
        {
            vocabulary = vocabulary.Top(k);
        }

        string[] texts = reviews.Select(r => r.Text).ToArray();
        var featurizer = new BagOfWordsFeaturizer(vocabulary, new BagOfWordsOptions { Values = FeatureValue.TfIdf, Normalization = RowNormalization.L2 });
        CsrMatrix features = featurizer.Fit(texts).Transform(texts);
        return new BinaryLogisticRegression(features, reviews.Select(r => r.Label).ToArray(), lambda);
    }
}
