using System.Security.Cryptography;

namespace Verification.Convex.Data.Checksums;

/// <summary>SHA-256 digests of files, as lower-case hex.</summary>
public static class Sha256Checksum
{
    /// <summary>The SHA-256 of the bytes of <paramref name="path"/> as stored.</summary>
    public static string OfFile(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return OfStream(stream);
    }

    /// <summary>The SHA-256 of the content of <paramref name="path"/> after gunzip (the bytes as stored when not gzipped).</summary>
    public static string OfDecompressedContent(string path)
    {
        using Stream stream = PositionedReader.OpenMaybeGzip(path);
        return OfStream(stream);
    }

    /// <summary>The SHA-256 of everything left in <paramref name="stream"/>.</summary>
    public static string OfStream(Stream stream) => Convert.ToHexStringLower(SHA256.HashData(stream));

    /// <summary>
    /// Checks <paramref name="path"/> against <paramref name="file"/>: the stored bytes must match
    /// <see cref="DataFileInfo.Sha256"/>, or, when the file was recompressed (as the staged MNIST training images
    /// were), the decompressed content must match <see cref="DataFileInfo.ContentSha256"/>.
    /// </summary>
    /// <returns>Which digest matched.</returns>
    /// <exception cref="ChecksumMismatchException">Neither digest matches.</exception>
    public static ChecksumMatch Verify(string path, DataFileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        string stored = OfFile(path);
        if (string.Equals(stored, file.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            return ChecksumMatch.StoredBytes;
        }

        if (file.ContentSha256 is not null && DecompressedContentMatches(path, file.ContentSha256))
        {
            return ChecksumMatch.DecompressedContent;
        }

        throw new ChecksumMismatchException(path, file.Sha256, stored);
    }

    private static bool DecompressedContentMatches(string path, string expected)
    {
        try
        {
            return string.Equals(OfDecompressedContent(path), expected, StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is DataFormatException or InvalidDataException)
        {
            // Bytes that start like gzip but do not decompress (a cut or tampered download) are simply wrong bytes: the
            // caller is owed a digest mismatch, not a format error from the reader underneath.
            return false;
        }
    }
}
