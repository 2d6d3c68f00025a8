namespace Verification.Golden.Format;

/// <summary>
/// A well-formed golden file whose content differs from what the reference computes (or from another golden text):
/// names the scenario's file, the line, the step and the first differing field with both values.
/// </summary>
internal sealed class GoldenMismatchException(GoldenLocation location, string expected, string actual, string? note = null)
    : Exception($"{location}: expected {expected}, found {actual}{(note is null ? "" : "\n" + note)}")
{
    /// <summary>Where the first difference is.</summary>
    public GoldenLocation Location { get; } = location;

    /// <summary>The expected value, as text.</summary>
    public string Expected { get; } = expected;

    /// <summary>The value found, as text.</summary>
    public string Actual { get; } = actual;
}
