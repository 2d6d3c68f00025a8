using System.Globalization;
using System.Text.Json;

namespace Verification.Golden.Format;

/// <summary>Typed access to the fields of a golden line, with errors that name the file, line and field.</summary>
internal static class GoldenJson
{
    /// <summary>The named field; a missing one is a <see cref="GoldenFormatException"/>.</summary>
    public static JsonElement Field(JsonElement element, string name, GoldenLocation at)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw at.Format($"expected an object, found {element.ValueKind}");
        }

        return element.TryGetProperty(name, out JsonElement value) ? value : throw at.Child(name).Format("missing field");
    }

    /// <summary>A golden double field.</summary>
    public static double Double(JsonElement element, string name, GoldenLocation at) => GoldenDouble.Read(Field(element, name, at), at.Child(name));

    /// <summary>An array of golden doubles.</summary>
    public static double[] Doubles(JsonElement element, string name, GoldenLocation at) => Doubles(Field(element, name, at), at.Child(name));

    /// <summary>An array of golden doubles, given the array itself.</summary>
    public static double[] Doubles(JsonElement array, GoldenLocation at)
    {
        Expect(array, JsonValueKind.Array, at);
        return [.. array.EnumerateArray().Select((item, i) => GoldenDouble.Read(item, at.Index(i)))];
    }

    /// <summary>An array of arrays of golden doubles (rows of a matrix, all of one length).</summary>
    public static double[][] Matrix(JsonElement element, string name, GoldenLocation at)
    {
        JsonElement array = Field(element, name, at);
        Expect(array, JsonValueKind.Array, at.Child(name));
        double[][] rows = [.. array.EnumerateArray().Select((row, i) => Doubles(row, at.Child(name).Index(i)))];
        if (rows.Any(r => r.Length != rows[0].Length))
        {
            throw at.Child(name).Format("rows of different lengths");
        }

        return rows;
    }

    /// <summary>A non-negative JSON integer field.</summary>
    public static int Int(JsonElement element, string name, GoldenLocation at)
    {
        JsonElement value = Field(element, name, at);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) && n >= 0
            ? n
            : throw at.Child(name).Format($"expected a non-negative integer, found {GoldenDiff.Describe(value)}");
    }

    /// <summary>An unsigned 64-bit integer written as a decimal string (JSON numbers lose precision above 2^53).</summary>
    public static ulong UInt64(JsonElement element, string name, GoldenLocation at)
    {
        string text = String(element, name, at);
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong n)
            ? n
            : throw at.Child(name).Format($"'{text}' is not an unsigned 64-bit decimal integer");
    }

    /// <summary>A string field.</summary>
    public static string String(JsonElement element, string name, GoldenLocation at)
    {
        JsonElement value = Field(element, name, at);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw at.Child(name).Format($"expected a string, found {value.ValueKind}");
    }

    /// <summary>A boolean field.</summary>
    public static bool Bool(JsonElement element, string name, GoldenLocation at)
    {
        JsonElement value = Field(element, name, at);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw at.Child(name).Format($"expected true or false, found {value.ValueKind}"),
        };
    }

    /// <summary>A string field that must be one of <paramref name="names"/>; returns its position in the list.</summary>
    public static T Choice<T>(JsonElement element, string name, GoldenLocation at, params (string Name, T Value)[] names)
    {
        string text = String(element, name, at);
        foreach ((string n, T v) in names)
        {
            if (n == text)
            {
                return v;
            }
        }

        throw at.Child(name).Format($"'{text}' is not one of: {string.Join(", ", names.Select(n => n.Name))}");
    }

    /// <summary>The element must have the given kind.</summary>
    public static void Expect(JsonElement element, JsonValueKind kind, GoldenLocation at)
    {
        if (element.ValueKind != kind)
        {
            throw at.Format($"expected {kind}, found {element.ValueKind}");
        }
    }

    /// <summary>Writes an array of golden doubles.</summary>
    public static void WriteDoubles(Utf8JsonWriter writer, string name, ReadOnlySpan<double> values)
    {
        writer.WriteStartArray(name);
        foreach (double value in values)
        {
            GoldenDouble.Write(writer, value);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a golden double field.</summary>
    public static void WriteDouble(Utf8JsonWriter writer, string name, double value)
    {
        writer.WritePropertyName(name);
        GoldenDouble.Write(writer, value);
    }
}
