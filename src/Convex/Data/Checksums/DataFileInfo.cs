namespace Verification.Convex.Data.Checksums;

/// <summary>A published data file: where it lives under a data root, where to download it, and its digests.</summary>
/// <param name="RelativePath">Path under a data root.</param>
/// <param name="Urls">Download locations, tried in order (official first, then mirrors).</param>
/// <param name="Sha256">SHA-256 of the file as published.</param>
/// <param name="ContentSha256">SHA-256 of the decompressed content, for files that may be recompressed; null if none.</param>
public sealed record DataFileInfo(string RelativePath, IReadOnlyList<Uri> Urls, string Sha256, string? ContentSha256);
