namespace Verification.Convex.Data.Checksums;

/// <summary>A file's SHA-256 differs from the published one (a truncated, tampered or different download).</summary>
public sealed class ChecksumMismatchException : Exception
{
    /// <summary>Creates the exception naming the file and both digests.</summary>
    public ChecksumMismatchException(string fileName, string expected, string actual)
        : base($"SHA-256 of '{fileName}' is {actual}, expected {expected}.")
    {
        FileName = fileName;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The file checked.</summary>
    public string FileName { get; }

    /// <summary>The published digest (lower-case hex).</summary>
    public string Expected { get; }

    /// <summary>The digest computed (lower-case hex).</summary>
    public string Actual { get; }
}
