namespace Verification.Claims.Reporting;

/// <summary>
/// The verdicts of an earlier audit (docs/audit-previous-verdicts.tsv: claim id, tab, verdict), against which
/// docs/audit.md lists the verdicts a later search changed.
/// </summary>
public static class PreviousVerdicts
{
    /// <summary>The file name beside docs/audit.md.</summary>
    public const string FileName = "audit-previous-verdicts.tsv";

    /// <summary>Reads the file: id → verdict word (<c>holds</c>, <c>falsified</c>, <c>holds only if</c>); empty when it does not exist.</summary>
    /// <exception cref="InvalidDataException">A line is not "id, tab, verdict"; the message names the file and line.</exception>
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        var verdicts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return verdicts;
        }

        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] cells = line.Split('\t');
            if (cells.Length != 2 || cells[1] is not ("holds" or "falsified" or "holds only if") || !verdicts.TryAdd(cells[0], cells[1]))
            {
                throw new InvalidDataException($"{path}:{number}: expected 'claim id<TAB>holds|falsified|holds only if' with each id once, got '{line}'.");
            }
        }

        return verdicts;
    }
}
