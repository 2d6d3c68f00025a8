namespace Verification.Convex.Data.Imdb;

/// <summary>The two labelled splits of aclImdb v1.</summary>
public enum ImdbSplit
{
    /// <summary>25,000 training reviews.</summary>
    Train,

    /// <summary>25,000 test reviews.</summary>
    Test,
}
