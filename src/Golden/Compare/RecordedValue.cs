namespace Verification.Golden.Compare;

/// <summary>One recorded value: a double, an integer, or a boolean (held as 0 or 1).</summary>
/// <param name="Kind">The field's kind.</param>
/// <param name="Double">The value of a <see cref="ValueKind.Double"/>.</param>
/// <param name="Integer">The value of an <see cref="ValueKind.Integer"/> or <see cref="ValueKind.Boolean"/>.</param>
internal readonly record struct RecordedValue(ValueKind Kind, double Double, long Integer)
{
    /// <summary>A double.</summary>
    public static RecordedValue Of(double value) => new(ValueKind.Double, value, 0);

    /// <summary>An integer.</summary>
    public static RecordedValue Of(long value) => new(ValueKind.Integer, 0.0, value);

    /// <summary>A boolean.</summary>
    public static RecordedValue Of(bool value) => new(ValueKind.Boolean, 0.0, value ? 1 : 0);

    /// <summary>Same bits (any NaN equals any NaN), same integer, same boolean.</summary>
    public bool SameAs(RecordedValue other) => Kind == ValueKind.Double
        ? BitConverter.DoubleToInt64Bits(Double) == BitConverter.DoubleToInt64Bits(other.Double) || (double.IsNaN(Double) && double.IsNaN(other.Double))
        : Integer == other.Integer;

    /// <summary>As the report shows it: a double as its shortest decimal and its bit pattern, "0.1 (3fb999999999999a)".</summary>
    public string Text() => Kind switch
    {
        ValueKind.Double => $"{DoubleText.Shortest(Double)} ({Format.GoldenDouble.Hex(Double)})",
        ValueKind.Boolean => Integer == 1 ? "true" : "false",
        _ => Integer.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
