using Verification.Audit.Experiments.Runs;
using Verification.Audit.Experiments.Statistics;

namespace Verification.Audit.Experiments.Support;

/// <summary>
/// The sampling-rate experiment's runs summarised over seeds: banded curves, mean histograms, paired comparisons and
/// the paper-vs-measured rows. Every comparison pairs runs on the same seed (same data subset, same mini-batches).
/// </summary>
internal sealed class SampleRateSummary(IReadOnlyList<RunSeed> seeds, long[] matched, (string Label, RunRecord[] Runs)[] configs)
{
    /// <summary>How far below s = 1's final accuracy s = 0.2 may end and still count as "reasonable accuracy" (stated in the verdict).</summary>
    private const double ReasonableGap = 0.05;

    private ulong[] SeedValues => seeds.Select(s => s.Value).ToArray();

    private RunRecord[] Runs(string label) => configs.Single(c => c.Label == label).Runs;

    private double[] Steps => configs[0].Runs[0].Column("step");

    public Figure[] Figures()
    {
        var figures = new List<Figure>
        {
            new("training-loss-vs-iterations", "Training objective F(θ_t) against iterations", "iteration t", "F(θ_t) (training, with L2)",
                configs.Select(c => BandedSeries.From(c.Label, Steps, c.Runs.Select(r => r.Column("F")).ToArray(), SeedValues, geometric: true)).ToArray(), LogY: true)
            { BandMeaning = SeedStatistics.GeometricBand(seeds.Count) },
            new("test-accuracy-vs-iterations", "Test accuracy against iterations", "iteration t", "test accuracy",
                configs.Select(c => BandedSeries.From(c.Label, Steps, c.Runs.Select(r => r.Column("test_accuracy")).ToArray(), SeedValues, geometric: false)).ToArray())
            { BandMeaning = SeedStatistics.MeanBand(seeds.Count) },
        };
        double[] centres = Enumerable.Range(0, SampleRateRun.Bins).Select(b => (b + 0.5) / SampleRateRun.Bins).ToArray();
        foreach (long t in matched)
        {
            figures.Add(new Figure(
                $"entropy-histogram-step-{t}",
                Text.Inv($"Normalised entropy H(P)/log 10 of the test predictions after {t} steps (mean over seeds of each seed's fractions)"),
                "normalised entropy (bin centre)",
                "fraction of test examples",
                configs.Select(c => BandedSeries.From(c.Label, centres, c.Runs.Select(r => Histogram(r, t)).ToArray(), SeedValues, geometric: false)).ToArray(),
                Kind: FigureKind.Bars)
            { BandMeaning = SeedStatistics.MeanBand(seeds.Count) + " (of the fraction in each bin)" });
        }

        return [.. figures];
    }

    public Table Table() => new(
        Text.Inv($"Final training objective (geometric mean), final test accuracy and mean normalised test entropy (means), 95% intervals over {seeds.Count} seeds"),
        new[] { "run", $"F after {Steps[^1]} steps", "final test accuracy" }.Concat(matched.Select(t => $"mean H/log 10 at step {t}")).ToArray(),
        configs.Select(c => new[] { c.Label, Final(c.Label, "F", geometric: true).Format(4), Final(c.Label, "test_accuracy", geometric: false).Format() }
            .Concat(matched.Select(t => SeedStatistics.Mean(c.Runs.Select(r => SampleRateRun.At(r, "mean_entropy", t)).ToArray()).Format())).ToArray()).ToArray());

