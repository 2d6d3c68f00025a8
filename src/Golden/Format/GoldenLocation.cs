using System.Globalization;

namespace Verification.Golden.Format;

/// <summary>Where in a golden file something is: file name, 1-based line, the step that line records, a field path.</summary>
/// <param name="File">The file name (for example <c>quadratic-adam.verified.jsonl</c>).</param>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Field">The field path inside the line, as <c>state.buffers.m[2]</c>; empty for the whole line.</param>
internal sealed record GoldenLocation(string File, int Line, string Field)
{
    /// <summary>What the line holds: "header", "step t" or "end line" (line 1 is the header, line t + 1 step t).</summary>
    public string? LineKind { get; init; }

    /// <summary>The location of a named field below this one.</summary>
    public GoldenLocation Child(string name) => this with { Field = Field.Length == 0 ? name : Field + "." + name };

    /// <summary>The location of an array element below this one.</summary>
    public GoldenLocation Index(int i) => this with { Field = Field + string.Create(CultureInfo.InvariantCulture, $"[{i}]") };

    /// <summary>A format error at this location.</summary>
    public GoldenFormatException Format(string problem) => new(this, problem);

    /// <inheritdoc/>
    public override string ToString()
    {
        string where = string.Create(CultureInfo.InvariantCulture, $"{File} line {Line}");
        if (LineKind is not null)
        {
            where += $" ({LineKind})";
        }

        return Field.Length == 0 ? where : $"{where}, field '{Field}'";
    }
}
