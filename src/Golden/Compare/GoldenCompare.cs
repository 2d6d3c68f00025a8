using System.Text;
using Verification.Golden.Format;

namespace Verification.Golden.Compare;

/// <summary>
/// <c>golden compare GOLDEN.jsonl MINE</c>: a library author's trajectory (golden JSON Lines or the CSV
/// <c>step,field,index,value</c>) against a golden file, value by value, where MINE records one (docs/golden-format.md
/// §8). Exit code 0 when bit-identical with every step present, 1 when anything differs (the summary is still
/// printed), 2 when a file cannot be read or is malformed (one message naming file, line and problem).
/// </summary>
internal static class GoldenCompare
{
    /// <summary>Compares the files and writes the report to <paramref name="output"/> or the error to <paramref name="error"/>.</summary>
    /// <returns>0, 1 or 2 as above.</returns>
    public static int Run(string goldenPath, string minePath, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            (Trajectory golden, TrajectorySchema schema) = JsonTrajectoryReader.ReadGolden(ReadText(goldenPath), Path.GetFileName(goldenPath));
            Trajectory mine = ReadMine(ReadText(minePath), Path.GetFileName(minePath), golden, schema);
            (IReadOnlyList<string> lines, int exitCode) = TrajectoryComparison.Report(golden, mine, schema);
            output.Write(string.Concat(lines.Select(line => line + "\n")));
            return exitCode;
        }
        catch (Exception e) when (e is TrajectoryFormatException or GoldenFormatException)
        {
            error.Write($"error: {e.Message}\n");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.Write($"error: {e.Message}\n");
            return 2;
        }
    }

    /// <summary>MINE in whichever form its first line that is not a comment shows: a JSON object, or the CSV header.</summary>
    public static Trajectory ReadMine(string text, string name, Trajectory golden, TrajectorySchema schema)
    {
        List<string> lines = [.. text.Split('\n')];
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.Count == 0)
        {
            throw new TrajectoryFormatException(name, 0, "the file is empty");
        }

        lines = [.. lines.Select(line => line.EndsWith('\r') ? line[..^1] : line)];
        string first = lines.FirstOrDefault(line => !line.StartsWith('#')) ?? "";
        Trajectory mine = first.StartsWith('{')
            ? JsonTrajectoryReader.ReadMine(lines, name, golden, schema)
            : CsvTrajectoryReader.Read(lines, name, schema);
        return mine.Values.Count > 0 ? mine : throw new TrajectoryFormatException(name, 0, "it records no values to compare");
    }

    private static string ReadText(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new TrajectoryFormatException(Path.GetFileName(path), 0, $"not UTF-8 text ({e.Message})");
        }
    }
}
