namespace Verification.Convex.Data.Imdb;

/// <summary>Loads IMDB reviews and the official vocabulary from a data root (<c>imdb/</c>).</summary>
public static class ImdbLoader
{
    /// <summary>Official number of labelled reviews per split.</summary>
    public const int OfficialSplitCount = 25_000;

    /// <summary>The staged TSV of <paramref name="split"/>, relative to a data root.</summary>
    public static string TsvRelativePath(ImdbSplit split) =>
        Path.Combine("imdb", split == ImdbSplit.Train ? "aclImdb_train.tsv.gz" : "aclImdb_test.tsv.gz");

    /// <summary>The official vocabulary file, relative to a data root.</summary>
    public static string VocabularyRelativePath { get; } = Path.Combine("imdb", "imdb.vocab.gz");

    /// <summary>Loads <paramref name="split"/> from the staged TSV under the data root that <paramref name="locator"/> finds.</summary>
    public static List<ImdbReview> Load(ImdbSplit split, DataLocator? locator = null) =>
        ImdbTsvReader.Read((locator ?? DataLocator.Default).Locate(TsvRelativePath(split)));

    /// <summary>The path of the official vocabulary under the data root that <paramref name="locator"/> finds.</summary>
    public static string LocateVocabulary(DataLocator? locator = null) =>
        (locator ?? DataLocator.Default).Locate(VocabularyRelativePath);
}
