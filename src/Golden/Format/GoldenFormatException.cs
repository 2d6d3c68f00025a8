namespace Verification.Golden.Format;

/// <summary>
/// A golden file that cannot be read as the format says: invalid JSON, a truncated file, a missing or unexpected
/// field, or a double whose text and bit pattern disagree. The message names the file, the line and the field.
/// </summary>
internal sealed class GoldenFormatException(GoldenLocation location, string problem)
    : Exception($"{location}: {problem}")
{
    /// <summary>Where the problem is.</summary>
    public GoldenLocation Location { get; } = location;

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; } = problem;
}
