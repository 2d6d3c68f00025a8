using System.Diagnostics;
using Verification.Gpu;
using Verification.Gpu.Optimizers;
using Verification.GpuCheck.Report;
using Verification.Reference.Optimizers;

namespace Verification.GpuCheck.Benchmarking;

/// <summary>
/// Times optimizer steps on the device next to a float64 STREAM triad of the same length in the same run (the triad is
/// timed before and after the steps, and the median of both is the bound). Data stay on the device; a timing is
/// <see cref="StepsPerTiming"/> launches followed by one clFinish, so the per-launch time does not include a
/// host-device round trip per step. θ = 1 and g = 0.5 everywhere: the values do not matter for the time.
/// </summary>
internal static class StepBenchmark
{
    /// <summary>Launches per timing.</summary>
    public const int StepsPerTiming = 10;

    /// <summary>The entries timed with the full repetitions; the others get a quarter (at least one).</summary>
    public static IReadOnlySet<string> Main { get; } = new HashSet<string>(StringComparer.Ordinal) { "adam", "stochgradadam/masked_adam" };

    /// <summary>Times every catalogue entry in float64, and Adam in float32 too.</summary>
    /// <param name="backend">The device.</param>
    /// <param name="catalogue">The entries, in order.</param>
    /// <param name="size">Parameters per step.</param>
    /// <param name="repetitions">Timings of the main entries.</param>
    /// <param name="progress">Receives one line per timed step.</param>
    public static BenchmarkSummary Run(
        OpenClBackend backend, IReadOnlyList<(string Name, Func<IGradientOptimizer> Create)> catalogue, int size, int repetitions, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(progress);
        using IDeviceVector<double> a = backend.Allocate<double>(size), b = backend.Allocate<double>(size), c = backend.Allocate<double>(size);
        b.Upload(Enumerable.Repeat(1.0, size).ToArray());
        c.Upload(Enumerable.Repeat(2.0, size).ToArray());
        void Triad()
        {
            for (int k = 0; k < StepsPerTiming; k++)
            {
                backend.StreamTriad(a, b, c, 3.0);
            }

            backend.Synchronize();
        }

        Triad();    // builds the element-wise program and touches every array once
        var triadTimes = new List<double>(Time(Triad, repetitions));
        var timed = new List<(string Name, string Precision, int Bytes, double[] Times)>();
        foreach ((string name, Func<IGradientOptimizer> create) in catalogue)
        {
            int reps = Main.Contains(name) ? repetitions : Math.Max(1, repetitions / 4);
            if (backend.SupportsFloat64)
            {
                timed.Add(TimeSteps<double>(backend, name, create(), size, reps));
                progress.WriteLine(Describe(timed[^1]));
            }

            if (name == "adam")
            {
                timed.Add(TimeSteps<float>(backend, name, create(), size, reps));
                progress.WriteLine(Describe(timed[^1]));
            }
        }

        triadTimes.AddRange(Time(Triad, repetitions));
        double triad = Median(triadTimes);
        var rows = timed.Select(t =>
        {
            double step = Median(t.Times);
            return new BenchmarkRow(t.Name, t.Precision, t.Bytes, t.Times.Length, step, t.Bytes * (double)size / step / 1e9, step / (triad * t.Bytes / 24.0));
        }).ToList();
        return new BenchmarkSummary(size, StepsPerTiming, triadTimes.Count, triad, 24.0 * size / triad / 1e9, rows);
    }

    private static (string Name, string Precision, int Bytes, double[] Times) TimeSteps<T>(OpenClBackend backend, string name, IGradientOptimizer reference, int size, int repetitions)
        where T : unmanaged
    {
        using var optimizer = new AcceleratedOptimizer<T>(backend, reference, size);
        if (typeof(T) == typeof(double))
        {
            optimizer.SetParameters((T[])(object)Enumerable.Repeat(1.0, size).ToArray());
            optimizer.Gradient.Upload((T[])(object)Enumerable.Repeat(0.5, size).ToArray());
        }
        else
        {
            optimizer.SetParameters((T[])(object)Enumerable.Repeat(1.0f, size).ToArray());
            optimizer.Gradient.Upload((T[])(object)Enumerable.Repeat(0.5f, size).ToArray());
        }

        void Steps()
        {
            for (int k = 0; k < StepsPerTiming; k++)
            {
                optimizer.StepResident();
            }

            backend.Synchronize();
        }

        Steps();    // builds the programs and touches every buffer once
        return (name, typeof(T) == typeof(double) ? "float64" : "float32", optimizer.NominalBytesPerElement, Time(Steps, repetitions));
    }

    /// <summary>Seconds per launch of each of <paramref name="repetitions"/> timings of <paramref name="batch"/>.</summary>
    private static double[] Time(Action batch, int repetitions)
    {
        var times = new double[repetitions];
        for (int r = 0; r < repetitions; r++)
        {
            long start = Stopwatch.GetTimestamp();
            batch();
            times[r] = Stopwatch.GetElapsedTime(start).TotalSeconds / StepsPerTiming;
        }

        return times;
    }

    private static double Median(IReadOnlyCollection<double> values)
    {
        double[] sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[(n / 2) - 1] + sorted[n / 2]);
    }

    private static string Describe((string Name, string Precision, int Bytes, double[] Times) t) =>
        FormattableString.Invariant($"  timed {t.Name} {t.Precision}: {Median(t.Times) * 1e6:F1} µs per step ({t.Times.Length} timings)");
}
