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
