using Verification.Convex.Data.Checksums;
using Verification.Convex.Data.Download;

namespace Verification.Properties.Convex.Download;

/// <summary>Options for fetches in tests: mirrors on a local server, no real environment, home and walk-up start in scratch folders.</summary>
internal static class FetchSetup
{
    /// <summary>The options fetching <paramref name="catalog"/> from <paramref name="mirrorBases"/> (as the mirror variable lists them).</summary>
    public static DataFetchOptions Options(DataCatalog catalog, string scratch, params string[] mirrorBases) => new()
    {
        Catalog = catalog,
        EnvironmentLookup = name => name == MirrorList.EnvironmentVariable ? string.Join(", ", mirrorBases) : null,
        HomeDirectory = Path.Combine(scratch, "home"),
        StartDirectories = [scratch],
        InactivityTimeout = TimeSpan.FromSeconds(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        RetryDelay = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>The official entry of one staged MNIST file, and its bytes from the shared data.</summary>
    public static (DataFileInfo Info, byte[] Bytes) Mnist(string fileName)
    {
        DataFileInfo info = OfficialDataFiles.Mnist.Single(f => Path.GetFileName(f.RelativePath) == fileName);
        return (info, File.ReadAllBytes(RealData.Path(info.RelativePath)));
    }
}
