namespace Verification.Convex.Features;

/// <summary>Bag-of-words settings.</summary>
public sealed record BagOfWordsOptions
{
    /// <summary>Keep only the first K tokens of the vocabulary (its most frequent); null keeps all.</summary>
    public int? TopK { get; init; }

    /// <summary>What each entry holds; term frequency by default.</summary>
    public FeatureValue Values { get; init; } = FeatureValue.TermFrequency;

    /// <summary>Row scaling; L2 by default.</summary>
    public RowNormalization Normalization { get; init; } = RowNormalization.L2;
}
