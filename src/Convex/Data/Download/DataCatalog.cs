using Verification.Convex.Data.Checksums;

namespace Verification.Convex.Data.Download;

/// <summary>The data files the project needs: some downloaded as they are, the IMDB ones built from the aclImdb tarball.</summary>
/// <param name="Files">Files downloaded as they are (MNIST), each verified before it is moved into place.</param>
/// <param name="Imdb">The tarball and the files built from it; null when none are needed.</param>
public sealed record DataCatalog(IReadOnlyList<DataFileInfo> Files, AclImdbArchive? Imdb)
{
    /// <summary>MNIST from its official mirrors and IMDB from the official aclImdb v1 tarball.</summary>
    public static DataCatalog Official { get; } = new(OfficialDataFiles.Mnist, AclImdbArchive.Official);

    /// <summary>Every file a data root must hold, relative to it.</summary>
    public IReadOnlyList<DataFileInfo> RequiredFiles => Imdb is null ? Files : [.. Files, .. Imdb.Outputs];
}
