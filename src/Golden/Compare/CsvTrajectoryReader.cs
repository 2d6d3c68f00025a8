using System.Globalization;
using System.Text.RegularExpressions;

namespace Verification.Golden.Compare;

/// <summary>
/// Reads MINE in the CSV form of docs/golden-format.md §8.1: lines starting with <c>#</c> are comments, then the
/// header <c>step,field,index,value</c>, then one row per value; every row checked against GOLDEN's fields and
/// lengths (tools/golden/trajectory.py reads the same with the same messages).
/// </summary>
internal static partial class CsvTrajectoryReader
{
    /// <summary>The header line.</summary>
    public const string Header = "step,field,index,value";

    /// <summary>MINE's values.</summary>
    /// <exception cref="TrajectoryFormatException">No header, a malformed row, a field or index GOLDEN lacks, a repeated row.</exception>
    public static Trajectory Read(IReadOnlyList<string> lines, string name, TrajectorySchema schema)
    {
        var mine = new Trajectory(name, "CSV");
        bool headerSeen = false;
        for (int i = 0; i < lines.Count; i++)
        {
            int line = i + 1;
            string text = lines[i];
            if (text.StartsWith('#'))
            {
                continue;
            }

            if (!headerSeen)
            {
                headerSeen = text == Header ? true : throw new TrajectoryFormatException(name, line, $"expected the CSV header '{Header}'");
                continue;
            }

            string[] cells = text.Split(',');
            if (cells.Length != 4)
            {
                throw new TrajectoryFormatException(name, line, $"expected 4 comma-separated cells (step,field,index,value), found {cells.Length}");
            }

            (string stepText, string field, string indexText, string valueText) = (cells[0], cells[1], cells[2], cells[3]);
            int step;
            TrajectorySchema fields;
            if (stepText == "end")
            {
                (step, fields) = (TrajectoryKey.EndStep, TrajectorySchema.EndLine);
            }
            else if (Count().IsMatch(stepText) && stepText != "0" && int.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out step))
            {
                fields = schema;
            }
            else
            {
                throw new TrajectoryFormatException(name, line, $"step '{stepText}' is neither a positive integer nor 'end'");
            }

            if (!fields.TryGet(field, out (ValueKind Kind, int? Length) shape))
            {
                string where = step == TrajectoryKey.EndStep ? "end line" : "step lines";
                throw new TrajectoryFormatException(name, line, $"field '{field}' is not a field of GOLDEN's {where} (known: {string.Join(", ", fields.Order)})");
            }

            int? index = null;
            if (shape.Length is not int length)
            {
                if (indexText.Length > 0)
                {
                    throw new TrajectoryFormatException(name, line, $"field {field} holds one value: the index must be empty, found '{indexText}'");
                }
            }
            else
            {
                if (!Count().IsMatch(indexText) || !int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out int at))
                {
                    throw new TrajectoryFormatException(name, line, $"field {field} is an array: the index must be a non-negative integer, found '{indexText}'");
                }

                index = at < length ? at : throw new TrajectoryFormatException(name, line, $"index {at} is out of range: GOLDEN's {field} has {length} values");
            }

            mine.Put(new TrajectoryKey(step, field, index), Value(shape.Kind, field, valueText, name, line), line);
        }

        return headerSeen ? mine : throw new TrajectoryFormatException(name, 0, $"no CSV header '{Header}'");
    }

    private static RecordedValue Value(ValueKind kind, string field, string text, string name, int line)
    {
        switch (kind)
        {
            case ValueKind.Double:
                return DoubleText.ParseCsv(text) is double value
                    ? RecordedValue.Of(value)
                    : throw new TrajectoryFormatException(name, line, $"value '{text}' is not a decimal double, inf, nan or an exact hex-float");
            case ValueKind.Boolean:
                return text is "true" or "false"
                    ? RecordedValue.Of(text == "true")
                    : throw new TrajectoryFormatException(name, line, $"value '{text}' of {field} is not true or false");
            default:
                bool mask = field == "mask";
                return Count().IsMatch(text) && (!mask || text is "0" or "1") && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long integer)
                    ? RecordedValue.Of(integer)
                    : throw new TrajectoryFormatException(name, line, $"value '{text}' of {field} is not a non-negative integer{(mask ? " (0 or 1)" : "")}");
        }
    }

    [GeneratedRegex(@"^(0|[1-9][0-9]*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Count();
}
