using Verification.Audit.Experiments.Support;
using Verification.Convex.Data.Mnist;
using Verification.Convex.Objectives;
using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;

namespace Verification.Audit.Experiments;

/// <summary>
/// StochGradAdam's sampling rate s on MNIST logistic regression (masked_adam, the default reading), each s &lt; 1
/// against Adam with the learning rate lr·√s (the effective-rate finding of the variants note, test 7), with training
/// loss against iterations and normalised-entropy histograms of the test predictions (eq (61)) at matched steps.
/// </summary>
public sealed class SgaSampleRate : IExperiment
{
    private const double LearningRate = 0.01;
    private const int BatchSize = 128;
    private const double Lambda = 1e-3;
    private const int Bins = 20;

    /// <inheritdoc/>
    public string Name => "sga-sample-rate";

    /// <inheritdoc/>
    public string Title => "StochGradAdam: sampling rate s against Adam at the effective rate lr·√s (MNIST logistic regression)";

    /// <inheritdoc/>
    public ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int? trainCount = context.Pick<int?>(300, 5_000, null);
        int? testCount = context.Pick<int?>(200, 2_000, null);
        long steps = context.Pick(30L, 1_000L, 10_000L);
        int every = context.Pick(5, 25, 100);
        long[] matched = [Math.Max(every, steps / 10 / every * every), steps];   // evaluation points, so θ is observed there
        double[] rates = [1.0, 0.8, 0.6, 0.2];
        context.Progress.Report((0.0, "sga-sample-rate: loading MNIST"));
        MultinomialLogisticRegression problem = MultinomialLogisticRegression.FromMnist(Datasets.Mnist(context, MnistSplit.Train, trainCount, context.Seed, purpose: 41), Lambda);
        var testSet = new SoftmaxTestSet(MultinomialLogisticRegression.FromMnist(Datasets.Mnist(context, MnistSplit.Test, testCount, context.Seed, purpose: 42), Lambda));
        using GradientDevice device = GradientDevice.Open(context);

        var runs = new List<(string Label, IGradientOptimizer Optimizer)>();
        foreach (double s in rates)
        {
            runs.Add((Text.Inv($"StochGradAdam s = {s}"), new StochGradAdam(new StochGradAdamOptions
            {
                Variant = StochGradAdamVariant.MaskedAdam, SamplingRate = s, LearningRate = LearningRate, Seed = context.Seed,
            })));
        }

        foreach (double s in rates.Where(r => r < 1.0))
        {
            runs.Add((Text.Inv($"Adam lr·√{s}"), new Adam(new AdamOptions { LearningRate = LearningRate * Math.Sqrt(s) })));
        }

        var traces = new List<Trace>();
        var entropies = new Dictionary<(int Run, long Step), double[]>();
        for (int r = 0; r < runs.Count; r++)
        {
            int run = r;
            void Observe(long t, double[] theta)
            {
                if (matched.Contains(t))
                {
                    entropies[(run, t)] = testSet.NormalisedEntropies(theta);
                }
            }

            traces.Add(TraceRunner.RunGradient(
                runs[r].Label, runs[r].Optimizer, problem, theta => [problem.Value(theta)], steps, every, BatchSize, context.Seed, device,
                context.Cancellation, observe: Observe));
        }

        var figures = new List<Figure>
        {
            new("training-loss-vs-iterations", "Training objective F(θ_t) against iterations", "iteration t", "F(θ_t) (training, with L2)", traces.Select(t => t.VsSteps(0)).ToArray(), LogY: true),
        };
        double[] centres = Enumerable.Range(0, Bins).Select(b => (b + 0.5) / Bins).ToArray();
        foreach (long t in matched)
        {
            figures.Add(new Figure(
                $"entropy-histogram-step-{t}",
                Text.Inv($"Normalised entropy H(P)/log 10 of the test predictions after {t} steps"),
                "normalised entropy (bin centre)",
                "fraction of test examples",
                Enumerable.Range(0, runs.Count).Select(r => new Series(runs[r].Label, centres, Histogram(entropies[(r, t)]))).ToArray(),
                Kind: FigureKind.Bars));
        }

        string[][] rows = Enumerable.Range(0, runs.Count)
            .Select(r => new[] { runs[r].Label, Text.G(traces[r].Final(0), 5) }.Concat(matched.Select(t => Text.F(entropies[(r, t)].Average(), 3))).ToArray())
            .ToArray();
        var table = new Table(
            "Final training objective and mean normalised test entropy",
            new[] { "run", $"F after {steps} steps" }.Concat(matched.Select(t => $"mean H/log 10 at step {t}")).ToArray(),
            rows);

