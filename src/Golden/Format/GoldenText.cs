using System.Text.Json;

namespace Verification.Golden.Format;

/// <summary>Splits a golden file into its JSON lines, rejecting anything that is not LF-terminated JSON.</summary>
internal static class GoldenText
{
    /// <summary>The parsed lines (1-based line i is element i − 1). Callers dispose the documents.</summary>
    /// <exception cref="GoldenFormatException">Empty, CR line endings, a last line without LF, or a line that is not JSON.</exception>
    public static IReadOnlyList<JsonDocument> Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            throw new GoldenLocation(file, 1, "").Format("the file is empty");
        }

        string[] lines = text.Split('\n');
        var documents = new List<JsonDocument>(lines.Length);
        for (int i = 0; i < lines.Length - 1; i++)
        {
            documents.Add(ParseLine(lines[i], new GoldenLocation(file, i + 1, "")));
        }

        if (lines[^1].Length != 0)
        {
            throw new GoldenLocation(file, lines.Length, "").Format(
                "the last line does not end with LF: the file is truncated (or was saved without its final newline)");
        }

        return documents;
    }

    /// <summary>What a parsed line records: "header", "step t", "end line" or "unknown line".</summary>
    public static string KindOf(JsonElement line) =>
        line.ValueKind != JsonValueKind.Object ? "unknown line"
        : line.TryGetProperty("format", out _) ? "header"
        : line.TryGetProperty("t", out JsonElement t) && t.ValueKind == JsonValueKind.Number ? $"step {t.GetRawText()}"
        : line.TryGetProperty("end", out _) ? "end line"
        : "unknown line";

    private static JsonDocument ParseLine(string line, GoldenLocation at)
    {
        if (line.Contains('\r', StringComparison.Ordinal))
        {
            throw at.Format("carriage return found: golden files use LF line endings only");
        }

        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw at.Format($"not valid JSON (truncated or corrupted line): {e.Message}");
        }
    }
}
