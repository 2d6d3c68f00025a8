namespace Verification.Audit.Cli;

/// <summary>
/// Suggestions for a mistyped name: the known names within a small edit distance, or that contain (or are contained
/// in) what was typed, closest first.
/// </summary>
public static class ClosestNames
{
    /// <summary>At most <paramref name="count"/> names from <paramref name="known"/> close to <paramref name="typed"/>.</summary>
    public static IReadOnlyList<string> Find(string typed, IEnumerable<string> known, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(known);
        string needle = typed.ToLowerInvariant();

        // A third of the length, at least 2: "fig1" → "dasgrad-fig1" is a containment, "claim" → "claims" one edit.
        int limit = Math.Max(2, needle.Length / 3);
        return known
            .Select(name => (Name: name, Distance: Distance(needle, name.ToLowerInvariant())))
            .Where(c => c.Distance <= limit || Contains(c.Name, needle))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(c => c.Name)
            .ToArray();
    }

    /// <summary>
    /// "Did you mean …?" text for <paramref name="typed"/>, or the whole list when nothing is close and it is short
    /// (else where it is written: <paramref name="whereListed"/>).
    /// </summary>
    public static string Suggestion(string typed, IReadOnlyCollection<string> known, string? whereListed = null)
    {
        IReadOnlyList<string> close = Find(typed, known);
        return close.Count > 0
            ? $"did you mean {string.Join(" or ", close.Select(n => $"'{n}'"))}?"
            : known.Count <= 12 ? $"known: {string.Join(", ", known)}." : $"none of the {known.Count} known is close{(whereListed is null ? "" : $" ({whereListed} lists them)")}.";
    }

    private static bool Contains(string name, string needle) =>
        needle.Length >= 3 && (name.Contains(needle, StringComparison.OrdinalIgnoreCase) || needle.Contains(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Levenshtein distance (insertions, deletions, substitutions), two rows.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
