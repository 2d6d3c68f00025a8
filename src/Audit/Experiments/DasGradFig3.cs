using Verification.Audit.Experiments.Runs;
using Verification.Audit.Experiments.Support;
using Verification.Convex.Data.Mnist;
using Verification.Convex.Objectives;
using Verification.Convex.Online;
using Verification.Reference.Optimizers;
using Verification.Reference.Sampling;

namespace Verification.Audit.Experiments;

/// <summary>
/// DASGrad Fig. 3 (§6, sample-selection bias): MNIST with 90% of two digits removed, trained by DASGrad with the paper's
/// importance weights as printed (both readings), the correct class-prior-shift weights, and no re-weighting, every arm
/// on every evaluation seed; test loss, balanced test accuracy and the reduced digits' accuracy against iterations, and
/// paired comparisons of each weighting against none.
/// </summary>
public sealed class DasGradFig3 : IExperiment
{
    internal const int BatchSize = 32;
    internal const int RefreshPeriod = 10;
    internal const double Alpha = 0.03;
    internal const double Lambda = 1e-3;
    internal const double RemovedFraction = 0.9;
    private const string Version = "v2";

    /// <summary>The metrics each run records at its evaluation points: test loss, balanced and plain accuracy, then per-class accuracy.</summary>
    internal static readonly string[] Metrics = ["test-loss", "balanced-accuracy", "accuracy", .. Enumerable.Range(0, MnistDataset.ClassCount).Select(c => $"class-{c}")];

    /// <summary>The arms: legend name, run-key part and weighting (null: none).</summary>
    internal static readonly (string Label, string Key, UnbalancedWeighting? Scheme)[] Arms =
    [
        ("no re-weighting", "none", null),
        ("paper as printed, /(n p)", "printed-per-n", UnbalancedWeighting.PaperAsPrintedPerN),
        ("paper as printed, /p", "printed-per-p", UnbalancedWeighting.PaperAsPrinted),
        ("prior shift (correct)", "prior-shift", UnbalancedWeighting.PriorShift),
    ];

    /// <inheritdoc/>
    public string Name => "dasgrad-fig3";

    /// <inheritdoc/>
    public string Title => "DASGrad Fig. 3: unbalanced MNIST with importance weights";

    /// <inheritdoc/>
    public ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var size = new Fig3Size(
            TrainCount: context.Pick<int?>(600, 6_000, null),
            TestCount: context.Pick<int?>(500, null, null),
            Steps: context.Pick(40L, 800L, 1_200L),
            Every: context.Pick(10, 50, 100));
        IReadOnlyList<RunSeed> seeds = context.Seeds.Evaluation;
        UnbalancedMnist first = Unbalance(context, size, seeds[0].Value).Unbalanced;
        string setup = Fig3Text.Setup(context, size, first, seeds.Count);

        var batch = new RunBatch(context, Name);
        foreach ((string label, string key, UnbalancedWeighting? scheme) in Arms)
        {
            foreach (RunSeed seed in seeds)
            {
                string settings = Text.Inv($"{Version} unbalanced-mnist arm={key} train={size.TrainCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all"} test={size.TestCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all"} removed={RemovedFraction:R} digits={string.Join('+', UnbalancedMnist.DefaultReducedDigits)} lambda={Lambda:R} box=1 alpha={Alpha:R} decay=inverse-sqrt beta1=0.9 beta2=0.999 eps=1e-8 batch={BatchSize} refresh={RefreshPeriod} steps={size.Steps} every={size.Every} seed={seed.Value} device={context.Device}");
                batch.Add($"{key}/{seed.Label}", settings, 1.0, token => ArmRun(context, size, label, scheme, seed.Value, token), "seconds");
            }
        }

        BatchResult result = batch.Execute();
        if (!result.Complete)
        {
            return ExperimentResult.Partial(this, setup, result.Records.Count, result.Missing, clock.Elapsed.TotalSeconds);
        }

        Trace[][] traces = Arms.Select(a => seeds.Select(s => Trace.FromRecord(a.Label, result[$"{a.Key}/{s.Label}"], Metrics)).ToArray()).ToArray();
        return Fig3Text.Result(this, context, setup, size, first, seeds, traces, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The training set of <paramref name="seed"/> (its subset at reduced scales, then its removed examples) and the test
    /// set (the full one, or the seed's subset at the tiny scale).
    /// </summary>
    internal static (UnbalancedMnist Unbalanced, MnistDataset Test) Unbalance(ExperimentContext context, Fig3Size size, ulong seed)
    {
        MnistDataset train = Datasets.Mnist(context, MnistSplit.Train, size.TrainCount, seed, purpose: 31);
        MnistDataset test = Datasets.Mnist(context, MnistSplit.Test, size.TestCount, seed, purpose: 32);
        return (UnbalancedMnist.Create(train, test.ClassCounts(), removedFraction: RemovedFraction, seed: seed), test);
    }

    /// <summary>One arm on one seed: DASGrad on f'_i = n a_i f_i from θ_1 = 0, test metrics at the evaluation points.</summary>
    private static RunRecord ArmRun(ExperimentContext context, Fig3Size size, string label, UnbalancedWeighting? scheme, ulong seed, CancellationToken token)
    {
        (UnbalancedMnist unbalanced, MnistDataset test) = Unbalance(context, size, seed);
        // The full test set is the same for every seed, so it is built once; a tiny-scale subset is the seed's own.
        SoftmaxTestSet testSet = context.Shared(
            $"dasgrad-fig3-test/{size.TestCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all"}/{(size.TestCount is null ? 0UL : seed)}",
            () => new SoftmaxTestSet(MultinomialLogisticRegression.FromMnist(test, Lambda)));
        MultinomialLogisticRegression problem = MultinomialLogisticRegression.FromMnist(unbalanced.Data, Lambda);
        int n = unbalanced.Count;
        // DASGrad §6: the weight a_i/p_i of a target mass a_i is DASGrad's own 1/(n p_i) on f'_i = n a_i f_i.
        double[] multipliers = Enumerable.Range(0, n).Select(i => scheme is UnbalancedWeighting w ? n * unbalanced.TargetMass(i, w) : 1.0).ToArray();
        var rule = new AmsGradOptions { LearningRate = Alpha, LearningRateDecay = LearningRateDecay.InverseSqrt, Box = new Box(-1.0, 1.0) };
        var dasgrad = new DasGrad(rule, new ImportanceSamplerOptions { BatchSize = BatchSize, RefreshPeriod = RefreshPeriod, Seed = seed });
        double[] Evaluate(double[] theta)
        {
            var r = testSet.Evaluate(theta);
            return [r.Loss, r.BalancedAccuracy, r.Accuracy, .. r.PerClass];
        }

        Trace trace = TraceRunner.RunFiniteSum(label, dasgrad, new WeightedFiniteSum(problem, multipliers), Evaluate, size.Steps, size.Every, token);
        return trace.ToRecord(Metrics);
    }
}

/// <summary>The sizes of one scale of <see cref="DasGradFig3"/>.</summary>
/// <param name="TrainCount">MNIST training images before removal (null: all 60,000).</param>
/// <param name="TestCount">Test images (null: all 10,000).</param>
/// <param name="Steps">DASGrad steps per run.</param>
/// <param name="Every">Steps between test evaluations.</param>
internal sealed record Fig3Size(int? TrainCount, int? TestCount, long Steps, int Every);