    public string Findings()
    {
        var effective = SampleRateSummaryRates.Lower.Select(s =>
        {
            SeedInterval ratio = SeedStatistics.PairedRatio(
                Distances(SampleRateLabels.Sga(s), SampleRateLabels.Adam(s)), Distances(SampleRateLabels.Sga(s), SampleRateLabels.Sga(1.0)));
            return Text.Inv($"s = {s}: {ratio.Format()} ({Closer(ratio)})");
        });
        SeedInterval entropyEarly = Paired("mean_entropy", SampleRateLabels.Sga(0.8), SampleRateLabels.Sga(1.0), matched[0]);
        SeedInterval entropyFinal = Paired("mean_entropy", SampleRateLabels.Sga(0.8), SampleRateLabels.Sga(1.0), matched[^1]);
        return Text.Inv($"""
            Effective rate (the variants note's finding that masked_adam's mean |step|/lr ≈ √s predicts each masked run to track Adam at lr·√s): distance of the masked run's training-loss curve (mean over evaluation points of |log F_a − log F_b|) to its Adam(lr·√s) control divided by its distance to the s = 1 curve, paired over seeds (below 1: closer to the control): {string.Join("; ", effective)}. A likely reason where they part: the mask adds gradient noise (Var φ = s(1 − s)g²) that the control lacks, which at a constant rate raises the loss floor.
            Sampling rates (paper Fig. 5): final test accuracy {string.Join(", ", SampleRateSummaryRates.All.Select(s => Text.Inv($"s = {s}: {Final(SampleRateLabels.Sga(s), "test_accuracy", false).Format()}")))}; paired differences in test accuracy at step {matched[0]} (higher s minus lower s): {string.Join("; ", EarlyPairs().Select(p => p.Text))}.
            Entropy (paper Fig. 1): mean normalised test entropy of s = 0.8 minus that of Adam (s = 1, same lr), paired: {entropyEarly.Format()} at step {matched[0]} and {entropyFinal.Format()} at step {matched[^1]} ({Direction(entropyFinal, "lower", "higher")} at the end). For a convex model lower entropy follows larger weights and is not evidence of better generalisation.
            Limits: a linear model on {seeds.Count} seeds with subsets of MNIST and a horizon far shorter than the paper's; iterations only (masking saves no gradient computation here).
            """);
    }

    public IReadOnlyList<PaperComparison> Comparisons()
    {
        var early = EarlyPairs().ToArray();
        int faster = early.Count(p => p.Interval.Above(0.0)), slower = early.Count(p => p.Interval.Below(0.0));
        var stability = new[] { (1.0, 0.6), (1.0, 0.2), (0.8, 0.6), (0.8, 0.2) }
            .Select(p => (p, SeedStatistics.PairedDifference(Fluctuations(SampleRateLabels.Sga(p.Item2)), Fluctuations(SampleRateLabels.Sga(p.Item1))))).ToArray();
        int steadier = stability.Count(x => x.Item2.Above(0.0));
        SeedInterval low = Final(SampleRateLabels.Sga(0.2), "test_accuracy", false);
        SeedInterval gap = SeedStatistics.PairedDifference(FinalValues(SampleRateLabels.Sga(0.2), "test_accuracy"), FinalValues(SampleRateLabels.Sga(1.0), "test_accuracy"));
        SeedInterval entropy = Paired("mean_entropy", SampleRateLabels.Sga(0.8), SampleRateLabels.Sga(1.0), matched[0]);
        return
        [
            new(
                "§7.1, Fig. 5: higher sample rates (100%, 80%) converge faster than lower ones (60%, 20%), especially early in training.",
                Text.Inv($"paired test-accuracy differences at step {matched[0]}: {string.Join("; ", early.Select(p => p.Text))}"),
                faster == early.Length ? ReproductionVerdict.Reproduced : faster > 0 ? ReproductionVerdict.Partly : ReproductionVerdict.NotReproduced,
                Text.Inv($"{faster} of {early.Length} pairs favour the higher rate beyond seed-to-seed noise, {slower} favour the lower rate. MNIST logistic regression at lr 0.01 instead of ResNets on CIFAR-10 at lr 0.001 (the Fig. 5 caption).")),
            new(
                "§7.1, Fig. 5: higher sample rates train more stably (less variable test accuracy) than lower ones.",
                Text.Inv($"standard deviation of the test accuracy over the second half of each run, lower-rate minus higher-rate, paired: {string.Join("; ", stability.Select(x => Text.Inv($"{x.p.Item2} − {x.p.Item1}: {x.Item2.Format()}")))}"),
                steadier == stability.Length ? ReproductionVerdict.Reproduced : steadier > 0 ? ReproductionVerdict.Partly : ReproductionVerdict.NotReproduced,
                Text.Inv($"{steadier} of {stability.Length} pairs show the lower rate fluctuating more beyond seed-to-seed noise. Stability is measured within a run, as the paper's curves show it; a convex model is far smoother than a ResNet.")),
            new(
                "§7.1: lower rates such as 20% still reach reasonable accuracy given enough training time.",
                Text.Inv($"final test accuracy at s = 0.2: {low.Format()}; s = 0.2 minus s = 1, paired: {gap.Format()}"),
                gap.Lower > -ReasonableGap ? ReproductionVerdict.Reproduced : ReproductionVerdict.NotReproduced,
                Text.Inv($"Criterion (ours, the paper gives none): the paired interval of the accuracy gap to s = 1 lies above −{ReasonableGap} at the end of the run.")),
            new(
                "§5.4, Fig. 1: StochGradAdam's test predictions become confident (low normalised entropy) faster than Adam's.",
                Text.Inv($"mean normalised test entropy, s = 0.8 minus Adam (s = 1, same lr), paired at step {matched[0]}: {entropy.Format()}"),
                entropy.Below(0.0) ? ReproductionVerdict.Reproduced : ReproductionVerdict.NotReproduced,
                entropy.Below(0.0) ? "Lower beyond seed-to-seed noise; for a convex model this follows from larger weights, not from a better fit." : entropy.Above(0.0) ? "Higher, not lower, beyond seed-to-seed noise: the mask shrinks the effective step (≈ lr·√s), so the weights and the confidence grow more slowly." : "No difference distinguishable from seed-to-seed noise."),
            new(
                "§6.1, Table 1, Figs. 3–5: StochGradAdam's test accuracy and loss on CIFAR-10 with ResNet-56/110/152, VGG-16, MobileNetV2 and ViT-8 (and the sample-rate sweep on ResNets).",
                "not run",
                ReproductionVerdict.NotCheckable,
                "Deep non-convex networks are outside this project's convex scope; only the convex analogue above is measured."),
        ];
    }

