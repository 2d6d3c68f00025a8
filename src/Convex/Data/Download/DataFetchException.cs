using System.Text;

namespace Verification.Convex.Data.Download;

/// <summary>
/// A data file could not be fetched or is present with the wrong content. The message lists every source tried with its
/// reason, then says where to put the files by hand and which environment variables change the fetch, so that a user
/// without network access knows exactly what to do.
/// </summary>
public sealed class DataFetchException : Exception
{
    /// <summary>Creates the exception for <paramref name="relativePath"/> after every source in <paramref name="attempts"/> failed.</summary>
    /// <param name="relativePath">The file that could not be fetched, relative to a data root.</param>
    /// <param name="attempts">Every source tried, in order.</param>
    /// <param name="dataRoot">The folder the files belong in.</param>
    /// <param name="missing">Every required file still missing from <paramref name="dataRoot"/>, relative to it.</param>
    public DataFetchException(string relativePath, IReadOnlyList<FetchAttempt> attempts, string dataRoot, IReadOnlyList<string> missing)
        : base(Describe($"Could not fetch '{relativePath}'.", attempts, dataRoot, missing))
    {
        RelativePath = relativePath;
        Attempts = attempts;
        DataRoot = dataRoot;
        Missing = missing;
    }

    /// <summary>Creates the exception for a problem that is not a failed source (a present file with the wrong digest, no folder to write to).</summary>
    public DataFetchException(string relativePath, string problem, string dataRoot, IReadOnlyList<string> missing, Exception? inner = null)
        : base(Describe(problem, [], dataRoot, missing), inner)
    {
        RelativePath = relativePath;
        Attempts = [];
        DataRoot = dataRoot;
        Missing = missing;
    }

    /// <summary>The file that could not be fetched, relative to <see cref="DataRoot"/>.</summary>
    public string RelativePath { get; }

    /// <summary>Every source tried, in order, with its reason.</summary>
    public IReadOnlyList<FetchAttempt> Attempts { get; }

    /// <summary>The data folder the files belong in.</summary>
    public string DataRoot { get; }

    /// <summary>The required files still missing from <see cref="DataRoot"/>.</summary>
    public IReadOnlyList<string> Missing { get; }

    private static string Describe(string problem, IReadOnlyList<FetchAttempt> attempts, string dataRoot, IReadOnlyList<string> missing)
    {
        string nl = Environment.NewLine;
        var text = new StringBuilder(problem);
        if (attempts.Count > 0)
        {
            text.Append(" Tried, in order:");
            foreach (FetchAttempt attempt in attempts)
            {
                text.Append(nl).Append("  - ").Append(attempt.Source).Append(": ").Append(attempt.Reason);
            }
        }

        if (missing.Count > 0)
        {
            text.Append(nl).Append("To install the data by hand, put these files under ").Append(dataRoot).Append(':');
            foreach (string file in missing)
            {
                text.Append(nl).Append("  - ").Append(file);
            }

            text.Append(nl).Append("(the imdb/ files can instead be made from the official aclImdb_v1.tar.gz: save it as ")
                .Append(Path.Combine("imdb", "aclImdb_v1.tar.gz")).Append(" there and run `data fetch`).");
        }

        text.Append(nl)
            .Append("Choose the data folder with --data-dir or ").Append(DataLocator.EnvironmentVariable)
            .Append("; fetch from other servers with ").Append(MirrorList.EnvironmentVariable)
            .Append(" (base URLs, separated by spaces or commas); allow slower servers with ").Append(DataFetchOptions.TimeoutEnvironmentVariable)
            .Append(" (seconds without data before giving up).");
        return text.ToString();
    }
}
