using Verification.Convex.Data.Checksums;

namespace Verification.Convex.Data.Download;

/// <summary>
/// The download locations of a data file: its own list (official first, then mirrors), or, when
/// <see cref="EnvironmentVariable"/> is set, <c>&lt;base&gt;/&lt;file name&gt;</c> for each base URL it names, in order.
/// </summary>
public static class MirrorList
{
    /// <summary>Base URLs, separated by whitespace or commas, that replace every file's own download list.</summary>
    public const string EnvironmentVariable = "VERIFICATION_DATA_MIRRORS";

    /// <summary>The base URLs in <paramref name="value"/>, or null when it names none.</summary>
    /// <exception cref="DataSettingException">An entry is not an absolute http or https URL; the message names the variable and the entry.</exception>
    public static IReadOnlyList<Uri>? ParseBases(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var bases = new List<Uri>();
        foreach (string entry in value.Split([' ', '\t', '\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Uri.TryCreate(entry, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new DataSettingException(EnvironmentVariable, $"{EnvironmentVariable} entry '{entry}' is not an absolute http:// or https:// URL.");
            }

            bases.Add(uri);
        }

        return bases.Count == 0 ? null : bases;
    }

    /// <summary>The URLs to try for <paramref name="file"/>: its own list when <paramref name="bases"/> is null, else one per base.</summary>
    public static IReadOnlyList<Uri> UrlsFor(DataFileInfo file, IReadOnlyList<Uri>? bases)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (bases is null)
        {
            return file.Urls;
        }

        string name = Uri.EscapeDataString(Path.GetFileName(file.RelativePath));
        return bases.Select(b => new Uri(b.AbsoluteUri.TrimEnd('/') + "/" + name)).ToArray();
    }
}
