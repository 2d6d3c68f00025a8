using System.Globalization;

namespace Verification.Audit.Experiments.Support;

/// <summary>Invariant-culture number formatting for setup, findings and tables.</summary>
internal static class Text
{
    public static string G(double value, int digits = 4) => value.ToString("G" + digits, CultureInfo.InvariantCulture);

    public static string F(double value, int decimals = 3) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Maps a sub-task's progress into a slice [start, start + width] of the experiment's progress.</summary>
internal sealed class ProgressSlice(IProgress<(double Fraction, string Status)> sink, double start, double width)
    : IProgress<(double Fraction, string Status)>
{
    public void Report(double fraction, string status) =>
        sink.Report((Math.Clamp(start + width * Math.Clamp(fraction, 0.0, 1.0), 0.0, 1.0), status));

    public void Report((double Fraction, string Status) value) => Report(value.Fraction, value.Status);

    /// <summary>The sub-slice [start + a·width, start + (a + w)·width].</summary>
    public ProgressSlice Slice(double from, double size) => new(this, from, size);
}
