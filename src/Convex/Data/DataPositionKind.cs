namespace Verification.Convex.Data;

/// <summary>What a <see cref="DataFormatException.Position"/> counts.</summary>
public enum DataPositionKind
{
    /// <summary>A zero-based byte offset into the file's (decompressed) content.</summary>
    ByteOffset,

    /// <summary>A one-based line number of a text file.</summary>
    Line,
}