        string setup = Text.Inv($"""
            {context.ScaleName()}, seed {context.Seed}. Problem: multinomial logistic regression on {(trainCount is null ? "the MNIST training set" : $"a Philox-chosen subset of {Text.N(problem.ExampleCount)} MNIST training images")}, pixels/255, λ = {Text.G(Lambda)} (L2 in the objective, no weight decay in the optimizer), d = {Text.N(problem.Dimension)}, unconstrained, θ_1 = 0. Entropies on {Text.N(testSet.Count)} test images.
            Optimizers: StochGradAdam variant masked_adam (standard Adam fed φ_t = Ω_t ⊙ g_t, Ω_t i.i.d. Bernoulli(s) from the Philox mask stream), s ∈ {"{"}1, 0.8, 0.6, 0.2{"}"}; for every s < 1 a control, Adam with learning rate lr·√s and no mask. Constant lr = {Text.G(LearningRate)} (the paper's §6.1 value), β₁ = 0.9, β₂ = 0.999, ε = 1e-8, batch {BatchSize} (§6.1) uniform with replacement, {Text.N(steps)} steps; F evaluated on the training (sub)set every {every} steps. Normalised entropy: eq (61), H(P)/log 10 with natural logs of the softmax test predictions, {Bins} equal bins on [0, 1], at steps {string.Join(" and ", matched)}. {device.FullNote}
            """);
        string findings = Text.Inv($"""
            {Comparison(traces, rates, matched[0])} With s = 1 masked_adam is Adam exactly, so the s = 1 curve is the Adam baseline at lr = {Text.G(LearningRate)}. The entropy histograms show how confident the linear model's test predictions are at the matched steps; by the end, mean normalised entropies range from {Text.F(rows.Min(r => double.Parse(r[^1], System.Globalization.CultureInfo.InvariantCulture)), 3)} to {Text.F(rows.Max(r => double.Parse(r[^1], System.Globalization.CultureInfo.InvariantCulture)), 3)} across runs. For a convex model lower entropy follows larger weights and is not evidence of better generalisation; the paper's entropy claim is about deep networks on CIFAR-10, which this does not test. One seed, {(trainCount is null ? "full data" : "a training subset")}, iterations only (masking saves no gradient computation).
            """);
        return new ExperimentResult(Name, Title, setup, findings, figures, [table], clock.Elapsed.TotalSeconds);
    }

    private static double[] Histogram(double[] values)
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

    private static string Comparison(List<Trace> traces, double[] rates, long early)
    {
        double At(Trace t, long step) => t.Metrics[t.Steps.IndexOf(step)][0];
        var parts = new List<string>();
        int closerEarly = 0, closerFinal = 0, control = rates.Length;
        for (int i = 1; i < rates.Length; i++, control++)
        {
            double sga = traces[i].Final(0), adam = traces[control].Final(0), full = traces[0].Final(0);
            double sgaEarly = At(traces[i], early), adamEarly = At(traces[control], early), fullEarly = At(traces[0], early);
            closerEarly += Math.Abs(sgaEarly - adamEarly) < Math.Abs(sgaEarly - fullEarly) ? 1 : 0;
            closerFinal += Math.Abs(sga - adam) < Math.Abs(sga - full) ? 1 : 0;
            parts.Add(Text.Inv($"s = {rates[i]}: F = {Text.G(sgaEarly, 4)} / {Text.G(sga, 4)} against {Text.G(adamEarly, 4)} / {Text.G(adam, 4)} for Adam at lr·√s and {Text.G(fullEarly, 4)} / {Text.G(full, 4)} for s = 1"));
        }

        int m = rates.Length - 1;
        return Text.Inv($"Training objective at step {early} / at the end: ") + string.Join("; ", parts) + Text.Inv($". The variants note's effective-rate finding (mean |step|/lr ≈ √s) predicts that each masked run tracks its Adam(lr·√s) control; that is closer than the s = 1 curve for {closerEarly} of {m} rates at step {early} and for {closerFinal} of {m} at the end. A likely reason where they part: the mask adds gradient noise (Var φ = s(1 − s)g²) that the control lacks, which at a constant rate raises the loss floor, whereas a smaller unmasked rate lowers it; this run does not separate the two effects further.");
    }
}
