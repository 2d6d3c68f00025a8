using System.Globalization;

namespace Verification.Convex.Data;

/// <summary>
/// A data file is not what its format requires. The message names the file and the position; the subclasses say
/// which rule was broken, so that callers and tests can tell a truncated file from a wrong header.
/// </summary>
public class DataFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="fileName"/> at <paramref name="position"/>.</summary>
    public DataFormatException(string fileName, long position, DataPositionKind positionKind, string detail, Exception? inner = null)
        : base(Describe(fileName, position, positionKind, detail), inner)
    {
        FileName = fileName;
        Position = position;
        PositionKind = positionKind;
        Detail = detail;
    }

    /// <summary>The file (or folder entry) that is malformed, as given to the reader.</summary>
    public string FileName { get; }

    /// <summary>Where in the file the problem was found; see <see cref="PositionKind"/> for the unit.</summary>
    public long Position { get; }

    /// <summary>Whether <see cref="Position"/> is a byte offset or a line number.</summary>
    public DataPositionKind PositionKind { get; }

    /// <summary>The line number when <see cref="PositionKind"/> is <see cref="DataPositionKind.Line"/>, else null.</summary>
    public long? LineNumber => PositionKind == DataPositionKind.Line ? Position : null;

    /// <summary>The rule that was broken, without the file and position.</summary>
    public string Detail { get; }

    private static string Describe(string fileName, long position, DataPositionKind kind, string detail)
    {
        string where = kind == DataPositionKind.Line
            ? $"line {position.ToString(CultureInfo.InvariantCulture)}"
            : $"byte offset {position.ToString(CultureInfo.InvariantCulture)} (decompressed)";
        return $"Malformed data in '{fileName}' at {where}: {detail}";
    }
}
