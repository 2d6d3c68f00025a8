namespace Verification.Convex.Features;

/// <summary>What a bag-of-words entry holds for a token that occurs c times in a document of n in-vocabulary tokens.</summary>
public enum FeatureValue
{
    /// <summary>1 if the token occurs.</summary>
    Binary,

    /// <summary>The raw count c.</summary>
    Count,

    /// <summary>The term frequency c / n.</summary>
    TermFrequency,

    /// <summary>c / n · idf, with the smoothed idf = ln((1 + N) / (1 + df)) + 1 fitted on a corpus of N documents.</summary>
    TfIdf,
}
