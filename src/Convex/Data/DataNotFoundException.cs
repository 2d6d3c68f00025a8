namespace Verification.Convex.Data;

/// <summary>No data folder holding the requested file was found; the message lists every place that was searched.</summary>
public sealed class DataNotFoundException : FileNotFoundException
{
    /// <summary>Creates the exception for <paramref name="relativePath"/> and the places searched, in order.</summary>
    public DataNotFoundException(string relativePath, IReadOnlyList<string> searched)
        : base(
            $"Data file '{relativePath}' was not found. Searched, in order:{Environment.NewLine}  - "
            + string.Join(Environment.NewLine + "  - ", searched)
            + $"{Environment.NewLine}Pass an explicit data folder, set {DataLocator.EnvironmentVariable}, place the data in ../shared/data beside the repository, "
            + "or download it into the per-user cache with `dotnet run --project src/Audit -c Release -- data fetch`.",
            relativePath)
    {
        RelativePath = relativePath;
        Searched = searched;
    }

    /// <summary>The file that was looked for, relative to a data root.</summary>
    public string RelativePath { get; }

    /// <summary>Every place looked at, with the reason it was rejected.</summary>
    public IReadOnlyList<string> Searched { get; }
}
