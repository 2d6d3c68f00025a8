namespace Verification.Audit.Experiments.Statistics;

/// <summary>
/// Trends over a controlled variable, tested across seeds: each seed's curve is reduced to its least-squares slope,
/// and the slopes (independent across seeds) get the usual 95% t-interval. Fitting per seed keeps the seed as the unit
/// of replication, so points of one seed that share its data are not counted as independent.
/// </summary>
public static class SeedTrend
{
    /// <summary>
    /// The ordinary least-squares slope of y against x on each seed, summarised as mean and 95% t-interval over seeds.
    /// An interval entirely above 0 means y grows with x beyond seed-to-seed noise.
    /// </summary>
    /// <param name="x">The controlled variable (at least two distinct values), the same on every seed.</param>
    /// <param name="curves">One array of y values per seed, each as long as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">Fewer than two distinct x, no curves, or a curve of another length.</exception>
    public static SeedInterval Slope(IReadOnlyList<double> x, IReadOnlyList<double[]> curves)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(curves);
        if (x.Distinct().Count() < 2)
        {
            throw new ArgumentException("A slope needs at least two distinct x values.", nameof(x));
        }

        if (curves.Count == 0 || curves.Any(c => c.Length != x.Count))
        {
            throw new ArgumentException($"Curves must be non-empty and each as long as the {x.Count} x values.", nameof(curves));
        }

        double meanX = x.Average();
        double sxx = x.Sum(v => (v - meanX) * (v - meanX));
        double[] slopes = curves.Select(y =>
        {
            double meanY = y.Average();
            double sxy = 0.0;
            for (int i = 0; i < y.Length; i++)
            {
                sxy += (x[i] - meanX) * (y[i] - meanY);
            }

            return sxy / sxx;
        }).ToArray();
        return SeedStatistics.Mean(slopes);
    }
}
