using Verification.Convex.Objectives;
using Verification.Convex.Online;
using Verification.Convex.Optima;
using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;
using Verification.Reference.Problems;
using Verification.Reference.Sampling;
using Verification.Reference.Validation;

namespace Verification.Convex.Regret;

/// <summary>
/// Runs an optimizer of <c>Verification.Reference</c> for T steps and measures its regret
/// R(T) = Σ_t f_t(θ_t) − f_t(θ*) (DASGrad Section 2; Reddi et al. 2018 Section 2) together with the constants the
/// theorems assume. θ_t is the iterate at which the step's gradient is taken, before the update.
/// </summary>
/// <remarks>
/// The optimizer must project onto the same feasible set as the problem (its <c>Box</c> option); the harness does not
/// project for it, so that what is measured is exactly what the optimizer does. The moment buffers are read by their
/// state names "m", "v" and "vhat" (the names the optimizer state uses in checkpoints).
/// </remarks>
public static class RegretHarness
{
    private const string M = "m";
    private const string V = "v";
    private const string VHat = "vhat";

    /// <summary>
    /// Runs a gradient optimizer on an online problem: each step feeds g_t = ∇f_t(θ_t). For
    /// <see cref="StochGradAdam"/> the recorded fed gradient is Ω_t ⊙ g_t, its mask applied to g_t.
    /// </summary>
    public static RegretRun Run(IGradientOptimizer optimizer, IOnlineProblem problem, RegretRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        int d = problem.Dimension;
        double[] comparator = ComparatorFor(problem, options);
        double[] theta = StartFor(problem.FeasibleSet, options);
        OptimizerState state = optimizer.Init(d);
        var accumulator = new Accumulator(d, comparator, options);
        var g = new double[d];
        for (long t = 1; t <= options.Steps; t++)
        {
            double loss = problem.Loss(t, theta);
            double comparatorLoss = problem.Loss(t, comparator);
            problem.Gradient(t, theta, g);
            double[] fed = (double[])g.Clone();
            if (optimizer is StochGradAdam masked)
            {
                bool[] keep = masked.Mask(t, d);
                for (int j = 0; j < d; j++)
                {
                    fed[j] = keep[j] ? fed[j] : 0.0;
                }
            }

            double[] before = (double[])theta.Clone();
            optimizer.Step(state, theta, g);
            accumulator.Add(t, loss, comparatorLoss, before, g, fed, MaxAbs(g), state, null);
        }

        return accumulator.Finish(optimizer.Name, theta, state);
    }

    /// <summary>
    /// Runs a finite-sum optimizer (DASGrad, ap-SGD) on F = (1/n) Σ f_i over <paramref name="feasibleSet"/>, the ERM
    /// setting f_t ≡ F. Each step costs one full pass for F(θ_t) and ∇F(θ_t) besides the optimizer's own work.
    /// </summary>
    public static RegretRun Run<TObjective>(IFiniteSumOptimizer optimizer, TObjective problem, BoxConstraint feasibleSet, RegretRunOptions options)
        where TObjective : IFiniteSumObjective, ISmoothConvexObjective
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(feasibleSet);
        ArgumentNullException.ThrowIfNull(options);
        IFiniteSumObjective sum = problem;
        ISmoothConvexObjective smooth = problem;
        int d = sum.Dimension;
        var online = new FiniteSumOnlineProblem(smooth, feasibleSet);
        double[] comparator = ComparatorFor(online, options);
        double comparatorLoss = smooth.Value(comparator);
        double[] theta = StartFor(feasibleSet, options);
        OptimizerState state = optimizer.Init(sum);
        var accumulator = new Accumulator(d, comparator, options);
        var full = new double[d];
        var example = new double[d];
        for (long t = 1; t <= options.Steps; t++)
        {
            double loss = smooth.ValueAndGradient(theta, full);
            double[] before = (double[])theta.Clone();
            SampledBatch batch = optimizer.Step(state, theta, sum);
            double rawMax = 0.0;
            foreach (int i in batch.Indices)
            {
                sum.ExampleGradient(i, before, example);
                rawMax = Math.Max(rawMax, MaxAbs(example));
            }

            accumulator.Add(t, loss, comparatorLoss, before, full, batch.FedGradient, rawMax, state, batch);
        }

