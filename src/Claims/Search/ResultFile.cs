using System.Text.Json;
using Verification.Claims.Catalogue;

namespace Verification.Claims.Search;

/// <summary>
/// A shard's results as JSON (<c>claims --shard k/N --results FILE</c>), and the merge of all shards' files back into
/// the catalogue's results. Doubles are written in their shortest round-trip form, so merged results render to the
/// same bytes as an unsharded run.
/// </summary>
public static class ResultFile
{
    /// <summary>The content of a results file.</summary>
    /// <param name="Depth">The depth's name.</param>
    /// <param name="Budget">The budget searched with.</param>
    /// <param name="Shard">Which shard, <c>k/N</c>.</param>
    /// <param name="Results">The shard's results, in catalogue order.</param>
    public sealed record Content(string Depth, SearchBudget Budget, string Shard, IReadOnlyList<ClaimResult> Results);

    /// <summary>Writes <paramref name="results"/> of <paramref name="shard"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, SearchBudget budget, Shard shard, IReadOnlyList<ClaimResult> results)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(shard);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(new Content(budget.Name, budget, shard.ToString(), results), CounterexampleStore.JsonOptions) + "\n");
    }

    /// <summary>Reads one results file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a results file; the message names it.</exception>
    public static Content Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such results file.", path);
        }

        try
        {
            Content content = JsonSerializer.Deserialize<Content>(File.ReadAllText(path), CounterexampleStore.JsonOptions)
                ?? throw new InvalidDataException($"{path}: empty results file.");
            string? missing = content.Budget is null ? "budget" : content.Shard is null ? "shard" : content.Results is null ? "results" : null;
            return missing is null ? content : throw new InvalidDataException($"{path}: not a claims results file (no \"{missing}\" field).");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a claims results file ({e.Message}).", e);
        }
    }

    /// <summary>
    /// Merges the files of one sharded run into results in catalogue order, checking that they share a budget, that
    /// the shards are exactly 1..N of one N, and that every claim of <paramref name="catalogue"/> appears once.
    /// </summary>
    /// <exception cref="InvalidDataException">The files do not make one complete run; the message says what is missing or repeated.</exception>
    public static (SearchBudget Budget, IReadOnlyList<ClaimResult> Results) Merge(IReadOnlyList<string> paths, IReadOnlyList<IClaim> catalogue)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(catalogue);
        if (paths.Count == 0)
        {
            throw new InvalidDataException("claims merge needs the results files of every shard.");
        }

        List<(string Path, Content Content)> files = paths.Select(p => (p, Read(p))).ToList();
        SearchBudget budget = files[0].Content.Budget;
        foreach ((string path, Content content) in files.Where(f => f.Content.Budget != budget))
        {
            throw new InvalidDataException($"{path}: searched with {content.Budget}, but {files[0].Path} with {budget}; merge only the shards of one run.");
        }

        List<Shard> shards = files.Select(f => Shard.Parse(f.Content.Shard)).ToList();
        int count = shards[0].Count;
        var expected = Enumerable.Range(1, count).ToList();
        var given = shards.Select(s => s.Count == count ? s.Index : -1).Order().ToList();
        if (!given.SequenceEqual(expected))
        {
            throw new InvalidDataException($"The files hold shards {string.Join(", ", shards)}; a merge needs each of 1/{count} … {count}/{count} exactly once.");
        }

        var byId = new Dictionary<string, ClaimResult>(StringComparer.Ordinal);
        foreach ((string path, Content content) in files)
        {
            foreach (ClaimResult result in content.Results)
            {
                if (!byId.TryAdd(result.Info.Id, result))
                {
                    throw new InvalidDataException($"{path}: claim {result.Info.Id} appears in two shards.");
                }
            }
        }

        string? missing = catalogue.Select(c => c.Info.Id).FirstOrDefault(id => !byId.ContainsKey(id));
        if (missing is not null)
        {
            throw new InvalidDataException($"No shard holds claim {missing}: the files are incomplete or come from another version of the catalogue.");
        }

        return (budget, catalogue.Select(c => byId[c.Info.Id]).ToList());
    }
}
