namespace Verification.Audit.Experiments.Statistics;

/// <summary>Builds plotted series from per-seed curves: the centre line, its 95% band and the seeds it rests on.</summary>
public static class BandedSeries
{
    /// <summary>
    /// The series of curves recorded on <paramref name="seeds"/> at the same <paramref name="x"/>: pointwise mean
    /// (or geometric mean when <paramref name="geometric"/>) with the 95% t-interval as its band.
    /// </summary>
    /// <exception cref="ArgumentException">A curve's length differs from x's, or the seed count from the curve count.</exception>
    public static Series From(string name, double[] x, IReadOnlyList<double[]> curves, IReadOnlyList<ulong> seeds, bool geometric)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentNullException.ThrowIfNull(seeds);
        if (curves.Count != seeds.Count)
        {
            throw new ArgumentException($"{curves.Count} curves but {seeds.Count} seeds for series '{name}'.", nameof(seeds));
        }

        if (curves.Any(c => c.Length != x.Length))
        {
            throw new ArgumentException($"A curve of series '{name}' is not as long as its {x.Length} x values.", nameof(curves));
        }

        SeedInterval[] points = SeedStatistics.Pointwise(curves, geometric);
        return new Series(name, x, points.Select(p => p.Centre).ToArray())
        {
            Lower = points.Select(p => p.Lower).ToArray(),
            Upper = points.Select(p => p.Upper).ToArray(),
            Seeds = seeds.ToArray(),
        };
    }
}
