namespace Verification.Convex.Data.Checksums;

/// <summary>Which digest a verified file matched.</summary>
public enum ChecksumMatch
{
    /// <summary>The file's bytes as stored match the published digest.</summary>
    StoredBytes,

    /// <summary>The stored bytes differ (recompressed) but the decompressed content matches the published content digest.</summary>
    DecompressedContent,
}
