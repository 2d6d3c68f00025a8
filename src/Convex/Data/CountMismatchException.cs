using System.Globalization;

namespace Verification.Convex.Data;

/// <summary>
/// Two files that must describe the same examples disagree on how many there are (IDX images against labels), or a
/// file holds a different number of records than its header or the official release states.
/// </summary>
public sealed class CountMismatchException : DataFormatException
{
    /// <summary>Creates the exception; <paramref name="position"/> is where the count of <paramref name="fileName"/> is stored.</summary>
    public CountMismatchException(string fileName, long position, DataPositionKind kind, long actual, string otherSource, long expected)
        : base(fileName, position, kind,
            $"holds {actual.ToString(CultureInfo.InvariantCulture)} records but {otherSource} says {expected.ToString(CultureInfo.InvariantCulture)}")
    {
        Actual = actual;
        Expected = expected;
        OtherSource = otherSource;
    }

    /// <summary>The count found in this file.</summary>
    public long Actual { get; }

    /// <summary>The count required by the other source.</summary>
    public long Expected { get; }

    /// <summary>What the count was compared against (the other file, or the header).</summary>
    public string OtherSource { get; }
}
