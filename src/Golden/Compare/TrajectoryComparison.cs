using System.Globalization;

namespace Verification.Golden.Compare;

/// <summary>
/// Compares MINE with GOLDEN where MINE records a value, and writes the report of docs/golden-format.md §8: the
/// first divergence, a summary per field, the steps MINE lacks or has in excess, and the result. The text is the
/// same as tools/golden/compare.py prints.
/// </summary>
internal static class TrajectoryComparison
{
    private static readonly string[] Headers = ["field", "compared", "exact", "max ULP", "at", "median ULP"];

    /// <summary>The report's lines and the exit code: 0 when bit-identical with every step present, else 1.</summary>
    public static (IReadOnlyList<string> Lines, int ExitCode) Report(Trajectory golden, Trajectory mine, TrajectorySchema schema)
    {
        int steps = golden.StepCount;
        int[] recorded = [.. mine.Steps.Where(s => s != TrajectoryKey.EndStep).Order()];
        var where = new List<string>();
        if (recorded.Length > 0)
        {
            where.Add((recorded.Length == 1 ? "step " : "steps ") + Ranges(recorded));
        }

        if (mine.Steps.Contains(TrajectoryKey.EndStep))
        {
            where.Add("the end line");
        }

        var lines = new List<string>
        {
            Invariant($"GOLDEN {golden.Name}: scenario {golden.Scenario}, {steps} steps"),
            Invariant($"MINE   {mine.Name}: {mine.Form}, {mine.Values.Count} values at {string.Join(", ", where)}"),
        };

        var summaries = new Dictionary<string, FieldSummary>(StringComparer.Ordinal);
        (TrajectoryKey Key, RecordedValue Golden, RecordedValue Mine, UInt128? Distance)? first = null;
        int differ = 0, compared = 0;
        IEnumerable<TrajectoryKey> keys = mine.Values.Keys
            .OrderBy(k => k.Step)
            .ThenBy(k => schema.Rank(k.Field))
            .ThenBy(k => k.Index ?? -1);
        foreach (TrajectoryKey key in keys)
        {
            if (!key.AtEnd && key.Step > steps)
            {
                continue;
            }

            RecordedValue value = mine.Values[key], expected = golden.Values[key];
            bool exact = expected.SameAs(value);
            UInt128? distance = value.Kind == ValueKind.Double ? DoubleText.UlpDistance(expected.Double, value.Double) : null;
            if (!summaries.TryGetValue(key.Field, out FieldSummary? summary))
            {
                summaries[key.Field] = summary = new FieldSummary(value.Kind);
            }

            summary.Add(key, exact, distance);
            compared++;
            if (!exact)
            {
                differ++;
                first ??= (key, expected, value, distance);
            }
        }

        lines.Add(first is { } f ? FirstDivergence(f.Key, f.Golden, f.Mine, f.Distance) : "first divergence: none");
        lines.AddRange(Table([.. summaries.Keys.OrderBy(schema.Rank).Select(field => summaries[field].Cells(field))]));
        int[] missing = [.. Enumerable.Range(1, steps).Where(t => !mine.Steps.Contains(t))];
        int[] extra = [.. recorded.Where(t => t > steps)];
        lines.Add("missing steps: " + (missing.Length > 0 ? Ranges(missing) + " (GOLDEN records them, MINE does not)" : "none"));
        lines.Add("extra steps: " + (extra.Length > 0 ? Invariant($"{Ranges(extra)} (GOLDEN has {steps} steps)") : "none"));
        if (differ == 0 && missing.Length == 0 && extra.Length == 0)
        {
            lines.Add(Invariant($"result: bit-identical: all {compared} values MINE records equal GOLDEN's"));
            return (lines, 0);
        }

        var problems = new List<string> { Invariant($"{differ} of {compared} values differ") };
        if (missing.Length > 0)
        {
            problems.Add(Invariant($"{missing.Length} of GOLDEN's steps missing"));
        }

        if (extra.Length > 0)
        {
            problems.Add(Invariant($"{extra.Length} extra step{(extra.Length == 1 ? "" : "s")}"));
        }

        lines.Add("result: " + string.Join("; ", problems));
        return (lines, 1);
    }

    private static string FirstDivergence(TrajectoryKey key, RecordedValue golden, RecordedValue mine, UInt128? distance)
    {
        string step = key.AtEnd ? "end line" : Invariant($"step {key.Step}");
        string index = key.Index is int i ? Invariant($", index {i}") : "";
        string ulps = mine.Kind != ValueKind.Double ? ""
            : distance is UInt128 d ? Invariant($", {d} ULP{(d == UInt128.One ? "" : "s")}")
            : ", NaN against a number";
        return $"first divergence: {step}, field {key.Field}{index}: GOLDEN {golden.Text()}, MINE {mine.Text()}{ulps}";
    }

    // Columns two spaces apart, each as wide as its widest cell; field and at flush left, numbers flush right.
    private static IEnumerable<string> Table(IReadOnlyList<string[]> rows)
    {
        string[][] all = [Headers, .. rows];
        int[] widths = [.. Enumerable.Range(0, Headers.Length).Select(c => all.Max(r => r[c].Length))];
        return all.Select(row => string.Join("  ", row.Select((cell, c) => c is 0 or 4 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
    }

    /// <summary>Ascending steps as ranges: "1-3, 7, 9-12".</summary>
    public static string Ranges(IReadOnlyList<int> sorted)
    {
        var parts = new List<string>();
        for (int i = 0; i < sorted.Count;)
        {
            int j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? Invariant($"{sorted[i]}") : Invariant($"{sorted[i]}-{sorted[j]}"));
            i = j + 1;
        }

        return string.Join(", ", parts);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
