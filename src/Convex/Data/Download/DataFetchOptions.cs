using System.Globalization;

namespace Verification.Convex.Data.Download;

/// <summary>
/// How data is fetched: what is required (<see cref="Catalog"/>), the network limits, and where the environment and the
/// home folder come from. Every member has the production default; tests replace them (a local catalog, a 1 s timeout,
/// an environment that names a local mirror).
/// </summary>
public sealed record DataFetchOptions
{
    /// <summary>Seconds without any data from a server before a download is abandoned (default 30).</summary>
    public const string TimeoutEnvironmentVariable = "VERIFICATION_DATA_TIMEOUT_SECONDS";

    /// <summary>The files required and where they come from.</summary>
    public DataCatalog Catalog { get; init; } = DataCatalog.Official;

    /// <summary>How long a server may send nothing (no headers, no bytes) before the transfer is abandoned.</summary>
    public TimeSpan InactivityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long opening a connection may take; small, so that an unreachable network fails in seconds.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times a transfer cut off mid-file is resumed on the same URL before the next one is tried.</summary>
    public int ResumeRetries { get; init; } = 3;

    /// <summary>The pause before resuming a cut transfer.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Keep a downloaded archive (<c>aclImdb_v1.tar.gz</c>) after its converted files are verified.</summary>
    public bool KeepArchives { get; init; }

    /// <summary>Reads environment variables (<see cref="MirrorList.EnvironmentVariable"/>, the data root, the cache base, HOME).</summary>
    public Func<string, string?> EnvironmentLookup { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The home folder for the per-user cache; null for <c>$HOME</c>, else the user profile.</summary>
    public string? HomeDirectory { get; init; }

    /// <summary>Where the walk up for <c>shared/data</c> starts; null for the current directory and the assembly folder.</summary>
    public IReadOnlyList<string>? StartDirectories { get; init; }

    /// <summary>Shows download progress; null for lines on the log every tenth of a file.</summary>
    public IDownloadProgress? Progress { get; init; }

    /// <summary>
    /// Options from <paramref name="environment"/> (default: the process environment): the inactivity timeout from
    /// <see cref="TimeoutEnvironmentVariable"/> when set, everything else at its default.
    /// </summary>
    /// <exception cref="DataSettingException">The timeout variable is not a positive number of seconds; the message names it and its value.</exception>
    public static DataFetchOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var options = new DataFetchOptions { EnvironmentLookup = environment };
        string? timeout = environment(TimeoutEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(timeout))
        {
            return options;
        }

        if (!double.TryParse(timeout, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !(seconds > 0) || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            throw new DataSettingException(TimeoutEnvironmentVariable, $"{TimeoutEnvironmentVariable} is '{timeout}'; it must be a positive number of seconds.");
        }

        return options with { InactivityTimeout = TimeSpan.FromSeconds(seconds) };
    }

    /// <summary>The mirror bases named by <see cref="MirrorList.EnvironmentVariable"/>, or null to use each file's own list.</summary>
    public IReadOnlyList<Uri>? MirrorBases() => MirrorList.ParseBases(EnvironmentLookup(MirrorList.EnvironmentVariable));

    /// <summary>The locator for <paramref name="explicitRoot"/> under these options' environment, start folders and home.</summary>
    public DataLocator Locator(string? explicitRoot) => new(explicitRoot, EnvironmentLookup, StartDirectories, HomeDirectory);
}
