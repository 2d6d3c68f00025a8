namespace Verification.Convex.Data;

/// <summary>A vocabulary file holds no tokens (or a top-K selection keeps none).</summary>
public sealed class EmptyVocabularyException : DataFormatException
{
    /// <summary>Creates the exception; <paramref name="lineNumber"/> is the line at which reading stopped.</summary>
    public EmptyVocabularyException(string fileName, long lineNumber, string detail)
        : base(fileName, lineNumber, DataPositionKind.Line, detail)
    {
    }
}
