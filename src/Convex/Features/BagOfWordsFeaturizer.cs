namespace Verification.Convex.Features;

/// <summary>
/// Turns documents into bag-of-words rows over a fixed vocabulary (<see cref="ImdbTokenizer"/> for tokens; tokens not
/// in the vocabulary are dropped). Documents are processed in parallel but each row depends on its document alone and
/// rows are assembled in input order, so the matrix is the same for any thread count.
/// </summary>
public sealed class BagOfWordsFeaturizer
{
    private double[]? _idf;

    /// <summary>Creates a featurizer over <paramref name="vocabulary"/> (cut to <see cref="BagOfWordsOptions.TopK"/>).</summary>
    public BagOfWordsFeaturizer(Vocabulary vocabulary, BagOfWordsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        Options = options ?? new BagOfWordsOptions();
        Vocabulary = Options.TopK is int k ? vocabulary.Top(k) : vocabulary;
    }

    /// <summary>The vocabulary in use (after the top-K cut); column j is token j.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>The settings.</summary>
    public BagOfWordsOptions Options { get; }

    /// <summary>The fitted idf weights (null before <see cref="Fit"/>).</summary>
    public IReadOnlyList<double>? InverseDocumentFrequency => _idf;

    /// <summary>Fits the idf weights on <paramref name="documents"/> (needed for <see cref="FeatureValue.TfIdf"/> only).</summary>
    public BagOfWordsFeaturizer Fit(IReadOnlyList<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var rows = CountRows(documents);
        var df = new long[Vocabulary.Count];
        foreach ((int[] columns, _, _) in rows)
        {
            foreach (int j in columns)
            {
                df[j]++;
            }
        }

        _idf = new double[Vocabulary.Count];
        for (int j = 0; j < df.Length; j++)
        {
            // Smoothed idf: as if one extra document held every token, so no division by zero and idf ≥ 1.
            _idf[j] = Math.Log((1.0 + documents.Count) / (1.0 + df[j])) + 1.0;
        }

        return this;
    }

    /// <summary>The feature matrix of <paramref name="documents"/>, one row per document.</summary>
    /// <exception cref="InvalidOperationException">tf-idf values requested before <see cref="Fit"/>.</exception>
    public CsrMatrix Transform(IReadOnlyList<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (Options.Values == FeatureValue.TfIdf && _idf is null)
        {
            throw new InvalidOperationException("tf-idf features need Fit(training documents) first.");
        }

        var rows = CountRows(documents);
        var pointers = new int[documents.Count + 1];
        for (int i = 0; i < rows.Length; i++)
        {
            pointers[i + 1] = checked(pointers[i] + rows[i].Columns.Length);
        }

        var columnIndices = new int[pointers[^1]];
        var values = new double[pointers[^1]];
        Parallel.For(0, rows.Length, i =>
        {
            (int[] columns, int[] counts, int total) = rows[i];
            Span<double> v = values.AsSpan(pointers[i], columns.Length);
            for (int k = 0; k < columns.Length; k++)
            {
                v[k] = Options.Values switch
                {
                    FeatureValue.Binary => 1.0,
                    FeatureValue.Count => counts[k],
                    FeatureValue.TermFrequency => (double)counts[k] / total,
                    _ => (double)counts[k] / total * _idf![columns[k]],
                };
            }

            Normalize(v, Options.Normalization);
            columns.CopyTo(columnIndices.AsSpan(pointers[i]));
        });
        return new CsrMatrix(documents.Count, Vocabulary.Count, pointers, columnIndices, values);
    }

    private static void Normalize(Span<double> v, RowNormalization normalization)
    {
        if (normalization == RowNormalization.None || v.IsEmpty)
        {
            return;
        }

        double norm = 0.0;
        foreach (double x in v)
        {
            norm += normalization == RowNormalization.L1 ? Math.Abs(x) : x * x;
        }

        if (normalization == RowNormalization.L2)
        {
            norm = Math.Sqrt(norm);
        }

        for (int k = 0; k < v.Length; k++)
        {
            v[k] /= norm;
        }
    }

    // Per document: sorted distinct columns, their counts, and the number of in-vocabulary tokens.
    private (int[] Columns, int[] Counts, int Total)[] CountRows(IReadOnlyList<string> documents)
    {
        var rows = new (int[], int[], int)[documents.Count];
        Vocabulary vocabulary = Vocabulary;
        Parallel.For(0, documents.Count,
            () => new Dictionary<int, int>(),
            (i, _, counts) =>
            {
                counts.Clear();
                int total = 0;
                ImdbTokenizer.ForEachToken(documents[i], token =>
                {
                    int j = vocabulary.IndexOf(token);
                    if (j >= 0)
                    {
                        counts[j] = counts.GetValueOrDefault(j) + 1;
                        total++;
                    }
                });
                int[] columns = counts.Keys.ToArray();
                Array.Sort(columns);
                int[] c = new int[columns.Length];
                for (int k = 0; k < columns.Length; k++)
                {
                    c[k] = counts[columns[k]];
                }

                rows[i] = (columns, c, total);
                return counts;
            },
            _ => { });
        return rows;
    }
}
