using System.Globalization;
using System.Text.Json;
using Verification.Golden.Format;
using Verification.Golden.Recording;

namespace Verification.Golden.Compare;

/// <summary>
/// Reads trajectories in the golden JSON Lines form: GOLDEN, a whole golden file (checked for its structure, not
/// replayed), and MINE, whose lines may hold any subset of the step lines' fields, doubles as <c>{"r", "x"}</c>
/// objects or JSON numbers (tools/golden/trajectory.py reads the same with the same messages).
/// </summary>
internal static class JsonTrajectoryReader
{
    private const string Form = "golden JSON Lines";

    /// <summary>GOLDEN: its values and the fields of its step lines.</summary>
    /// <exception cref="TrajectoryFormatException">Not a well-formed golden file.</exception>
    /// <exception cref="GoldenFormatException">A line is not LF-terminated JSON.</exception>
    public static (Trajectory Golden, TrajectorySchema Schema) ReadGolden(string text, string name)
    {
        IReadOnlyList<JsonDocument> lines = GoldenText.Parse(text, name);
        try
        {
            JsonElement header = lines[0].RootElement;
            Validate(header, name, 1);
            if (header.ValueKind != JsonValueKind.Object
                || !header.TryGetProperty("format", out JsonElement format) || format.ValueKind != JsonValueKind.String || format.GetString() != GoldenRecorder.FormatName
                || !header.TryGetProperty("version", out JsonElement version) || version.ValueKind != JsonValueKind.Number || version.GetRawText() != "1")
            {
                throw new TrajectoryFormatException(name, 1, $"not a golden file header (format '{GoldenRecorder.FormatName}', version 1)");
            }

            if (!header.TryGetProperty("steps", out JsonElement stepsElement) || !stepsElement.TryGetInt32(out int steps) || steps < 0
                || !header.TryGetProperty("scenario", out JsonElement scenario) || scenario.ValueKind != JsonValueKind.String)
            {
                throw new TrajectoryFormatException(name, 1, "the header lacks 'scenario' or a non-negative integer 'steps'");
            }

            if (lines.Count != steps + 2)
            {
                throw new TrajectoryFormatException(name, lines.Count, $"the header declares {steps} steps and an end line, the file has {lines.Count} lines");
            }

            var golden = new Trajectory(name, Form) { Scenario = scenario.GetString(), StepCount = steps };
            var schema = new TrajectorySchema();
            for (int t = 1; t <= steps; t++)
            {
                JsonElement node = lines[t].RootElement;
                Validate(node, name, t + 1);
                if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty("t", out JsonElement te) || !te.TryGetInt32(out int at) || at != t)
                {
                    throw new TrajectoryFormatException(name, t + 1, $"expected the step line of step {t}");
                }

                foreach ((string field, JsonElement value) in Leaves(node, "", "t"))
                {
                    AddToSchema(schema, field, value);
                }

                Flatten(golden, t, node, schema, name, t + 1, "t");
            }

            JsonElement end = lines[steps + 1].RootElement;
            Validate(end, name, steps + 2);
            if (end.ValueKind != JsonValueKind.Object || !end.TryGetProperty("end", out JsonElement flag) || flag.ValueKind != JsonValueKind.True
                || !end.TryGetProperty("steps", out JsonElement endSteps) || !endSteps.TryGetInt32(out int n) || n != steps
                || !end.TryGetProperty("final_loss", out _))
            {
                throw new TrajectoryFormatException(name, steps + 2, $"expected the end line {{\"end\":true,\"steps\":{steps},\"final_loss\":...}}");
            }

            Flatten(golden, TrajectoryKey.EndStep, end, TrajectorySchema.EndLine, name, steps + 2, "end", "steps");
            return (golden, schema);
        }
        finally
        {
            foreach (JsonDocument line in lines)
            {
                line.Dispose();
            }
        }
    }

    /// <summary>MINE in the JSON Lines form, every value checked against GOLDEN's fields and lengths.</summary>
    /// <exception cref="TrajectoryFormatException">A line that is not a header, a step line or an end line, or a value that does not fit.</exception>
    public static Trajectory ReadMine(IReadOnlyList<string> lines, string name, Trajectory golden, TrajectorySchema schema)
    {
        var mine = new Trajectory(name, Form);
        for (int i = 0; i < lines.Count; i++)
        {
            int line = i + 1;
            if (lines[i].StartsWith('#'))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(lines[i]);
            }
            catch (JsonException e)
            {
                throw new TrajectoryFormatException(name, line, $"not valid JSON: {e.Message}");
            }

            using (document)
            {
                JsonElement node = document.RootElement;
                if (node.ValueKind != JsonValueKind.Object)
                {
                    throw new TrajectoryFormatException(name, line, "expected a JSON object");
                }

                if (node.TryGetProperty("format", out JsonElement format))
                {
                    if (format.ValueKind != JsonValueKind.String || format.GetString() != GoldenRecorder.FormatName)
                    {
                        throw new TrajectoryFormatException(name, line, $"a header whose format is not '{GoldenRecorder.FormatName}'");
                    }

                    if (!node.TryGetProperty("scenario", out JsonElement scenario) || scenario.ValueKind != JsonValueKind.String || scenario.GetString() != golden.Scenario)
                    {
                        string named = node.TryGetProperty("scenario", out JsonElement s) ? s.GetRawText() : "null";
                        throw new TrajectoryFormatException(name, line, $"the header names scenario {named}, GOLDEN is {golden.Scenario}");
                    }

                    continue;
                }

                if (node.TryGetProperty("end", out JsonElement end))
                {
                    if (end.ValueKind != JsonValueKind.True)
                    {
                        throw new TrajectoryFormatException(name, line, "field end: expected true");
                    }

                    Flatten(mine, TrajectoryKey.EndStep, node, TrajectorySchema.EndLine, name, line, "end", "steps");
                    continue;
                }

                if (!node.TryGetProperty("t", out JsonElement te) || !te.TryGetInt32(out int t) || t < 1)
                {
                    throw new TrajectoryFormatException(name, line, "neither a header, a step line with a positive integer 't' nor an end line");
                }

                if (mine.Steps.Contains(t))
                {
                    throw new TrajectoryFormatException(name, line, string.Create(CultureInfo.InvariantCulture, $"step {t} is recorded twice"));
                }

                Flatten(mine, t, node, schema, name, line, "t");
            }
        }

        return mine;
    }

    private static void Validate(JsonElement node, string name, int line)
    {
        try
        {
            GoldenDouble.ValidateAll(node, new GoldenLocation(name, line, ""));
        }
        catch (GoldenFormatException e)
        {
            throw new TrajectoryFormatException(name, line, $"field '{e.Location.Field}': {e.Problem}");
        }
    }

    // A step line's recorded values in file order: golden doubles, JSON scalars and arrays; nested objects are paths.
    private static IEnumerable<(string Field, JsonElement Value)> Leaves(JsonElement node, string path, params string[] skip)
    {
        foreach (JsonProperty property in node.EnumerateObject())
        {
            if (path.Length == 0 && skip.Contains(property.Name, StringComparer.Ordinal))
            {
                continue;
            }

            string field = path.Length == 0 ? property.Name : path + "." + property.Name;
            JsonElement value = property.Value;
            if (value.ValueKind == JsonValueKind.Object && !value.TryGetProperty("r", out _) && !value.TryGetProperty("x", out _))
            {
                foreach ((string f, JsonElement v) in Leaves(value, field))
                {
                    yield return (f, v);
                }
            }
            else
            {
                yield return (field, value);
            }
        }
    }

    private static void AddToSchema(TrajectorySchema schema, string field, JsonElement value)
    {
        if (field == "mask" && value.ValueKind == JsonValueKind.String)
        {
            schema.Add(field, ValueKind.Integer, value.GetString()!.Length);
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            int length = value.GetArrayLength();
            schema.Add(field, length == 0 ? ValueKind.Double : KindOf(value[0]), length);
        }
        else
        {
            schema.Add(field, KindOf(value), null);
        }
    }

    private static ValueKind KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => ValueKind.Double,
        JsonValueKind.True or JsonValueKind.False => ValueKind.Boolean,
        _ => ValueKind.Integer,
    };

    private static void Flatten(Trajectory trajectory, int step, JsonElement node, TrajectorySchema schema, string name, int line, params string[] skip)
    {
        foreach ((string field, JsonElement value) in Leaves(node, "", skip))
        {
            if (!schema.TryGet(field, out (ValueKind Kind, int? Length) shape))
            {
                string where = step == TrajectoryKey.EndStep ? "end line" : "step lines";
                throw new TrajectoryFormatException(name, line, $"field '{field}' is not a field of GOLDEN's {where} (known: {string.Join(", ", schema.Order)})");
            }

            if (field == "mask")
            {
                if (value.ValueKind != JsonValueKind.String || value.GetString()!.Any(c => c is not ('0' or '1')))
                {
                    throw new TrajectoryFormatException(name, line, $"field mask: expected a string of 0 and 1, found {value.GetRawText()}");
                }

                string bits = value.GetString()!;
                if (bits.Length != shape.Length)
                {
                    throw new TrajectoryFormatException(name, line, $"field mask has {bits.Length} values, GOLDEN's has {shape.Length}");
                }

                for (int j = 0; j < bits.Length; j++)
                {
                    trajectory.Put(new(step, field, j), RecordedValue.Of((long)(bits[j] - '0')), line);
                }

                continue;
            }

            if (shape.Length is not int length)
            {
                if (value.ValueKind == JsonValueKind.Array)
                {
                    throw new TrajectoryFormatException(name, line, $"field {field}: expected one value, found an array");
                }

                trajectory.Put(new(step, field, null), Element(shape.Kind, value, field, name, line), line);
                continue;
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                string raw = value.GetRawText();
                throw new TrajectoryFormatException(name, line, $"field {field}: expected an array of {length} values, found {(raw.Length > 40 ? raw[..40] : raw)}");
            }

            if (value.GetArrayLength() != length)
            {
                throw new TrajectoryFormatException(name, line, $"field {field} has {value.GetArrayLength()} values, GOLDEN's has {length}");
            }

            int i = 0;
            foreach (JsonElement element in value.EnumerateArray())
            {
                trajectory.Put(new(step, field, i), Element(shape.Kind, element, string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]"), name, line), line);
                i++;
            }
        }
    }

    private static RecordedValue Element(ValueKind kind, JsonElement value, string where, string name, int line)
    {
        switch (kind)
        {
            case ValueKind.Double when value.ValueKind == JsonValueKind.Object:
                try
                {
                    return RecordedValue.Of(GoldenDouble.Read(value, new GoldenLocation(name, line, where)));
                }
                catch (GoldenFormatException e)
                {
                    throw new TrajectoryFormatException(name, line, $"field {where}: {e.Problem}");
                }

            case ValueKind.Double when value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number):
                return RecordedValue.Of(number);
            case ValueKind.Double:
                throw new TrajectoryFormatException(name, line, $"field {where}: expected a double ({{\"r\": ..., \"x\": ...}} or a JSON number), found {value.GetRawText()}");
            case ValueKind.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return RecordedValue.Of(value.ValueKind == JsonValueKind.True);
            case ValueKind.Boolean:
                throw new TrajectoryFormatException(name, line, $"field {where}: expected true or false, found {value.GetRawText()}");
            default:
                return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long integer) && integer >= 0
                    ? RecordedValue.Of(integer)
                    : throw new TrajectoryFormatException(name, line, $"field {where}: expected a non-negative integer, found {value.GetRawText()}");
        }
    }
}
