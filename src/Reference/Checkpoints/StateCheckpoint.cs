using System.Globalization;
using Verification.Reference.Optimizers;

namespace Verification.Reference.Checkpoints;

/// <summary>
/// Saves and restores an <see cref="OptimizerState"/> exactly: every double as its 64-bit pattern in hexadecimal.
/// </summary>
/// <remarks>
/// Format (LF lines): <c>verification-optimizer-state 1</c>; <c>algorithm NAME</c>; <c>step N</c>; one
/// <c>scalar NAME HEX</c> per scalar; one <c>buffer NAME LENGTH HEX…</c> per buffer (values space-separated on the
/// same line); <c>end</c>. Names are in ordinal order. Anything else is rejected with the line number.
/// </remarks>
public static class StateCheckpoint
{
    private const string Magic = "verification-optimizer-state 1";

    /// <summary>Writes <paramref name="state"/>.</summary>
    public static void Write(OptimizerState state, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Magic + "\n");
        writer.Write($"algorithm {state.Algorithm}\n");
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"step {state.Step}\n"));
        foreach (string name in state.ScalarNames)
        {
            writer.Write($"scalar {name} {Hex(state.Scalar(name))}\n");
        }

        foreach (string name in state.BufferNames)
        {
            double[] values = state.Buffer(name);
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"buffer {name} {values.Length}"));
            foreach (double value in values)
            {
                writer.Write(' ');
                writer.Write(Hex(value));
            }

            writer.Write('\n');
        }

        writer.Write("end\n");
    }

    /// <summary>The checkpoint as a string.</summary>
    public static string ToText(OptimizerState state)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(state, writer);
        return writer.ToString();
    }

    /// <summary>Reads a checkpoint written by <see cref="Write"/>.</summary>
    /// <exception cref="CorruptCheckpointException">The text is truncated, malformed or inconsistent.</exception>
    public static OptimizerState Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int lineNumber = 0;
        string Next()
        {
            lineNumber++;
            return reader.ReadLine() ?? throw new CorruptCheckpointException(lineNumber, "unexpected end of file (truncated?)");
        }

        if (Next() != Magic)
        {
            throw new CorruptCheckpointException(lineNumber, $"expected the header '{Magic}'");
        }

        string algorithm = Field(Next(), "algorithm", lineNumber);
        string stepText = Field(Next(), "step", lineNumber);
        if (!long.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out long step))
        {
            throw new CorruptCheckpointException(lineNumber, $"step '{stepText}' is not a non-negative integer");
        }

        var scalars = new List<KeyValuePair<string, double>>();
        var buffers = new List<(string Name, double[] Values)>();
        while (true)
        {
            string line = Next();
            if (line == "end")
            {
                break;
            }

            string[] parts = line.Split(' ');
            switch (parts[0])
            {
                case "scalar" when parts.Length == 3:
                    scalars.Add(new(parts[1], ParseHex(parts[2], lineNumber)));
                    break;
                case "buffer" when parts.Length >= 3:
                    if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int length) || parts.Length != 3 + length)
                    {
                        throw new CorruptCheckpointException(lineNumber, $"buffer '{parts[1]}' declares length {parts[2]} but holds {parts.Length - 3} values");
                    }

                    buffers.Add((parts[1], parts.Skip(3).Select(p => ParseHex(p, lineNumber)).ToArray()));
                    break;
                default:
                    throw new CorruptCheckpointException(lineNumber, $"unrecognised line '{Truncate(line)}'");
            }
        }

        if (reader.ReadLine() is { } trailing)
        {
            throw new CorruptCheckpointException(lineNumber + 1, $"text after 'end': '{Truncate(trailing)}'");
        }

        OptimizerState state;
        try
        {
            state = new OptimizerState(algorithm, scalars, buffers.Select(b => new KeyValuePair<string, int>(b.Name, b.Values.Length)));
        }
        catch (ArgumentException e)
        {
            throw new CorruptCheckpointException(lineNumber, $"duplicate entry name ({e.Message})");
        }

        foreach ((string name, double[] values) in buffers)
        {
            values.CopyTo(state.Buffer(name), 0);
        }

        state.RestoreStep(step);
        return state;
    }

    /// <summary>Reads a checkpoint from a string.</summary>
    public static OptimizerState FromText(string text)
    {
        using var reader = new StringReader(text);
        return Read(reader);
    }

    private static string Field(string line, string key, int lineNumber) =>
        line.StartsWith(key + " ", StringComparison.Ordinal) && line.Length > key.Length + 1
            ? line[(key.Length + 1)..]
            : throw new CorruptCheckpointException(lineNumber, $"expected '{key} …', found '{Truncate(line)}'");

    private static string Hex(double value) => BitConverter.DoubleToInt64Bits(value).ToString("x16", CultureInfo.InvariantCulture);

    private static double ParseHex(string text, int lineNumber) =>
        text.Length == 16 && long.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long bits)
            ? BitConverter.Int64BitsToDouble(bits)
            : throw new CorruptCheckpointException(lineNumber, $"'{Truncate(text)}' is not a 16-digit hexadecimal double");

    private static string Truncate(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
