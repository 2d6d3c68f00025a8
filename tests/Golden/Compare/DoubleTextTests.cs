namespace Verification.Golden.Compare;

/// <summary>The CSV's doubles are read as tools/golden/trajectory.py reads them, and printed as Python's repr prints them.</summary>
public class DoubleTextTests
{
    // Each text is what /usr/bin/python3 prints for repr(value) of the double the hex-float names.
    [Theory]
    [InlineData("0x1.999999999999ap-4", "0.1")]
    [InlineData("0x1.4f8b588e368f1p-17", "1e-05")]
    [InlineData("0x1.a36e2eb1c432dp-14", "0.0001")]
    [InlineData("0x1.1c37937e08000p+53", "1e+16")]
    [InlineData("0x1.c6bf526340000p+49", "1000000000000000.0")]
    [InlineData("-0x0.0p+0", "-0.0")]
    [InlineData("0x0.0p+0", "0.0")]
    [InlineData("0x0.0000000000001p-1022", "5e-324")]
    [InlineData("0x1.fffffffffffffp+1023", "1.7976931348623157e+308")]
    [InlineData("0x1.edd2f1a9fbe77p+6", "123.456")]
    [InlineData("0x1.0000000000000p+53", "9007199254740992.0")]
    [InlineData("0x1.12210f47de981p+60", "1.2345678901234568e+18")]
    [InlineData("-0x1.0c6f7a0b5ed8dp-22", "-2.5e-07")]
    [InlineData("0x1.5555555555555p-2", "0.3333333333333333")]
    [InlineData("0x1.9000000000000p+6", "100.0")]
    [InlineData("0x1.3333333333334p-2", "0.30000000000000004")]
    [InlineData("0x1.0000000000000p-1022", "2.2250738585072014e-308")]
    public void Shortest_text_is_python_repr_and_reads_back(string hex, string repr)
    {
        double value = DoubleText.ParseHexFloat(hex)!.Value;
        Assert.Equal(repr, DoubleText.Shortest(value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(DoubleText.ParseCsv(repr)!.Value));
    }

    [Theory]
    [InlineData("0x1p-1074", 5e-324)]
    [InlineData("0X.Cp2", 3.0)]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("1e400", double.PositiveInfinity)]
    [InlineData("-1.5E-3", -0.0015)]
    [InlineData(".5", 0.5)]
    [InlineData("7.", 7.0)]
    public void Csv_values_read_as_python_reads_them(string text, double expected) =>
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(DoubleText.ParseCsv(text)!.Value));

    [Theory]
    [InlineData("0x1p+1024")]
    [InlineData("0x1p-1075")]
    [InlineData("0x3p-1075")]
    [InlineData("0x1.00000000000008p0")]
    [InlineData("0xp0")]
    [InlineData("0x1p")]
    [InlineData("1p0")]
    [InlineData("1,5")]
    [InlineData(" 1")]
    [InlineData("1_000")]
    [InlineData("")]
    public void Values_that_name_no_double_exactly_are_refused(string text) => Assert.Null(DoubleText.ParseCsv(text));

    [Fact]
    public void Nan_reads_as_nan() => Assert.True(double.IsNaN(DoubleText.ParseCsv("NaN")!.Value));

    [Fact]
    public void Ulp_distance_counts_doubles_across_zero()
    {
        Assert.Equal(UInt128.Zero, DoubleText.UlpDistance(0.0, -0.0));
        Assert.Equal(UInt128.One, DoubleText.UlpDistance(1.0, Math.BitIncrement(1.0)));
        Assert.Equal((UInt128)2, DoubleText.UlpDistance(-double.Epsilon, double.Epsilon));
        Assert.Equal(UInt128.Zero, DoubleText.UlpDistance(double.NaN, double.NaN));
        Assert.Null(DoubleText.UlpDistance(double.NaN, 1.0));
    }
}