    private string SgaTheorem(double s) => SampleRateLabels.Sga(s);

    private static string Closer(SeedInterval ratio) => ratio.Below(1.0) ? "closer to the control" : ratio.Above(1.0) ? "closer to s = 1" : "no difference distinguishable from seed-to-seed noise";

    private static string Direction(SeedInterval difference, string below, string above) =>
        difference.Below(0.0) ? below : difference.Above(0.0) ? above : "no difference distinguishable from seed-to-seed noise";

    private IEnumerable<(SeedInterval Interval, string Text)> EarlyPairs() =>
        new[] { (1.0, 0.6), (1.0, 0.2), (0.8, 0.6), (0.8, 0.2) }.Select(p =>
        {
            SeedInterval d = Paired("test_accuracy", SampleRateLabels.Sga(p.Item1), SampleRateLabels.Sga(p.Item2), matched[0]);
            return (d, Text.Inv($"{p.Item1} − {p.Item2}: {d.Format()}"));
        });

    private SeedInterval Paired(string column, string a, string b, long step) => SeedStatistics.PairedDifference(
        Runs(a).Select(r => SampleRateRun.At(r, column, step)).ToArray(), Runs(b).Select(r => SampleRateRun.At(r, column, step)).ToArray());

    private double[] FinalValues(string label, string column) => Runs(label).Select(r => r.Last(column)).ToArray();

    private SeedInterval Final(string label, string column, bool geometric) =>
        geometric ? SeedStatistics.Geometric(FinalValues(label, column)) : SeedStatistics.Mean(FinalValues(label, column));

    /// <summary>Per seed: mean over evaluation points t &gt; 0 of |log F_a(t) − log F_b(t)|.</summary>
    private double[] Distances(string a, string b) => Runs(a).Zip(Runs(b), (x, y) =>
    {
        double[] fa = x.Column("F"), fb = y.Column("F");
        return Enumerable.Range(1, fa.Length - 1).Average(i => Math.Abs(Math.Log(fa[i]) - Math.Log(fb[i])));
    }).ToArray();

    /// <summary>Per seed: the standard deviation of the test accuracy over the evaluation points of the run's second half.</summary>
    private double[] Fluctuations(string label) => Runs(label).Select(r =>
    {
        double[] steps = r.Column("step"), accuracy = r.Column("test_accuracy");
        double[] late = Enumerable.Range(0, steps.Length).Where(i => steps[i] > steps[^1] / 2).Select(i => accuracy[i]).ToArray();
        double mean = late.Average();
        return late.Length < 2 ? 0.0 : Math.Sqrt(late.Sum(a => (a - mean) * (a - mean)) / (late.Length - 1));
    }).ToArray();

    private static double[] Histogram(RunRecord r, long step) => SampleRateRun.BinColumns.Select(c => SampleRateRun.At(r, c, step)).ToArray();
}

/// <summary>The rates in the summary's sentences.</summary>
internal static class SampleRateSummaryRates
{
    public static double[] All => SgaSampleRate.Rates;

    public static double[] Lower => SgaSampleRate.Rates.Where(s => s < 1.0).ToArray();
}

/// <summary>Legend names shared by the experiment and its summary.</summary>
internal static class SampleRateLabels
{
    public static string Sga(double s) => SgaSampleRate.SgaLabel(s);

    public static string Adam(double s) => SgaSampleRate.AdamLabel(s);
}
