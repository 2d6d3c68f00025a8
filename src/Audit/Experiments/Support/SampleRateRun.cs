using Verification.Audit.Experiments.Runs;
using Verification.Convex.Objectives;
using Verification.Reference.Optimizers;

namespace Verification.Audit.Experiments.Support;

/// <summary>One seed's data for the sampling-rate experiment: the training subset's objective and the test subset.</summary>
/// <param name="Problem">Multinomial logistic regression on the seed's training subset.</param>
/// <param name="Test">The seed's test subset.</param>
internal sealed record SampleRateData(MultinomialLogisticRegression Problem, SoftmaxTestSet Test);

/// <summary>
/// One run of the sampling-rate experiment as a record: at every evaluation point the training objective F and the test
/// accuracy; at the matched steps also the mean normalised test entropy (eq (61)) and its histogram (NaN elsewhere).
/// </summary>
internal static class SampleRateRun
{
    /// <summary>Histogram bins of the normalised entropy on [0, 1].</summary>
    public const int Bins = 20;

    /// <summary>The histogram's column names.</summary>
    public static readonly string[] BinColumns = Enumerable.Range(0, Bins).Select(b => $"h{b:D2}").ToArray();

    /// <summary>Runs <paramref name="optimizer"/> and records it.</summary>
    public static RunRecord Record(
        IGradientOptimizer optimizer, SampleRateData data, long steps, int every, int batchSize, long[] matched, ulong seed, GradientDevice device, CancellationToken token)
    {
        var entropies = new Dictionary<long, double[]>();
        void Observe(long t, double[] theta)
        {
            if (matched.Contains(t))
            {
                entropies[t] = data.Test.NormalisedEntropies(theta);
            }
        }

        Trace trace = TraceRunner.RunGradient(
            optimizer.Name, optimizer, data.Problem, theta => [data.Problem.Value(theta), data.Test.Evaluate(theta).Accuracy], steps, every, batchSize, seed, device, token, observe: Observe);
        var record = new RunRecord(["step", "evaluations", "seconds", "F", "test_accuracy", "mean_entropy", .. BinColumns], ["seconds"]);
        for (int i = 0; i < trace.Steps.Count; i++)
        {
            long t = (long)trace.Steps[i];
            double[] histogram = entropies.TryGetValue(t, out double[]? h) ? Histogram(h) : Enumerable.Repeat(double.NaN, Bins).ToArray();
            double mean = h is null ? double.NaN : h.Average();
            record.Add([trace.Steps[i], trace.Evaluations[i], trace.Seconds[i], trace.Metrics[i][0], trace.Metrics[i][1], mean, .. histogram]);
        }

        return record;
    }

    /// <summary>Fractions of <paramref name="values"/> in each of <see cref="Bins"/> equal bins of [0, 1].</summary>
    public static double[] Histogram(double[] values)
    {
        var counts = new double[Bins];
        foreach (double v in values)
        {
            counts[Math.Min((int)(v * Bins), Bins - 1)] += 1.0;
        }

        for (int b = 0; b < Bins; b++)
        {
            counts[b] /= values.Length;
        }

        return counts;
    }

    /// <summary>The row of <paramref name="record"/> at step <paramref name="step"/>.</summary>
    public static double[] Row(RunRecord record, long step) =>
        record.Rows.FirstOrDefault(r => r[0] == step) ?? throw new KeyNotFoundException($"No row at step {step}.");

    /// <summary>Column <paramref name="name"/> at step <paramref name="step"/>.</summary>
    public static double At(RunRecord record, string name, long step) => Row(record, step)[record.Columns.ToList().IndexOf(name)];
}
