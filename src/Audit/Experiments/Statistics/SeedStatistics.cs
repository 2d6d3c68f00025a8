using MathNet.Numerics.Distributions;

namespace Verification.Audit.Experiments.Statistics;

/// <summary>A centre and a 95% interval over seeds.</summary>
/// <param name="Centre">The mean (or geometric mean).</param>
/// <param name="Lower">Lower end of the interval.</param>
/// <param name="Upper">Upper end of the interval.</param>
/// <param name="Count">Seeds summarised.</param>
public readonly record struct SeedInterval(double Centre, double Lower, double Upper, int Count)
{
    /// <summary>"1.23 [1.10, 1.36]" with <paramref name="digits"/> significant digits.</summary>
    public string Format(int digits = 3) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{Centre.ToString("G" + digits, System.Globalization.CultureInfo.InvariantCulture)} [{Lower.ToString("G" + digits, System.Globalization.CultureInfo.InvariantCulture)}, {Upper.ToString("G" + digits, System.Globalization.CultureInfo.InvariantCulture)}]");

    /// <summary>Whether the interval lies entirely above <paramref name="value"/>.</summary>
    public bool Above(double value) => Lower > value;

    /// <summary>Whether the interval lies entirely below <paramref name="value"/>.</summary>
    public bool Below(double value) => Upper < value;
}

/// <summary>
/// Summaries over independent seeds. Intervals are Student-t 95% intervals of the mean, the textbook choice for a
/// handful of independent replicates. Quantities that span orders of magnitude and are positive (suboptimality,
/// regret ratios) are summarised on the log scale: geometric mean with the t-interval of the mean log, mapped back, so
/// the band is never negative and is symmetric on a log axis.
/// </summary>
public static class SeedStatistics
{
    /// <summary>The interval's coverage.</summary>
    public const double Level = 0.95;

    /// <summary>What the bands of an arithmetic summary are, for figure captions.</summary>
    public static string MeanBand(int seeds) => $"mean and 95% t-interval of the mean over {seeds} seeds";

    /// <summary>What the bands of a geometric summary are, for figure captions.</summary>
    public static string GeometricBand(int seeds) => $"geometric mean and 95% t-interval (on log values) over {seeds} seeds";

    /// <summary>Mean and 95% t-interval of the mean; one value gives a zero-width interval.</summary>
    /// <exception cref="ArgumentException">No values, or a value that is not finite.</exception>
    public static SeedInterval Mean(IReadOnlyList<double> values)
    {
        Check(values);
        int n = values.Count;
        double mean = values.Average();
        if (n == 1)
        {
            return new SeedInterval(mean, mean, mean, 1);
        }

        double variance = values.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        double half = StudentT.InvCDF(0.0, 1.0, n - 1, 0.5 + Level / 2) * Math.Sqrt(variance / n);
        return new SeedInterval(mean, mean - half, mean + half, n);
    }

    /// <summary>Geometric mean and the 95% t-interval of the mean log, mapped back; values must be positive.</summary>
    /// <exception cref="ArgumentException">No values, or a value that is not finite and positive.</exception>
    public static SeedInterval Geometric(IReadOnlyList<double> values)
    {
        Check(values);
        foreach (double v in values)
        {
            if (v <= 0)
            {
                throw new ArgumentException($"A geometric summary needs positive values; got {v}.", nameof(values));
            }
        }

        SeedInterval log = Mean(values.Select(v => Math.Log(v)).ToArray());
        return new SeedInterval(Math.Exp(log.Centre), Math.Exp(log.Lower), Math.Exp(log.Upper), log.Count);
    }

    /// <summary>
    /// A paired comparison over seeds: the ratio a_s / b_s of positive values run on the same seed, as a geometric mean
    /// with its 95% interval. An interval entirely below 1 means a is smaller on these seeds beyond seed-to-seed noise.
    /// </summary>
    /// <exception cref="ArgumentException">The two lists differ in length, or hold non-positive values.</exception>
    public static SeedInterval PairedRatio(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"Paired values need equal counts: {a.Count} and {b.Count}.", nameof(b));
        }

        return Geometric(a.Zip(b, (x, y) => x / y).ToArray());
    }

    /// <summary>A paired difference a_s − b_s over seeds: mean and 95% t-interval.</summary>
    public static SeedInterval PairedDifference(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"Paired values need equal counts: {a.Count} and {b.Count}.", nameof(b));
        }

        return Mean(a.Zip(b, (x, y) => x - y).ToArray());
    }

    /// <summary>Pointwise summaries of curves recorded at the same x values on every seed.</summary>
    /// <param name="curves">One array per seed, all of the same length.</param>
    /// <param name="geometric">Geometric (log-scale) summary instead of arithmetic.</param>
    public static SeedInterval[] Pointwise(IReadOnlyList<double[]> curves, bool geometric)
    {
        ArgumentNullException.ThrowIfNull(curves);
        if (curves.Count == 0 || curves.Any(c => c.Length != curves[0].Length))
        {
            throw new ArgumentException("Curves must be non-empty and of equal length.", nameof(curves));
        }

        return Enumerable.Range(0, curves[0].Length)
            .Select(i => geometric ? Geometric(curves.Select(c => c[i]).ToArray()) : Mean(curves.Select(c => c[i]).ToArray()))
            .ToArray();
    }

    private static void Check(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("No values to summarise.", nameof(values));
        }

        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"A value to summarise is not finite: {v}.", nameof(values));
            }
        }
    }
}
