using System.Globalization;

namespace Verification.Convex.Data;

/// <summary>An IDX file starts with a magic number other than the one its role requires.</summary>
public sealed class BadMagicNumberException : DataFormatException
{
    /// <summary>Creates the exception; the magic number sits at byte offset 0.</summary>
    public BadMagicNumberException(string fileName, int expected, int actual)
        : base(fileName, 0, DataPositionKind.ByteOffset,
            $"magic number is 0x{actual.ToString("X8", CultureInfo.InvariantCulture)}, expected 0x{expected.ToString("X8", CultureInfo.InvariantCulture)}")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The magic number the format requires.</summary>
    public int Expected { get; }

    /// <summary>The magic number found.</summary>
    public int Actual { get; }
}
