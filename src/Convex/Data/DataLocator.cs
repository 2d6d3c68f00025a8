namespace Verification.Convex.Data;

/// <summary>
/// Finds a data file under a data root. Precedence: an explicit folder given by the caller, then the folder named by
/// <see cref="EnvironmentVariable"/>, then a <c>shared/data</c> folder found by walking up from the current directory
/// and from the assembly location (the repository expects its data at <c>../shared/data</c>, beside the repository
/// root, and tests run several folders below the root), then the per-user cache (<see cref="UserDataCache"/>) that
/// <c>data fetch</c> fills for a clone without <c>../shared</c>.
/// </summary>
/// <remarks>
/// An explicit folder is authoritative: when it is given but lacks the file, the search stops there instead of falling
/// back, so that a mistyped path cannot silently pick up other data. The environment variable and the default search
/// fall through to the next candidate. Every failure lists each place that was looked at.
/// </remarks>
public sealed class DataLocator
{
    /// <summary>The environment variable naming a data root.</summary>
    public const string EnvironmentVariable = "VERIFICATION_DATA_DIR";

    private readonly string? _explicitRoot;
    private readonly Func<string, string?> _environment;
    private readonly IReadOnlyList<string> _startDirectories;
    private readonly string? _cacheRoot;
    private static volatile DataLocator _default = new();

    /// <summary>
    /// Creates a locator. <paramref name="environment"/>, <paramref name="startDirectories"/> and
    /// <paramref name="homeDirectory"/> default to the process environment, to (current directory, assembly folder) and
    /// to <c>$HOME</c> (else the user profile); tests replace them to exercise the precedence.
    /// </summary>
    public DataLocator(string? explicitRoot = null, Func<string, string?>? environment = null, IEnumerable<string>? startDirectories = null, string? homeDirectory = null)
    {
        _explicitRoot = string.IsNullOrWhiteSpace(explicitRoot) ? null : explicitRoot;
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _startDirectories = (startDirectories ?? [Directory.GetCurrentDirectory(), AppContext.BaseDirectory]).ToArray();
        _cacheRoot = UserDataCache.Folder(_environment, homeDirectory ?? UserDataCache.HomeDirectory(_environment));
    }

    /// <summary>
    /// The locator every reader uses when given none: the default environment and start folders, until
    /// <see cref="SetDefaultRoot"/> pins it to one folder.
    /// </summary>
    public static DataLocator Default => _default;

    /// <summary>
    /// Where downloads go: the explicit folder, else the folder named by <see cref="EnvironmentVariable"/>, else the
    /// per-user cache; null only when none of them is known. Never a <c>shared/data</c> found by the walk up, because
    /// that folder is staged by hand and shared.
    /// </summary>
    public string? DownloadRoot
    {
        get
        {
            if (_explicitRoot is not null)
            {
                return Path.GetFullPath(_explicitRoot);
            }

            string? fromEnvironment = _environment(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return Path.GetFullPath(fromEnvironment);
            }

            return _cacheRoot is null ? null : Path.GetFullPath(_cacheRoot);
        }
    }

    /// <summary>
    /// Points <see cref="Default"/> at <paramref name="root"/> alone (authoritative, like an explicit folder). The console
    /// app calls it once, after making sure <paramref name="root"/> holds every data file, so that readers which take no
    /// locator (the claims, the golden scenarios) read the same files as those given the command's data folder.
    /// </summary>
    public static void SetDefaultRoot(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _default = new DataLocator(root);
    }

    /// <summary>The full path of <paramref name="relativePath"/> (a file or a folder) under the first root that holds it.</summary>
    /// <exception cref="DataNotFoundException">No candidate root holds it; the message lists every candidate.</exception>
    public string Locate(string relativePath)
    {
        var searched = new List<string>();
        foreach ((string root, string origin, bool authoritative) in Candidates())
        {
            string full = Path.GetFullPath(Path.Combine(root, relativePath));
            if (File.Exists(full) || Directory.Exists(full))
            {
                return full;
            }

            searched.Add($"{full} ({origin}: {(Directory.Exists(root) ? "folder exists but lacks the file" : "folder does not exist")})");
            if (authoritative)
            {
                break;
            }
        }

        throw new DataNotFoundException(relativePath, searched);
    }

    /// <summary>The candidate data roots in precedence order, with where each came from.</summary>
    public IEnumerable<(string Root, string Origin, bool Authoritative)> Candidates()
    {
        if (_explicitRoot is not null)
        {
            yield return (_explicitRoot, "explicit path", true);
            yield break;
        }

        string? fromEnvironment = _environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            yield return (fromEnvironment, $"environment variable {EnvironmentVariable}", false);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string start in _startDirectories)
        {
            for (DirectoryInfo? dir = new(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "data");
                if (seen.Add(candidate))
                {
                    yield return (candidate, $"shared/data above {start}", false);
                }
            }
        }

        if (_cacheRoot is not null && seen.Add(_cacheRoot))
        {
            yield return (_cacheRoot, "per-user cache", false);
        }
    }
}
