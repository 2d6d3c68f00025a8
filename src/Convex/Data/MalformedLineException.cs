namespace Verification.Convex.Data;

/// <summary>A text line does not have the fields its format requires, or a field does not parse.</summary>
public sealed class MalformedLineException : DataFormatException
{
    /// <summary>Creates the exception for line <paramref name="lineNumber"/> (one-based).</summary>
    public MalformedLineException(string fileName, long lineNumber, string detail)
        : base(fileName, lineNumber, DataPositionKind.Line, detail)
    {
    }
}
