namespace Verification.Convex.Data.Checksums;

/// <summary>A file's SHA-256 differs from the published one (a truncated, tampered or different download).</summary>
public sealed class ChecksumMismatchException : Exception
{
    /// <summary>
    /// Creates the exception naming the file and both digests; <paramref name="ofDecompressedContent"/> says that they
    /// are digests of the gunzipped content rather than of the bytes as stored.
    /// </summary>
    public ChecksumMismatchException(string fileName, string expected, string actual, bool ofDecompressedContent = false)
        : base($"SHA-256 of {(ofDecompressedContent ? "the decompressed content of " : "")}'{fileName}' is {actual}, expected {expected}.")
    {
        FileName = fileName;
        Expected = expected;
        Actual = actual;
        OfDecompressedContent = ofDecompressedContent;
    }

    /// <summary>Whether both digests are of the decompressed content rather than of the stored bytes.</summary>
    public bool OfDecompressedContent { get; }

    /// <summary>The file checked.</summary>
    public string FileName { get; }

    /// <summary>The published digest (lower-case hex).</summary>
    public string Expected { get; }

    /// <summary>The digest computed (lower-case hex).</summary>
    public string Actual { get; }
}
