namespace Verification.Convex.Data;

/// <summary>
/// The per-user data cache: <c>$XDG_CACHE_HOME/optaudit/data</c>, else <c>~/.cache/optaudit/data</c>. It is the last
/// place <see cref="DataLocator"/> looks and where downloads go when neither an explicit folder nor
/// <see cref="DataLocator.EnvironmentVariable"/> names one, so that a clone without <c>../shared</c> fetches once per user.
/// </summary>
public static class UserDataCache
{
    /// <summary>The XDG base-directory variable for per-user caches.</summary>
    public const string XdgCacheHomeVariable = "XDG_CACHE_HOME";

    /// <summary>The path under the cache base.</summary>
    public static string RelativeFolder { get; } = Path.Combine("optaudit", "data");

    /// <summary>
    /// The cache folder for <paramref name="environment"/> and <paramref name="homeDirectory"/>, or null when neither an
    /// absolute <c>XDG_CACHE_HOME</c> nor a home folder is known.
    /// </summary>
    public static string? Folder(Func<string, string?> environment, string? homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? xdg = environment(XdgCacheHomeVariable);

        // The XDG specification says a relative value is invalid and must be ignored, not resolved against the cwd.
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, RelativeFolder);
        }

        return string.IsNullOrWhiteSpace(homeDirectory) ? null : Path.Combine(homeDirectory, ".cache", RelativeFolder);
    }

    /// <summary>The home folder: <c>$HOME</c> from <paramref name="environment"/>, else the operating system's user profile.</summary>
    public static string? HomeDirectory(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? home = environment("HOME");
        if (!string.IsNullOrWhiteSpace(home))
        {
            return home;
        }

        string profile = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(profile) ? null : profile;
    }
}
