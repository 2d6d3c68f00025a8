using Verification.Audit.Experiments.Runs;
using Verification.Audit.Experiments.Statistics;
using Verification.Audit.Experiments.Support;
using Verification.Convex.Data.Mnist;
using Verification.Convex.Objectives;
using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;

namespace Verification.Audit.Experiments;

/// <summary>
/// StochGradAdam's sampling rate s on MNIST logistic regression (masked_adam, the default reading), each s &lt; 1
/// against Adam with the learning rate lr·√s (the effective-rate finding of the variants note, test 7), with training
/// loss and test accuracy against iterations and normalised-entropy histograms of the test predictions (eq (61)) at
/// matched steps, every configuration on every evaluation seed.
/// </summary>
public sealed class SgaSampleRate : IExperiment
{
    /// <summary>The paper's §6.1 learning rate (not tuned here).</summary>
    internal const double LearningRate = 0.01;

    private const int BatchSize = 128;
    private const double Lambda = 1e-3;

    /// <summary>The sampling rates, highest first; s = 1 is Adam at lr.</summary>
    internal static readonly double[] Rates = [1.0, 0.8, 0.6, 0.2];

    /// <inheritdoc/>
    public string Name => "sga-sample-rate";

    /// <inheritdoc/>
    public string Title => "StochGradAdam: sampling rate s against Adam at the effective rate lr·√s (MNIST logistic regression)";

    /// <summary>The legend name of StochGradAdam at rate <paramref name="s"/>.</summary>
    internal static string SgaLabel(double s) => Text.Inv($"StochGradAdam s = {s}");

    /// <summary>The legend name of the Adam control for rate <paramref name="s"/>.</summary>
    internal static string AdamLabel(double s) => Text.Inv($"Adam lr·√{s}");

    /// <inheritdoc/>
    public ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int? trainCount = context.Pick<int?>(300, 5_000, null);
        int? testCount = context.Pick<int?>(200, 2_000, null);
        long steps = context.Pick(30L, 600L, 5_000L);
        int every = context.Pick(5, 60, 500);
        long[] matched = [Math.Max(every, steps / 10 / every * every), steps];   // evaluation points, so θ is observed there
        IReadOnlyList<RunSeed> seeds = context.Seeds.Evaluation;
        using GradientDevice device = GradientDevice.Open(context);

        // Every configuration: (key, legend, optimizer factory for a seed, its learning rate).
        var configs = Rates.Select(s => (Key: Text.Inv($"sga-s={s}"), Label: SgaLabel(s), Rate: s, Lr: LearningRate, Masked: true))
            .Concat(Rates.Where(s => s < 1.0).Select(s => (Key: Text.Inv($"adam-lr-sqrt={s}"), Label: AdamLabel(s), Rate: s, Lr: LearningRate * Math.Sqrt(s), Masked: false)))
            .ToArray();
        var batch = new RunBatch(context, Name);
        foreach (RunSeed seed in seeds)
        {
            SampleRateData Data() => context.Shared(Text.Inv($"{Name}/{seed.Label}/{trainCount}/{testCount}"), () => new SampleRateData(
                MultinomialLogisticRegression.FromMnist(Datasets.Mnist(context, MnistSplit.Train, trainCount, seed.Value, purpose: 41), Lambda),
                new SoftmaxTestSet(MultinomialLogisticRegression.FromMnist(Datasets.Mnist(context, MnistSplit.Test, testCount, seed.Value, purpose: 42), Lambda))));
            foreach (var c in configs)
            {
                string settings = Text.Inv($"v2 mnist-logreg train={trainCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all"} test={testCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all"} lambda={Lambda} {(c.Masked ? $"masked_adam s={c.Rate}" : "adam")} lr={c.Lr:R} beta=(0.9,0.999) eps=1e-8 batch={BatchSize} steps={steps} every={every} matched={string.Join(";", matched)} bins={SampleRateRun.Bins} seed={seed.Value} device={context.Device}");
                IGradientOptimizer Optimizer() => c.Masked
                    ? new StochGradAdam(new StochGradAdamOptions { Variant = StochGradAdamVariant.MaskedAdam, SamplingRate = c.Rate, LearningRate = c.Lr, Seed = seed.Value })
                    : new Adam(new AdamOptions { LearningRate = c.Lr });
                batch.Add($"{c.Key}/{seed.Label}", settings, steps, token => SampleRateRun.Record(Optimizer(), Data(), steps, every, BatchSize, matched, seed.Value, device, token), "seconds");
            }
        }

        string setup = Text.Inv($"""
            {context.ScaleName()}, base seed {context.Seed}; {seeds.Count} evaluation seeds, each choosing the training and test subsets, the mini-batches and the masks (Philox streams keyed by the seed); every configuration runs on every seed. Problem: multinomial logistic regression on {(trainCount is null ? "the MNIST training set" : $"a seed-chosen subset of {Text.N(trainCount.Value)} MNIST training images")}, pixels/255, λ = {Text.G(Lambda)} (L2 in the objective, no weight decay in the optimizer), d = 7,850, unconstrained, θ_1 = 0; test accuracy and entropies on {(testCount is null ? "the MNIST test set" : $"a seed-chosen subset of {Text.N(testCount.Value)} test images")}.
            Optimizers: StochGradAdam variant masked_adam (standard Adam fed φ_t = Ω_t ⊙ g_t, Ω_t i.i.d. Bernoulli(s) from the Philox mask stream), s ∈ {"{"}1, 0.8, 0.6, 0.2{"}"}; for every s < 1 a control, Adam with learning rate lr·√s and no mask. Constant lr = {Text.G(LearningRate)}, the paper's §6.1 value, not tuned (no tuning seeds used; note that the paper's own Fig. 5 sweep used lr 0.001 and batch 256 on CIFAR-10), β₁ = 0.9, β₂ = 0.999, ε = 1e-8, batch {BatchSize} (§6.1) uniform with replacement, {Text.N(steps)} steps (the paper's runs are 300 CIFAR-10 epochs; this horizon was chosen to fit the audit's time budget); F on the training (sub)set and test accuracy every {every} steps. Normalised entropy: eq (61), H(P)/log 10 with natural logs of the softmax test predictions, {SampleRateRun.Bins} equal bins on [0, 1], at steps {string.Join(" and ", matched)}.
            Curves: training objective as {SeedStatistics.GeometricBand(seeds.Count)}; test accuracy as {SeedStatistics.MeanBand(seeds.Count)}; histograms: bars are the mean over the {seeds.Count} seeds of each seed's fraction per bin, with the 95% t-interval as band. Every comparison in the findings is paired over the same seeds.
            """);
        BatchResult result = batch.Execute();
        if (!result.Complete)
        {
            return ExperimentResult.Partial(this, setup, result.Records.Count, result.Missing, clock.Elapsed.TotalSeconds);
        }

        var summary = new SampleRateSummary(seeds, matched, configs.Select(c => (c.Label, seeds.Select(s => result[$"{c.Key}/{s.Label}"]).ToArray())).ToArray());
        setup += " " + device.FullNote;
        return new ExperimentResult(Name, Title, setup, summary.Findings(), summary.Figures(), [summary.Table()], clock.Elapsed.TotalSeconds)
        {
            PaperComparisons = summary.Comparisons(),
        };
    }
}
