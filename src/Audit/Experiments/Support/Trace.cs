using System.Diagnostics;
using Verification.Audit.Experiments.Runs;
using Verification.Reference.Optimizers;
using Verification.Reference.Problems;
using Verification.Reference.Sampling;

namespace Verification.Audit.Experiments.Support;

/// <summary>
/// One optimizer run recorded at evaluation points: steps taken, per-example gradient evaluations spent by the
/// optimizer (B per step, plus n per full-pass refresh for DASGrad), optimizer wall-clock seconds (evaluations of the
/// metrics excluded) and the metric values at θ after that many steps.
/// </summary>
internal sealed class Trace(string name)
{
    public string Name { get; } = name;

    public List<double> Steps { get; } = [];

    public List<double> Evaluations { get; } = [];

    public List<double> Seconds { get; } = [];

    public List<double[]> Metrics { get; } = [];

    public double[] Metric(int k) => Metrics.Select(m => m[k]).ToArray();

    public double Final(int k) => Metrics[^1][k];

    /// <summary>The same record under another legend name.</summary>
    public Trace Renamed(string name)
    {
        var copy = new Trace(name);
        copy.Steps.AddRange(Steps);
        copy.Evaluations.AddRange(Evaluations);
        copy.Seconds.AddRange(Seconds);
        copy.Metrics.AddRange(Metrics);
        return copy;
    }

    public Series Against(double[] x, int metric) => new(Name, x, Metric(metric));

    public Series VsSteps(int metric) => Against(Steps.ToArray(), metric);

    public Series VsEvaluations(int metric) => Against(Evaluations.ToArray(), metric);

    public Series VsSeconds(int metric) => Against(Seconds.ToArray(), metric);

    /// <summary>The trace as a run record: columns step, evaluations, seconds (wall clock), then <paramref name="metricNames"/>.</summary>
    public RunRecord ToRecord(params string[] metricNames)
    {
        var record = new RunRecord(["step", "evaluations", "seconds", .. metricNames], ["seconds"]);
        for (int i = 0; i < Steps.Count; i++)
        {
            if (Metrics[i].Length != metricNames.Length)
            {
                throw new ArgumentException($"{metricNames.Length} metric names for {Metrics[i].Length} metrics.", nameof(metricNames));
            }

            record.Add([Steps[i], Evaluations[i], Seconds[i], .. Metrics[i]]);
        }

        return record;
    }

    /// <summary>The trace a run record holds (what <see cref="ToRecord"/> wrote).</summary>
    public static Trace FromRecord(string name, RunRecord record, params string[] metricNames)
    {
        ArgumentNullException.ThrowIfNull(record);
        var trace = new Trace(name);
        double[] steps = record.Column("step"), evaluations = record.Column("evaluations"), seconds = record.Column("seconds");
        double[][] metrics = metricNames.Select(record.Column).ToArray();
        for (int i = 0; i < steps.Length; i++)
        {
            trace.Record((long)steps[i], (long)evaluations[i], seconds[i], metrics.Select(m => m[i]).ToArray());
        }

        return trace;
    }

    internal void Record(long step, long evaluations, double seconds, double[] metrics)
    {
        Steps.Add(step);
        Evaluations.Add(evaluations);
        Seconds.Add(seconds);
        Metrics.Add(metrics);
    }
}

/// <summary>Runs optimizers on finite sums and records <see cref="Trace"/>s.</summary>
internal static class TraceRunner
{
    /// <summary>Whether step t is an evaluation point (t = 0, every <paramref name="every"/> steps, and the last).</summary>
    public static bool IsEvaluationPoint(long t, long steps, int every) => t == 0 || t == steps || t % every == 0;

    /// <summary>A gradient optimizer fed uniform mini-batch gradients.</summary>
    public static Trace RunGradient(
        string name, IGradientOptimizer optimizer, IFiniteSumObjective problem, Func<double[], double[]> evaluate,
        long steps, int evaluateEvery, int batchSize, ulong seed, GradientDevice device, CancellationToken cancellation, double[]? start = null,
        Action<long, double[]>? observe = null)
    {
        var trace = new Trace(name);
        double[] theta = start is null ? new double[problem.Dimension] : (double[])start.Clone();
        var batches = new MiniBatches(problem, batchSize, seed);
        var gradient = new double[problem.Dimension];
        using IGradientStepper stepper = device.Stepper(optimizer, theta);
        var clock = new Stopwatch();
        long evaluations = 0;
        trace.Record(0, 0, 0.0, evaluate(theta));
        for (long t = 1; t <= steps; t++)
        {
            cancellation.ThrowIfCancellationRequested();
            clock.Start();
            batches.Gradient(t, theta, gradient);
            stepper.Step(theta, gradient);
            clock.Stop();
            evaluations += batchSize;
            if (IsEvaluationPoint(t, steps, evaluateEvery))
            {
                trace.Record(t, evaluations, clock.Elapsed.TotalSeconds, evaluate(theta));
                observe?.Invoke(t, theta);
            }
        }

        return trace;
    }

    /// <summary>A finite-sum optimizer (DASGrad) that samples its own examples.</summary>
    public static Trace RunFiniteSum(
        string name, IFiniteSumOptimizer optimizer, IFiniteSumObjective problem, Func<double[], double[]> evaluate,
        long steps, int evaluateEvery, CancellationToken cancellation, double[]? start = null)
    {
        var trace = new Trace(name);
        double[] theta = start is null ? new double[problem.Dimension] : (double[])start.Clone();
        OptimizerState state = optimizer.Init(problem);
        var clock = new Stopwatch();
        long evaluations = 0;
        trace.Record(0, 0, 0.0, evaluate(theta));
        for (long t = 1; t <= steps; t++)
        {
            cancellation.ThrowIfCancellationRequested();
            clock.Start();
            SampledBatch batch = optimizer.Step(state, theta, problem);
            clock.Stop();
            evaluations += batch.Indices.Length + batch.NormEvaluations;
            if (IsEvaluationPoint(t, steps, evaluateEvery))
            {
                trace.Record(t, evaluations, clock.Elapsed.TotalSeconds, evaluate(theta));
            }
        }

        return trace;
    }
}
