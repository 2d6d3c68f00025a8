using System.Text.Json;
using Verification.Audit.Experiments;
using Verification.Audit.Experiments.Runs;
using Verification.Audit.Experiments.Support;
using Verification.Claims.Catalogue;
using Verification.Claims.Instances;
using Verification.Claims.Search;
using Verification.Properties.Support;

namespace Verification.Properties.Audit;

/// <summary>
/// Each experiment at its tiny scale (real data, a few hundred examples, tens of steps): structural sanity of the
/// result, not the numbers of the report.
/// </summary>
public class ExperimentTests
{
    private static (ExperimentResult Result, List<double> Fractions) RunTiny(IExperiment experiment, ulong seed = 1)
    {
        var fractions = new List<double>();
        var context = new ExperimentContext(null, seed, Quick: true, ComputeDevice.Reference, new SyncProgress(fractions)) { Tiny = true };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ExperimentResult result = experiment.Run(context);
        Assert.True(clock.Elapsed.TotalSeconds < 60, $"{experiment.Name} took {clock.Elapsed.TotalSeconds:F1} s at tiny scale");
        CheckCommon(experiment, result, fractions);
        return (result, fractions);
    }

    private static void CheckCommon(IExperiment experiment, ExperimentResult result, List<double> fractions)
    {
        Assert.Equal(experiment.Name, result.Name);
        Assert.Equal(experiment.Title, result.Title);
        Assert.False(string.IsNullOrWhiteSpace(result.Setup));
        Assert.False(string.IsNullOrWhiteSpace(result.Findings));
        Assert.Contains("seed", result.Setup, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(result.Figures);
        Assert.True(result.Seconds > 0);
        Assert.Equal(result.Figures.Count, result.Figures.Select(f => f.Id).Distinct().Count());
        foreach (Figure figure in result.Figures)
        {
            Assert.Matches("^[a-z0-9-]+$", figure.Id);
            Assert.NotEmpty(figure.Series);
            Assert.Equal(figure.Series.Count, figure.Series.Select(s => s.Name).Distinct().Count());
            foreach (Series series in figure.Series)
            {
                Assert.NotEmpty(series.X);
                Assert.Equal(series.X.Length, series.Y.Length);
                Assert.All(series.X, x => Assert.True(double.IsFinite(x), $"{figure.Id}/{series.Name}: x = {x}"));
                Assert.All(series.Y, y => Assert.True(double.IsFinite(y), $"{figure.Id}/{series.Name}: y = {y}"));
            }
        }

        foreach (Table table in result.Tables)
        {
            Assert.NotEmpty(table.Rows);
            Assert.All(table.Rows, row => Assert.Equal(table.Header.Length, row.Length));
        }

        Assert.NotEmpty(fractions);
        Assert.All(fractions, f => Assert.InRange(f, 0.0, 1.0));
    }

    private static Figure Figure(ExperimentResult result, string id) => Assert.Single(result.Figures, f => f.Id == id);

    /// <summary>Every series of a multi-seed experiment has a band around its centre, the figure says what the band is, and it rests on exactly the evaluation seeds.</summary>
    private static void CheckSeedBands(ExperimentResult result, ulong seed = 1)
    {
        ulong[] evaluation = new ExperimentContext(null, seed, Quick: true, ComputeDevice.Reference, new Progress<(double, string)>()) { Tiny = true }
            .Seeds.Evaluation.Select(s => s.Value).ToArray();
        foreach (Figure figure in result.Figures)
        {
            Assert.False(string.IsNullOrWhiteSpace(figure.BandMeaning), $"{figure.Id} has no band meaning");
            foreach (Series series in figure.Series)
            {
                Assert.True(series.HasBand, $"{figure.Id}/{series.Name} has no band");
                Assert.Equal(series.X.Length, series.Lower!.Length);
                Assert.Equal(series.X.Length, series.Upper!.Length);
                for (int i = 0; i < series.X.Length; i++)
                {
                    double slack = 1e-12 * Math.Abs(series.Y[i]);
                    Assert.InRange(series.Y[i], series.Lower[i] - slack, series.Upper[i] + slack);
                }

                Assert.Equal(evaluation, series.Seeds);
            }
        }
    }

    private static void NonDecreasing(double[] values, string what)
    {
        for (int i = 1; i < values.Length; i++)
        {
            Assert.True(values[i] >= values[i - 1], $"{what} decreases at point {i}: {values[i - 1]} then {values[i]}");
        }
    }

    [Fact]
    public void CatalogueListsTheFiveExperimentsInReportOrder()
    {
        Assert.Equal(
            ["dasgrad-fig1", "dasgrad-fig2", "dasgrad-fig3", "sga-sample-rate", "sga-theorem45"],
            ExperimentCatalog.All.Select(e => e.Name).ToArray());
        Assert.Same(ExperimentCatalog.All[3], ExperimentCatalog.Get("sga-sample-rate"));
    }

    [Fact]
    public void Fig1SuboptimalityIsNonNegativeAndCostsAreMonotone()
    {
        (ExperimentResult result, _) = RunTiny(ExperimentCatalog.Get("dasgrad-fig1"));
        ulong[] evaluation = TinySeeds().Evaluation.Select(s => s.Value).ToArray();
        foreach (string data in new[] { "mnist", "imdb" })
        {
            Figure byIteration = Figure(result, $"{data}-suboptimality-vs-iterations");
            Figure byEvaluations = Figure(result, $"{data}-suboptimality-vs-gradient-evaluations");
            Figure bySeconds = Figure(result, $"{data}-suboptimality-vs-seconds");
            Figure sensitivity = Figure(result, $"{data}-sensitivity-to-alpha");
            Assert.True(byIteration.LogY);
            Assert.True(bySeconds.XIsWallClock);
            Assert.False(byIteration.XIsWallClock);
            Assert.True(sensitivity.LogX);
            Assert.Equal(3, byIteration.Series.Count);
            Assert.Equal(3, sensitivity.Series.Count);
            foreach (Figure f in new[] { byIteration, byEvaluations, bySeconds, sensitivity })
            {
                Assert.NotNull(f.BandMeaning);
                Assert.All(f.Series, s => Assert.Equal(evaluation, s.Seeds));
                Assert.All(f.Series, s => Assert.True(s.HasBand, $"{f.Id}/{s.Name} has no band"));
                Assert.All(f.Series, s => Assert.All(Enumerable.Range(0, s.X.Length), i => Assert.InRange(s.Y[i], s.Lower![i], s.Upper![i])));
            }

            for (int s = 0; s < 3; s++)
            {
                Series it = byIteration.Series[s], ev = byEvaluations.Series[s], sec = bySeconds.Series[s];
                Assert.Equal(it.Y, ev.Y);
                Assert.Equal(it.Y, sec.Y);
                Assert.Equal(it.X.Length, ev.X.Length);
                Assert.All(it.Y, y => Assert.True(y > 0, $"{data}/{it.Name}: F − F* = {y}"));
                NonDecreasing(it.X, $"{data}/{it.Name} iterations");
                NonDecreasing(ev.X, $"{data}/{ev.Name} gradient evaluations");
                NonDecreasing(sec.X, $"{data}/{sec.Name} seconds");
                Assert.Equal(0.0, ev.X[0]);
                for (int i = 1; i < ev.X.Length; i++)
                {
                    Assert.True(ev.X[i] >= 32 * it.X[i], "at least B evaluations per step");
                }

                // The chosen α (in the legend) is a grid value, and the sensitivity curve passes through the plotted final value there.
                Series grid = sensitivity.Series[s];
                int chosen = Array.FindIndex(grid.X, a => it.Name.Contains($"α = {a.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)})", StringComparison.Ordinal));
                Assert.True(chosen >= 0, $"{it.Name}: chosen α not on the grid {string.Join(", ", grid.X)}");
                Assert.Equal(it.Y[^1], grid.Y[chosen], 12);
            }

            // Adam and AMSGrad spend exactly B per step; DASGrad also pays its full-pass refreshes.
            Assert.Equal(byEvaluations.Series[0].X, byEvaluations.Series[1].X);
            Assert.True(byEvaluations.Series[2].X[^1] > byEvaluations.Series[1].X[^1]);
            Assert.StartsWith("DASGrad", byEvaluations.Series[2].Name, StringComparison.Ordinal);
        }

        Assert.Contains(result.PaperComparisons, c => c.Verdict == ReproductionVerdict.NotCheckable && c.Why.Contains("convex scope", StringComparison.Ordinal));
        Assert.Equal(2, result.PaperComparisons.Count(c => c.PaperSays.Contains("outperforms Adam and AMSGrad (per iteration)", StringComparison.Ordinal)));
    }

    private static Verification.Audit.Experiments.Runs.SeedPlan TinySeeds(ulong seed = 1) =>
        new ExperimentContext(null, seed, Quick: true, ComputeDevice.Reference, new Progress<(double, string)>()) { Tiny = true }.Seeds;

    [Fact]
    public void Fig2BenefitsArePairedBandedAndIndependentOfThreadCount()
    {
        IExperiment experiment = ExperimentCatalog.Get("dasgrad-fig2");
        (ExperimentResult first, _) = RunTiny(experiment);
        CheckSeedBands(first);
        Figure benefit = Figure(first, "benefit-vs-variance");
        Assert.Equal(3, benefit.Series.Count);
        Assert.NotNull(benefit.Reference);
        Assert.All(benefit.Series, s => Assert.All(s.Y, y => Assert.True(y > 0)));
        Assert.All(benefit.Series, s => NonDecreasing(s.X, s.Name + " variance axis"));
        Figure final = Figure(first, "final-suboptimality-vs-variance");
        Assert.Equal(6, final.Series.Count);
        Assert.All(final.Series, s => Assert.All(s.Y, y => Assert.True(y >= 0)));
        // The geometric mean of the per-seed ratios is the ratio of the geometric means (the pairing is on the same seeds).
        for (int k = 0; k < 3; k++)
        {
            for (int v = 0; v < benefit.Series[k].Y.Length; v++)
            {
                Assert.Equal(final.Series[2 * k].Y[v] / final.Series[2 * k + 1].Y[v], benefit.Series[k].Y[v], 1e-9 * benefit.Series[k].Y[v]);
            }
        }

        Assert.Equal(2, first.PaperComparisons.Count);
        Assert.Equal(3, Assert.Single(first.Tables, t => t.Title.Contains("slope", StringComparison.Ordinal)).Rows.Length);

        // One run at a time gives the same numbers as the default parallel batch.
        var fractions = new List<double>();
        var serial = new ExperimentContext(null, 1, Quick: true, ComputeDevice.Reference, new SyncProgress(fractions)) { Tiny = true, Threads = 1 };
        ExperimentResult second = experiment.Run(serial);
        CheckCommon(experiment, second, fractions);
        Assert.Equal(benefit.Series.Select(s => s.Y), Figure(second, "benefit-vs-variance").Series.Select(s => s.Y));
        Assert.Equal(benefit.Series.Select(s => s.Lower), Figure(second, "benefit-vs-variance").Series.Select(s => s.Lower));
    }

    [Fact]
    public void Fig3MetricsAreInRangeForEveryWeighting()
    {
        (ExperimentResult result, _) = RunTiny(ExperimentCatalog.Get("dasgrad-fig3"));
        CheckSeedBands(result);
        Figure loss = Figure(result, "test-loss-vs-iterations");
        Figure accuracy = Figure(result, "balanced-test-accuracy-vs-iterations");
        Figure reduced = Figure(result, "reduced-digits-accuracy-vs-iterations");
        Assert.Equal(4, loss.Series.Count);
        Assert.Equal(loss.Series.Select(s => s.Name), accuracy.Series.Select(s => s.Name));
        Assert.Equal(loss.Series.Select(s => s.Name), reduced.Series.Select(s => s.Name));
        Assert.All(loss.Series, s => Assert.All(s.Y, y => Assert.True(y >= 0)));
        Assert.All(accuracy.Series.Concat(reduced.Series), s => Assert.All(s.Y, y => Assert.InRange(y, 0.0, 1.0)));
        // θ_1 = 0 predicts every class with probability 1/10: test loss log 10 for every arm and seed (a zero-width band).
        Assert.All(loss.Series, s =>
        {
            Assert.Equal(Math.Log(10.0), s.Y[0], 1e-12);
            Assert.Equal(Math.Log(10.0), s.Lower![0], 1e-12);
            Assert.Equal(Math.Log(10.0), s.Upper![0], 1e-12);
        });
        Table masses = result.Tables[1];
        for (int column = 3; column < masses.Header.Length; column++)
        {
            double total = masses.Rows.Sum(r => double.Parse(r[column], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(1.0, total, 2);
        }

        // Paired differences of the three weightings against none.
        Assert.Equal(3, result.Tables[2].Rows.Length);
        Assert.Equal(3, result.PaperComparisons.Count);
    }

    [Fact]
    public void SampleRateHistogramsAreDistributionsAndEveryCurveIsBandedOverTheEvaluationSeeds()
    {
        (ExperimentResult result, _) = RunTiny(ExperimentCatalog.Get("sga-sample-rate"));
        CheckSeeds(result);
        ulong[] evaluation = EvaluationSeeds();
        Figure loss = Figure(result, "training-loss-vs-iterations");
        Figure accuracy = Figure(result, "test-accuracy-vs-iterations");
        Assert.Equal(7, loss.Series.Count);
        Assert.Equal(loss.Series.Select(s => s.Name), accuracy.Series.Select(s => s.Name));
        Assert.All(loss.Series.Concat(accuracy.Series), s => Assert.Equal(evaluation, s.Seeds));
        Assert.All(accuracy.Series, s => Assert.All(s.Y, y => Assert.InRange(y, 0.0, 1.0)));
        Figure[] histograms = result.Figures.Where(f => f.Kind == FigureKind.Bars).ToArray();
        Assert.Equal(2, histograms.Length);
        foreach (Figure histogram in histograms)
        {
            Assert.Equal(7, histogram.Series.Count);
            Assert.All(histogram.Series, s =>
            {
                Assert.Equal(evaluation, s.Seeds);
                Assert.Equal(1.0, s.Y.Sum(), 9);   // a mean of distributions is a distribution
                Assert.All(s.Y, y => Assert.InRange(y, 0.0, 1.0));
                Assert.All(s.X, x => Assert.InRange(x, 0.0, 1.0));
            });
        }

        // θ_1 = 0 predicts every class with probability 1/10: F(θ_1) = log 10 (λ‖0‖² = 0) on every seed and run.
        Assert.All(loss.Series, s => Assert.Equal(Math.Log(10.0), s.Y[0], 9));
        Assert.All(loss.Series, s => Assert.Equal(Math.Log(10.0), s.Lower![0], 9));

        // The paper's claims about this figure, each with a verdict; the CIFAR-10 deep-network results once, as not checkable.
        Assert.True(result.PaperComparisons.Count >= 4);
        Assert.Single(result.PaperComparisons, c => c.Verdict == ReproductionVerdict.NotCheckable);
    }

    [Fact]
    public void SampleRateResultsDoNotDependOnTheThreadCount()
    {
        IExperiment experiment = ExperimentCatalog.Get("sga-sample-rate");
        ExperimentResult Run(int threads) => experiment.Run(
            new ExperimentContext(null, 2, Quick: true, ComputeDevice.Reference, new SyncProgress([])) { Tiny = true, Threads = threads });
        ExperimentResult one = Run(1), two = Run(2);
        Assert.Equal(one.Figures.SelectMany(f => f.Series).Select(s => s.Y), two.Figures.SelectMany(f => f.Series).Select(s => s.Y));
        Assert.Equal(one.Findings, two.Findings);
    }

    [Fact]
    public void Theorem45SeriesAreOnTheHorizonGridWithBandsAndTheCrossingIsMarked()
    {
        (ExperimentResult result, _) = RunTiny(ExperimentCatalog.Get("sga-theorem45"));
        CheckSeeds(result);
        Figure loose = Figure(result, "bound-vs-regret");
        Assert.True(loose.LogX && loose.LogY);
        Assert.NotNull(loose.BandMeaning);
        Series looseRegret = Assert.Single(loose.Series, s => s.Name == "realised R(T)");
        Series looseBound = Assert.Single(loose.Series, s => s.Name == "bound (57)");
        Assert.All(loose.Series, s => Assert.Equal(looseRegret.X, s.X));
        Assert.All(loose.Series, s => Assert.Equal(EvaluationSeeds(), s.Seeds));
        NonDecreasing(looseRegret.X, "horizons");
        Assert.All(looseRegret.Y.Zip(looseBound.Y), p => Assert.True(p.First < p.Second, "the loose instance's bound holds"));

        // The falsifying instance is one deterministic path (s = 1): no seeds, no band, the terms add up to the bound.
        Figure falsifying = Figure(result, "falsifying-bound-vs-regret");
        Assert.True(falsifying.LogX && falsifying.LogY);
        Assert.Contains("λ = 0.308", falsifying.Title, StringComparison.Ordinal);
        Assert.All(falsifying.Series, s => Assert.Empty(s.Seeds));
        Series regret = Assert.Single(falsifying.Series, s => s.Name == "realised R(T)");
        Series bound = Assert.Single(falsifying.Series, s => s.Name == "bound (57)");
        Series[] terms = falsifying.Series.Where(s => s.Name.StartsWith("term", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, terms.Length);
        for (int i = 0; i < bound.Y.Length; i++)
        {
            Assert.Equal(bound.Y[i], terms.Sum(t => t.Y[i]), bound.Y[i] * 1e-12);
            Assert.All(terms, t => Assert.True(t.Y[i] >= 0));
        }

        // The first marker is the first horizon with R > (57): above there, and at or below at every earlier recorded T
        // (the record holds every T where the side changes, so no earlier crossing can hide between two points).
        VerticalMarker first = falsifying.Markers[0];
        int k = Array.IndexOf(regret.X, first.X);
        Assert.True(k > 0);
        Assert.True(regret.Y[k] > bound.Y[k]);
        Assert.All(Enumerable.Range(0, k), j => Assert.True(regret.Y[j] <= bound.Y[j], $"R > (57) already at T = {regret.X[j]}"));
        Assert.Equal(first.X, ReddiFirstCrossingByBruteForce(SgaTheorem45.Falsifying, 3_000));
    }

    /// <summary>
    /// The experiment computes R(T) and (57) as the claims catalogue does: on the committed counterexample of
    /// SGA-T4.5-eq57-reddi-long-D-proof (the shrunk instance, T = 428) it gives the file's left and right sides, and on
    /// the instance the catalogue's search found (T = 1714, the experiment's falsifying figure) it gives the catalogue
    /// claim's own sides and docs/audit.md's ratio 1.86987. The tolerance is 1e-12 relative: both sides perform the same
    /// floating-point operations in the same order (the values agree bit for bit today), and 1e-12 leaves room only for a
    /// reassociated sum (about T·2⁻⁵³ ≈ 2e-13 for T ≈ 2000 terms), while any different definition (another reading of D,
    /// another v̂ correction, a dropped factor) moves the values by far more.
    /// </summary>
    [Fact]
    public void Theorem45ReproducesTheCatalogueCounterexample()
    {
        const double tolerance = 1e-12;
        string path = Path.Combine(RepositoryRoot.Path, "docs", "counterexamples", "SGA-T4.5-eq57-reddi-long-D-proof.json");
        CounterexampleFile stored = CounterexampleStore.Read(path);
        OnlineRun run = stored.Instance.Deserialize<OnlineRun>(CounterexampleStore.JsonOptions)!;
        Assert.True(OnlineRunFamilies.IsReddi(run));
        var instance = new ReddiInstance(run.Alpha, run.Beta1, run.Beta2, run.Lambda, run.SamplingRate, run.Start[0], run.MaskSeed);
        Assert.Equal(SgaTheorem45.Stored, instance);
        Assert.Equal(SgaTheorem45.StoredT, run.T);
        RegretPoint point = ReddiRegretPath.At(instance, run.T);
        Assert.Equal(stored.Left, point.Regret, stored.Left * tolerance);
        Assert.Equal(stored.Right, point.Bound, stored.Right * tolerance);

        ReddiInstance f = SgaTheorem45.Falsifying;
        const int t = (int)SgaTheorem45.FalsifyingCatalogueT;
        var search = new OnlineRun(
            OnlineRun.Linear, 1, Enumerable.Range(1, t).Select(k => k % 3 == 1 ? OnlineRunFamilies.ReddiC : -1.0).ToArray(), [f.Start], 1.0,
            f.Alpha, f.Beta1, f.Beta2, f.Lambda, f.SamplingRate, f.MaskSeed);
        Sides sides = ClaimCatalogue.Get(stored.Id).Evaluate(JsonSerializer.SerializeToElement(search, CounterexampleStore.JsonOptions));
        RegretPoint at = ReddiRegretPath.At(f, t);
        Assert.Equal(sides.Left, at.Regret, sides.Left * tolerance);
        Assert.Equal(sides.Right, at.Bound, sides.Right * tolerance);
        Assert.Equal("1.86987", (at.Regret / at.Bound).ToString("G6", System.Globalization.CultureInfo.InvariantCulture));

        // s = 1 keeps every coordinate whatever the seed: the mask seed does not matter.
        Assert.Equal(at, ReddiRegretPath.At(f with { MaskSeed = 0 }, t));
    }

    /// <summary>The first T with R(T) &gt; (57) by the claims catalogue's own evaluation, one run per horizon (independent of the experiment's running sums).</summary>
    private static double ReddiFirstCrossingByBruteForce(ReddiInstance f, int horizon)
    {
        IClaim claim = ClaimCatalogue.Get("SGA-T4.5-eq57-reddi-long-D-proof");
        for (int t = 1; t <= horizon; t++)
        {
            var run = new OnlineRun(
                OnlineRun.Linear, 1, Enumerable.Range(1, t).Select(k => k % 3 == 1 ? OnlineRunFamilies.ReddiC : -1.0).ToArray(), [f.Start], 1.0,
                f.Alpha, f.Beta1, f.Beta2, f.Lambda, f.SamplingRate, f.MaskSeed);
            Sides sides = claim.Evaluate(JsonSerializer.SerializeToElement(run, CounterexampleStore.JsonOptions));
            if (sides.Left > sides.Right)
            {
                return t;
            }
        }

        return double.NaN;
    }

    /// <summary>The evaluation seeds of the tiny test context.</summary>
    private static ulong[] EvaluationSeeds(ulong seed = 1) =>
        new ExperimentContext(null, seed, Quick: true, ComputeDevice.Reference, new SyncProgress([])) { Tiny = true }.Seeds.Evaluation.Select(s => s.Value).ToArray();

    /// <summary>Every series that summarises several seeds has a band, its figure says what the band is, and only evaluation seeds are plotted.</summary>
    private static void CheckSeeds(ExperimentResult result, ulong seed = 1)
    {
        ulong[] evaluation = EvaluationSeeds(seed);
        foreach (Figure figure in result.Figures)
        {
            foreach (Series series in figure.Series)
            {
                Assert.All(series.Seeds, s => Assert.Contains(s, evaluation));
                if (series.Seeds.Count > 1)
                {
                    Assert.True(series.HasBand, $"{figure.Id}/{series.Name} summarises {series.Seeds.Count} seeds without a band");
                    Assert.False(string.IsNullOrWhiteSpace(figure.BandMeaning), $"{figure.Id} has bands but no BandMeaning");
                    Assert.Equal(series.X.Length, series.Lower!.Length);
                    Assert.All(Enumerable.Range(0, series.X.Length), i => Assert.True(series.Lower![i] <= series.Y[i] && series.Y[i] <= series.Upper![i]));
                }
            }
        }
    }

    [Fact]
    public void AcceleratorRequestRunsAndSaysWhereTheStepsRan()
    {
        var fractions = new List<double>();
        var context = new ExperimentContext(null, 1, Quick: true, ComputeDevice.Accelerator, new SyncProgress(fractions)) { Tiny = true };
        IExperiment experiment = ExperimentCatalog.Get("sga-sample-rate");
        ExperimentResult result = experiment.Run(context);
        CheckCommon(experiment, result, fractions);

        // Either the OpenCL device ran the steps (bit-equal to the reference in float64) or the fallback is stated.
        Assert.Contains("OpenCL", result.Setup, StringComparison.Ordinal);
        // A fresh run store: the same run keys with another device in their settings are other runs, not a stored result.
        ExperimentResult reference = experiment.Run(context with { Device = ComputeDevice.Reference, Store = new RunStore(null) });
        Assert.Equal(
            Figure(reference, "training-loss-vs-iterations").Series.Select(s => s.Y),
            Figure(result, "training-loss-vs-iterations").Series.Select(s => s.Y));
    }

    private sealed class SyncProgress(List<double> fractions) : IProgress<(double Fraction, string Status)>
    {
        public void Report((double Fraction, string Status) value)
        {
            lock (fractions)
            {
                fractions.Add(value.Fraction);
            }
        }
    }
}
