namespace Verification.Convex.Data;

/// <summary>The file ends (or its compressed stream breaks off) before the format says it should.</summary>
public sealed class TruncatedDataException : DataFormatException
{
    /// <summary>Creates the exception; <paramref name="position"/> is where the data stopped.</summary>
    public TruncatedDataException(string fileName, long position, string detail, Exception? inner = null)
        : base(fileName, position, DataPositionKind.ByteOffset, detail, inner)
    {
    }

    /// <summary>Creates the exception for a text file, where the position is the line at which the data broke off.</summary>
    public TruncatedDataException(string fileName, long position, DataPositionKind kind, string detail, Exception? inner = null)
        : base(fileName, position, kind, detail, inner)
    {
    }
}
