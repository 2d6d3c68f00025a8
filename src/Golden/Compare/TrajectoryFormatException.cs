using System.Globalization;

namespace Verification.Golden.Compare;

/// <summary>
/// A file that <c>golden compare</c> cannot compare: not a golden file, a malformed CSV row, a field or an index that
/// the golden file does not have. The message names the file, the line (when there is one) and the problem.
/// </summary>
internal sealed class TrajectoryFormatException(string file, int line, string problem)
    : Exception(line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{file} line {line}: {problem}") : $"{file}: {problem}")
{
    /// <summary>The file name.</summary>
    public string File { get; } = file;

    /// <summary>The 1-based line, or 0 for the file as a whole.</summary>
    public int Line { get; } = line;

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; } = problem;
}
