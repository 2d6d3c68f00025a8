using System.Globalization;
using System.Text;

namespace Verification.Audit.Experiments.Runs;

/// <summary>
/// The result of one run (experiment × configuration × seed): a small table of doubles, written as CSV the moment the
/// run finishes and read back on a resumed run. Values are written round-trip ("R"), so a result read back is the same
/// bits as the one computed, and everything derived from it is too.
/// </summary>
public sealed class RunRecord
{
    /// <summary>A record with <paramref name="columns"/> and no rows yet.</summary>
    /// <param name="columns">Column names (no commas, quotes or line breaks).</param>
    /// <param name="wallClockColumns">The columns that hold wall-clock measurements, which differ between two runs of the same settings.</param>
    public RunRecord(IReadOnlyList<string> columns, IReadOnlyCollection<string>? wallClockColumns = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        foreach (string c in columns)
        {
            if (c.Length == 0 || c.IndexOfAny([',', '"', '\n', '\r']) >= 0)
            {
                throw new ArgumentException($"Column name '{c}' is empty or holds a comma, quote or line break.", nameof(columns));
            }
        }

        if (columns.Distinct(StringComparer.Ordinal).Count() != columns.Count)
        {
            throw new ArgumentException("Column names repeat: " + string.Join(", ", columns), nameof(columns));
        }

        Columns = columns.ToArray();
        WallClockColumns = (wallClockColumns ?? []).ToHashSet(StringComparer.Ordinal);
        if (WallClockColumns.FirstOrDefault(w => !Columns.Contains(w)) is { } unknown)
        {
            throw new ArgumentException($"Wall-clock column '{unknown}' is not a column.", nameof(wallClockColumns));
        }
    }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Columns holding wall-clock measurements.</summary>
    public IReadOnlySet<string> WallClockColumns { get; }

    /// <summary>Rows, each as long as <see cref="Columns"/>.</summary>
    public List<double[]> Rows { get; } = [];

    /// <summary>Appends a row.</summary>
    /// <exception cref="ArgumentException">The row's length is not the column count.</exception>
    public RunRecord Add(params double[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Length != Columns.Count)
        {
            throw new ArgumentException($"A row of {row.Length} values for {Columns.Count} columns.", nameof(row));
        }

        Rows.Add(row);
        return this;
    }

    /// <summary>The values of column <paramref name="name"/>, top to bottom.</summary>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public double[] Column(string name)
    {
        int k = IndexOf(name);
        return Rows.Select(r => r[k]).ToArray();
    }

    /// <summary>The value of column <paramref name="name"/> in the only row (for one-row records such as an optimum).</summary>
    public double Scalar(string name) => Rows.Count == 1 ? Rows[0][IndexOf(name)] : throw new InvalidOperationException($"Scalar '{name}' read from a record of {Rows.Count} rows.");

    /// <summary>The value of <paramref name="name"/> in the last row.</summary>
    public double Last(string name) => Rows[^1][IndexOf(name)];

    /// <summary>The CSV text: comment lines (each starting with "# "), a header line, then the rows.</summary>
    public string ToCsv(IEnumerable<string> comments)
    {
        ArgumentNullException.ThrowIfNull(comments);
        var csv = new StringBuilder();
        foreach (string c in comments)
        {
            csv.Append("# ").Append(c.ReplaceLineEndings(" ")).Append('\n');
        }

        csv.Append(string.Join(',', Columns)).Append('\n');
        foreach (double[] row in Rows)
        {
            csv.Append(string.Join(',', row.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>Reads what <see cref="ToCsv"/> wrote; the comments come back in <paramref name="comments"/>.</summary>
    /// <exception cref="FormatException">A line is malformed (the message names the line).</exception>
    public static RunRecord Parse(string text, IReadOnlyCollection<string> wallClockColumns, out List<string> comments)
    {
        ArgumentNullException.ThrowIfNull(text);
        comments = [];
        string[] lines = text.Split('\n');
        int i = 0;
        for (; i < lines.Length && lines[i].StartsWith("# ", StringComparison.Ordinal); i++)
        {
            comments.Add(lines[i][2..]);
        }

        if (i >= lines.Length || lines[i].Length == 0)
        {
            throw new FormatException("no header line");
        }

        var record = new RunRecord(lines[i].Split(','), wallClockColumns);
        for (i++; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 && i == lines.Length - 1)
            {
                break;
            }

            string[] cells = lines[i].Split(',');
            if (cells.Length != record.Columns.Count)
            {
                throw new FormatException($"line {i + 1}: {cells.Length} values for {record.Columns.Count} columns");
            }

            var row = new double[cells.Length];
            for (int k = 0; k < cells.Length; k++)
            {
                if (!double.TryParse(cells[k], NumberStyles.Float, CultureInfo.InvariantCulture, out row[k]))
                {
                    throw new FormatException($"line {i + 1}: '{cells[k]}' is not a number");
                }
            }

            record.Rows.Add(row);
        }

        if (lines.Length == 0 || lines[^1].Length != 0)
        {
            // Written files end with a line break; a missing one means the file was cut.
            throw new FormatException("the last line is incomplete");
        }

        return record;
    }

    private int IndexOf(string name)
    {
        for (int k = 0; k < Columns.Count; k++)
        {
            if (Columns[k] == name)
            {
                return k;
            }
        }

        throw new KeyNotFoundException($"No column '{name}' (columns: {string.Join(", ", Columns)}).");
    }
}