        return accumulator.Finish(optimizer.Name, theta, state);
    }

    private static double[] ComparatorFor(IOnlineProblem problem, RegretRunOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Steps, 1L);
        if (options.Comparator is not null)
        {
            Guard.SameLength("comparator", options.Comparator.Count, "problem dimension", problem.Dimension);
            return options.Comparator.ToArray();
        }

        return HindsightComparator.BestFixedPoint(problem, options.Steps).Theta;
    }

    private static double[] StartFor(BoxConstraint box, RegretRunOptions options)
    {
        double[] theta = options.Start?.ToArray() ?? new double[box.Dimension];
        Guard.SameLength("start", theta.Length, "problem dimension", box.Dimension);
        box.Project(theta);
        return theta;
    }

    private static double MaxAbs(ReadOnlySpan<double> v)
    {
        double max = 0.0;
        foreach (double x in v)
        {
            max = Math.Max(max, Math.Abs(x));
        }

        return max;
    }

    private static double[]? BufferOrNull(OptimizerState state, string name) =>
        state.BufferNames.Contains(name) ? (double[])state.Buffer(name).Clone() : null;

    // Streaming sums, so that the constants need no stored vectors.
    private sealed class Accumulator(int d, double[] comparator, RegretRunOptions options)
    {
        private readonly List<RegretStep> _steps = [];
        private readonly List<double> _cumulative = [];
        private readonly double[] _fedSquares = new double[d];
        private readonly double[] _rawSquares = new double[d];
        private double _regret;
        private double _linearFed;
        private double _linearRaw;
        private double _gRaw;
        private double _gFed;
        private double _d2;
        private double _dInf;
        private long _count;

        public void Add(long t, double loss, double comparatorLoss, double[] theta, double[] raw, double[] fed, double rawMax, OptimizerState state, SampledBatch? batch)
        {
            _count = t;
            _regret += loss - comparatorLoss;
            _cumulative.Add(_regret);
            double dist2 = 0.0;
            for (int j = 0; j < d; j++)
            {
                double diff = theta[j] - comparator[j];
                _linearFed += fed[j] * diff;
                _linearRaw += raw[j] * diff;
                _fedSquares[j] += fed[j] * fed[j];
                _rawSquares[j] += raw[j] * raw[j];
                dist2 += diff * diff;
                _dInf = Math.Max(_dInf, Math.Abs(diff));
                _gFed = Math.Max(_gFed, Math.Abs(fed[j]));
            }

            _d2 = Math.Max(_d2, Math.Sqrt(dist2));
            _gRaw = Math.Max(_gRaw, rawMax);
            _steps.Add(new RegretStep
            {
                Step = t,
                Loss = loss,
                ComparatorLoss = comparatorLoss,
                Theta = options.RecordVectors ? theta : null,
                RawGradient = options.RecordVectors ? (double[])raw.Clone() : null,
                FedGradient = options.RecordVectors ? (double[])fed.Clone() : null,
                M = options.RecordMoments ? BufferOrNull(state, M) : null,
                V = options.RecordMoments ? BufferOrNull(state, V) : null,
                VHat = options.RecordMoments ? BufferOrNull(state, VHat) : null,
                Indices = batch?.Indices,
                Weights = batch?.Weights,
            });
        }

        public RegretRun Finish(string name, double[] finalTheta, OptimizerState state)
        {
            double[]? second = BufferOrNull(state, VHat) ?? BufferOrNull(state, V);
            return new RegretRun
            {
                Optimizer = name,
                Steps = _steps,
                Comparator = comparator,
                Regret = _regret,
                CumulativeRegret = [.. _cumulative],
                LinearizedRegretFed = _linearFed,
                LinearizedRegretRaw = _linearRaw,
                FinalTheta = finalTheta,
                Constants = new MeasuredConstants
                {
                    GInfinityRaw = _gRaw,
                    GInfinityFed = _gFed,
                    D = _d2,
                    DInfinity = _dInf,
                    FedCoordinateHistoryNorms = _fedSquares.Select(Math.Sqrt).ToArray(),
                    RawCoordinateHistoryNorms = _rawSquares.Select(Math.Sqrt).ToArray(),
                    SumSqrtTVHat = second?.Sum(v => Math.Sqrt(_count * v)),
                },
            };
        }
    }
}
