using Verification.Convex.Features;

namespace Verification.Properties.Convex;

public sealed class FeatureTests
{
    // Values are built from a handful of exact operations on small counts; 1e-15 allows the last-bit rounding of a
    // division and a square root.
    private const double Exact = 1e-15;

    private static readonly Vocabulary Vocab = new(["the", "movie", "don't", "sci-fi", "!", "?", "good", "bad"]);

    [Fact]
    public void Tokenizer_lowercases_splits_and_keeps_inner_apostrophes_and_hyphens()
    {
        Assert.Equal(
            ["the", "movie", "don't", "sci-fi", "!", "!", "good", "bad", "it's", "a", "1950s", "b-movie", "?", "end"],
            ImdbTokenizer.Tokenize("The MOVIE don't Sci-Fi!! Good.<br /><br />BAD, it's a 1950s b-movie? 'end-'"));
    }

    [Fact]
    public void Tokenizer_drops_html_line_breaks_and_edge_punctuation()
    {
        Assert.Equal(["a", "b", "c", "d"], ImdbTokenizer.Tokenize("a<br/>b<br>c<BR />d"));
        Assert.Empty(ImdbTokenizer.Tokenize(" -- ' ... "));
    }

    [Fact]
    public void Binary_and_count_values_with_no_normalisation()
    {
        string[] docs = ["the movie the movie the good", "bad bad ! unknown"];
        CsrMatrix binary = new BagOfWordsFeaturizer(Vocab, new BagOfWordsOptions { Values = FeatureValue.Binary, Normalization = RowNormalization.None }).Transform(docs);
        Assert.Equal([0, 1, 6], binary.RowColumns(0).ToArray());
        Assert.Equal([1.0, 1.0, 1.0], binary.RowValues(0).ToArray());
        CsrMatrix counts = new BagOfWordsFeaturizer(Vocab, new BagOfWordsOptions { Values = FeatureValue.Count, Normalization = RowNormalization.None }).Transform(docs);
        Assert.Equal([3.0, 2.0, 1.0], counts.RowValues(0).ToArray());
        Assert.Equal([4, 7], counts.RowColumns(1).ToArray());
        Assert.Equal([1.0, 2.0], counts.RowValues(1).ToArray());
    }

    [Fact]
    public void Term_frequency_rows_sum_to_one_and_l2_rows_have_unit_length()
    {
        string[] docs = ["the movie the movie the good", "bad bad ! unknown", "nothing known here"];
        CsrMatrix tf = new BagOfWordsFeaturizer(Vocab, new BagOfWordsOptions { Values = FeatureValue.TermFrequency, Normalization = RowNormalization.None }).Transform(docs);
        Assert.Equal(1.0, tf.RowValues(0).ToArray().Sum(), Exact);
        Assert.Equal(0, tf.RowColumns(2).Length);
        CsrMatrix l2 = new BagOfWordsFeaturizer(Vocab, new BagOfWordsOptions { Values = FeatureValue.Count, Normalization = RowNormalization.L2 }).Transform(docs);
        Assert.Equal(1.0, l2.RowSquaredNorm(0), Exact);
        Assert.Equal(3.0 / Math.Sqrt(14.0), l2.RowValues(0)[0], Exact);
        CsrMatrix l1 = new BagOfWordsFeaturizer(Vocab, new BagOfWordsOptions { Values = FeatureValue.Count, Normalization = RowNormalization.L1 }).Transform(docs);
        Assert.Equal(1.0, l1.RowValues(1).ToArray().Sum(), Exact);
    }

    [Fact]
    public void Tf_idf_uses_the_smoothed_idf_of_the_fitted_corpus()
    {
        string[] train = ["good movie", "bad movie", "movie"];
        var featurizer = new BagOfWordsFeaturizer(Vocab, new BagOfWordsOptions { Values = FeatureValue.TfIdf, Normalization = RowNormalization.None }).Fit(train);
        // idf = ln((1 + N)/(1 + df)) + 1 with N = 3: "movie" df 3 -> 1, "good" df 1 -> ln 2 + 1.
        Assert.Equal(1.0, featurizer.InverseDocumentFrequency![1], Exact);
        Assert.Equal(Math.Log(2.0) + 1.0, featurizer.InverseDocumentFrequency[6], Exact);
        CsrMatrix x = featurizer.Transform(["good movie"]);
        Assert.Equal([0.5, 0.5 * (Math.Log(2.0) + 1.0)], x.RowValues(0).ToArray());
        Assert.Throws<InvalidOperationException>(() =>
            new BagOfWordsFeaturizer(Vocab, new BagOfWordsOptions { Values = FeatureValue.TfIdf }).Transform(train));
    }

    [Fact]
    public void Top_k_restricts_the_columns()
    {
        CsrMatrix x = new BagOfWordsFeaturizer(Vocab, new BagOfWordsOptions { TopK = 2, Values = FeatureValue.Count, Normalization = RowNormalization.None })
            .Transform(["the movie good bad"]);
        Assert.Equal(2, x.ColumnCount);
        Assert.Equal([0, 1], x.RowColumns(0).ToArray());
    }

    [Fact]
    public void Csr_rejects_unsorted_or_out_of_range_columns()
    {
        Assert.Throws<ArgumentException>(() => new CsrMatrix(1, 3, [0, 2], [2, 1], [1.0, 1.0]));
        Assert.Throws<ArgumentException>(() => new CsrMatrix(1, 3, [0, 1], [3], [1.0]));
        Assert.Throws<ArgumentException>(() => new CsrMatrix(2, 3, [0, 1], [0], [1.0]));
        var m = new CsrMatrix(2, 3, [0, 2, 3], [0, 2, 1], [1.0, 2.0, 3.0]);
        Assert.Equal(1.0 * 4 + 2.0 * 6, m.RowDot(0, [4.0, 5.0, 6.0]));
        CsrMatrix swapped = m.SelectRows([1, 0]);
        Assert.Equal([1], swapped.RowColumns(0).ToArray());
    }
}
