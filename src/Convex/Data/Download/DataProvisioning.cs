using Verification.Convex.Data.Checksums;

namespace Verification.Convex.Data.Download;

/// <summary>
/// Finds the data root that holds every required file, fetching what is missing first. The root is the first candidate
/// of <see cref="DataLocator"/> (explicit folder, <see cref="DataLocator.EnvironmentVariable"/>, a <c>shared/data</c>
/// found upward, the per-user cache) that holds all of them; when none does, the missing files are fetched into
/// <see cref="DataLocator.DownloadRoot"/> (the explicit folder, else the environment variable's, else the cache).
/// </summary>
public static class DataProvisioning
{
    /// <summary>
    /// The data root holding every required file, fetching the missing ones (with progress on
    /// <paramref name="progress"/>, else lines on <paramref name="log"/>). Files already present are not re-hashed, so
    /// that a command pays nothing when the data is there. Options come from the process environment.
    /// </summary>
    /// <exception cref="DataFetchException">A missing file could not be fetched; the message says what was tried and where to put the files by hand.</exception>
    public static string EnsureAvailable(string? dataDirectory, TextWriter log, IDownloadProgress? progress = null)
    {
        DataFetchOptions options = DataFetchOptions.FromEnvironment() with { Progress = progress };
        return ProvideAsync(dataDirectory, log, options, verifyPresent: false).GetAwaiter().GetResult();
    }

    /// <summary>
    /// The data root holding every file of <paramref name="options"/>' catalog, fetching the missing ones; with
    /// <paramref name="verifyPresent"/> every file already there is checked against its digest too.
    /// </summary>
    /// <exception cref="DataFetchException">A file could not be fetched, or a present file has the wrong digest.</exception>
    public static async Task<string> ProvideAsync(string? dataDirectory, TextWriter log, DataFetchOptions options, bool verifyPresent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(options);
        DataLocator locator = options.Locator(dataDirectory);
        IReadOnlyList<DataFileInfo> required = options.Catalog.RequiredFiles;
        string? complete = locator.Candidates()
            .Select(c => Path.GetFullPath(c.Root))
            .FirstOrDefault(root => required.All(f => File.Exists(Path.Combine(root, f.RelativePath))));
        string? target = complete ?? locator.DownloadRoot;
        if (target is null)
        {
            throw new DataFetchException(required[0].RelativePath,
                $"There is no folder to download the data into: no explicit folder, no {DataLocator.EnvironmentVariable}, and neither "
                + $"{UserDataCache.XdgCacheHomeVariable} nor a home folder for the per-user cache.",
                "(a folder of your choice)", required.Select(f => f.RelativePath).ToArray());
        }

        if (complete is not null && !verifyPresent)
        {
            return complete;
        }

        // Built first: it checks the mirror setting, so a malformed one is reported before anything is announced.
        using var fetcher = new DataFetcher(options, log);
        if (complete is null)
        {
            log.WriteLine($"Fetching the missing data files into {target}");
        }

        await fetcher.EnsureAllAsync(target, verifyPresent, cancellationToken).ConfigureAwait(false);
        return target;
    }
}
