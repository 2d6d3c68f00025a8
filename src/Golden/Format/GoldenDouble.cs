using System.Globalization;
using System.Text.Json;

namespace Verification.Golden.Format;

/// <summary>
/// A double in a golden file: <c>{"r": "round-trip text", "x": "16 hex digits of the 64-bit pattern"}</c>. The text is
/// for people and for parsers that read decimal; the pattern is what is compared. A reader checks that both agree.
/// </summary>
internal static class GoldenDouble
{
    /// <summary>The shortest text that parses back to the same double (.NET's "R"; "Infinity", "-Infinity", "NaN").</summary>
    public static string RoundTrip(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The IEEE 754 bit pattern as 16 lowercase hexadecimal digits.</summary>
    public static string Hex(double value) => BitConverter.DoubleToInt64Bits(value).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>Writes the two-field object.</summary>
    public static void Write(Utf8JsonWriter writer, double value)
    {
        writer.WriteStartObject();
        writer.WriteString("r", RoundTrip(value));
        writer.WriteString("x", Hex(value));
        writer.WriteEndObject();
    }

    /// <summary>Whether an element has the shape of a golden double (an object with exactly r and x).</summary>
    public static bool Looks(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
        && element.EnumerateObject().Count() == 2
        && element.TryGetProperty("r", out _)
        && element.TryGetProperty("x", out _);

    /// <summary>Reads a golden double, checking that the text and the pattern name the same value.</summary>
    /// <exception cref="GoldenFormatException">The element is not a golden double, or r and x disagree.</exception>
    public static double Read(JsonElement element, GoldenLocation at)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw at.Format($"expected a double object {{\"r\": …, \"x\": …}}, found {element.ValueKind}");
        }

        string r = RequiredString(element, "r", at);
        string x = RequiredString(element, "x", at);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (property.Name is not ("r" or "x"))
            {
                throw at.Child(property.Name).Format("unexpected field in a double object");
            }
        }

        if (x.Length != 16 || !x.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
        {
            throw at.Child("x").Format($"'{x}' is not 16 lowercase hexadecimal digits");
        }

        double fromHex = BitConverter.Int64BitsToDouble(long.Parse(x, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        if (!double.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out double fromText))
        {
            throw at.Child("r").Format($"'{r}' is not a decimal double");
        }

        bool agree = double.IsNaN(fromHex)
            ? double.IsNaN(fromText)
            : BitConverter.DoubleToInt64Bits(fromHex) == BitConverter.DoubleToInt64Bits(fromText);
        if (!agree)
        {
            throw at.Format($"r and x disagree: r '{r}' is {Hex(fromText)} but x is {x} ({RoundTrip(fromHex)})");
        }

        return fromHex;
    }

    /// <summary>Checks every golden double inside <paramref name="element"/> (recursively).</summary>
    public static void ValidateAll(JsonElement element, GoldenLocation at)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when element.TryGetProperty("r", out _) || element.TryGetProperty("x", out _):
                Read(element, at);
                break;
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    ValidateAll(property.Value, at.Child(property.Name));
                }

                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    ValidateAll(item, at.Index(i++));
                }

                break;
        }
    }

    private static string RequiredString(JsonElement element, string name, GoldenLocation at)
    {
        if (!element.TryGetProperty(name, out JsonElement value))
        {
            throw at.Child(name).Format("missing field");
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw at.Child(name).Format($"expected a string, found {value.ValueKind}");
    }
}
