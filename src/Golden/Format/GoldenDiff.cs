using System.Text.Json;

namespace Verification.Golden.Format;

/// <summary>
/// Structural comparison of golden content: finds the first differing field (in file order) and describes both
/// sides, doubles as "text (bit pattern)".
/// </summary>
internal static class GoldenDiff
{
    /// <summary>Compares two whole golden texts line by line; throws at the first difference.</summary>
    /// <param name="expected">The text that is right by definition (the verified file, or the reference's replay).</param>
    /// <param name="actual">The text under test.</param>
    /// <param name="file">The file name that messages name.</param>
    /// <exception cref="GoldenMismatchException">The first difference.</exception>
    /// <exception cref="GoldenFormatException">Either text is not well-formed.</exception>
    public static void Compare(string expected, string actual, string file)
    {
        IReadOnlyList<JsonDocument> want = GoldenText.Parse(expected, file);
        IReadOnlyList<JsonDocument> have = GoldenText.Parse(actual, file);
        try
        {
            for (int i = 0; i < Math.Max(want.Count, have.Count); i++)
            {
                var at = new GoldenLocation(file, i + 1, "");
                if (i >= have.Count)
                {
                    throw new GoldenMismatchException(at with { LineKind = GoldenText.KindOf(want[i].RootElement) }, "another line", "the end of the file");
                }

                if (i >= want.Count)
                {
                    throw new GoldenMismatchException(at with { LineKind = GoldenText.KindOf(have[i].RootElement) }, "the end of the file", "another line");
                }

                Throw(First(want[i].RootElement, have[i].RootElement, at with { LineKind = GoldenText.KindOf(want[i].RootElement) }));
            }
        }
        finally
        {
            foreach (JsonDocument document in want.Concat(have))
            {
                document.Dispose();
            }
        }
    }

    /// <summary>Throws the mismatch if there is one.</summary>
    public static void Throw(GoldenDifference? difference, string? note = null)
    {
        if (difference is { } d)
        {
            throw new GoldenMismatchException(d.At, d.Expected, d.Actual, note);
        }
    }

    /// <summary>The first difference between two JSON values, or null when they are the same.</summary>
    public static GoldenDifference? First(JsonElement expected, JsonElement actual, GoldenLocation at)
    {
        if (GoldenDouble.Looks(expected) && GoldenDouble.Looks(actual))
        {
            string e = Describe(expected), a = Describe(actual);
            return e == a ? null : new(at, e, a, Structural: false);
        }

        if (expected.ValueKind != actual.ValueKind)
        {
            return new(at, Describe(expected), Describe(actual), Structural: true);
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in expected.EnumerateObject())
                {
                    if (!actual.TryGetProperty(property.Name, out JsonElement theirs))
                    {
                        return new(at.Child(property.Name), Describe(property.Value), "no such field (missing)", Structural: true);
                    }

                    if (First(property.Value, theirs, at.Child(property.Name)) is { } inner)
                    {
                        return inner;
                    }
                }

                foreach (JsonProperty property in actual.EnumerateObject())
                {
                    if (!expected.TryGetProperty(property.Name, out _))
                    {
                        return new(at.Child(property.Name), "no such field", Describe(property.Value) + " (unexpected field)", Structural: true);
                    }
                }

                return null;
            case JsonValueKind.Array:
                int n = expected.GetArrayLength(), m = actual.GetArrayLength();
                for (int i = 0; i < Math.Min(n, m); i++)
                {
                    if (First(expected[i], actual[i], at.Index(i)) is { } inner)
                    {
                        return inner;
                    }
                }

                return n == m ? null : new(at, $"an array of length {n}", $"an array of length {m}", Structural: true);
            default:
                return expected.GetRawText() == actual.GetRawText() ? null : new(at, Describe(expected), Describe(actual), Structural: false);
        }
    }

    /// <summary>A short readable rendering: a golden double as "r (x)", anything else as its JSON text.</summary>
    public static string Describe(JsonElement element)
    {
        if (GoldenDouble.Looks(element) && element.GetProperty("r").ValueKind == JsonValueKind.String && element.GetProperty("x").ValueKind == JsonValueKind.String)
        {
            return $"{element.GetProperty("r").GetString()} ({element.GetProperty("x").GetString()})";
        }

        string raw = element.GetRawText();
        return raw.Length <= 80 ? raw : raw[..80] + "…";
    }
}

/// <summary>The first difference between two golden values.</summary>
/// <param name="At">Where.</param>
/// <param name="Expected">The expected value, described.</param>
/// <param name="Actual">The value found, described.</param>
/// <param name="Structural">True for a missing or unexpected field, an array length or a JSON kind; false for a value.</param>
internal sealed record GoldenDifference(GoldenLocation At, string Expected, string Actual, bool Structural);
