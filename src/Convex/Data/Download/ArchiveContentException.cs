namespace Verification.Convex.Data.Download;

/// <summary>
/// The aclImdb tarball is not what the official release holds: a review entry with a malformed name, a rating impossible
/// for its folder, text that is not UTF-8 or holds a line break, a duplicate id, a missing folder or vocabulary, or a
/// stream that is not a gzipped tar. The message names the archive and the entry.
/// </summary>
public sealed class ArchiveContentException : Exception
{
    /// <summary>Creates the exception for <paramref name="entryName"/> (null when the problem is the archive as a whole).</summary>
    public ArchiveContentException(string archivePath, string? entryName, string detail, Exception? inner = null)
        : base(entryName is null ? $"aclImdb archive '{archivePath}': {detail}" : $"aclImdb archive '{archivePath}', entry '{entryName}': {detail}", inner)
    {
        ArchivePath = archivePath;
        EntryName = entryName;
        Detail = detail;
    }

    /// <summary>The archive read.</summary>
    public string ArchivePath { get; }

    /// <summary>The tar entry at fault, or null.</summary>
    public string? EntryName { get; }

    /// <summary>The rule that was broken.</summary>
    public string Detail { get; }
}
