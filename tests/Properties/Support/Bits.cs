using System.Globalization;

namespace Verification.Properties.Support;

/// <summary>Bitwise comparison helpers: "equal" in this suite means the same 64-bit pattern.</summary>
public static class Bits
{
    /// <summary>Describes the first index where two arrays differ in any bit, or null.</summary>
    public static string? FirstDifference(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        if (expected.Length != actual.Length)
        {
            return $"length {expected.Length} vs {actual.Length}";
        }

        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
            {
                return string.Create(CultureInfo.InvariantCulture, $"index {i}: {expected[i]:R} vs {actual[i]:R}");
            }
        }

        return null;
    }

    /// <summary>Asserts bitwise equality with a message naming the first difference.</summary>
    public static void Equal(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what)
    {
        string? difference = FirstDifference(expected, actual);
        Assert.True(difference is null, $"{what} differs at {difference}");
    }
}
