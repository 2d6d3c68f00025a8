using System.Globalization;
using Verification.Audit.Experiments.Runs;
using Verification.Audit.Experiments.Statistics;
using Verification.Audit.Experiments.Support;
using Verification.Convex.Online;
using Verification.Convex.Optima;
using Verification.Reference.Optimizers;
using Verification.Reference.Sampling;

namespace Verification.Audit.Experiments;

/// <summary>
/// DASGrad Fig. 2 (§6, "Improvements and variance"): online centroid learning, f_i(θ) = ½‖θ − x_i‖²; DASGrad's benefit
/// over uniform-sampling AMSGrad against the data variance, for isotropic and two heteroscedastic variance shapes, on
/// every evaluation seed, with the paper's claim (benefit grows with variance) tested as a slope over seeds.
/// </summary>
public sealed class DasGradFig2 : IExperiment
{
    private const string Version = "v2";
    private const int Dimension = 10;
    private const int BatchSize = 32;
    private const int RefreshPeriod = 10;
    private const double Alpha = 0.1;

    private static readonly VarianceShape[] Shapes = [VarianceShape.Isotropic, VarianceShape.CoordinateHeteroscedastic, VarianceShape.ExampleHeteroscedastic];

    /// <inheritdoc/>
    public string Name => "dasgrad-fig2";

    /// <inheritdoc/>
    public string Title => "DASGrad Fig. 2: benefit of adaptive sampling against data variance (online centroid)";

    /// <inheritdoc/>
    public ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int n = context.Pick(200, 1_000, 1_000);
        long steps = context.Pick(40L, 2_000L, 5_000L);
        double[] variances = context.Pick<double[]>([0.1, 10.0], [0.01, 0.1, 1.0, 10.0, 100.0], [1e-3, 1e-2, 0.1, 1.0, 10.0, 100.0, 1e3]);
        IReadOnlyList<RunSeed> seeds = context.Seeds.Evaluation;
        string setup = Setup(context, n, steps, variances, seeds.Count);

        var batch = new RunBatch(context, Name);
        foreach (VarianceShape shape in Shapes)
        {
            foreach (double variance in variances)
            {
                foreach (RunSeed seed in seeds)
                {
                    string settings = Text.Inv($"{Version} centroid shape={shape} variance={variance:R} d={Dimension} n={n} center=0.5 spread=10 box=1 steps={steps} batch={BatchSize} refresh={RefreshPeriod} alpha={Alpha:R} decay=inverse-sqrt beta1=0.9 beta2=0.999 eps=1e-8 floor=1e-6 seed={seed.Value} device={context.Device}");
                    batch.Add(Key(shape, variance, seed), settings, 1.0, token => PairedRun(shape, variance, n, steps, seed.Value, token));
                }
            }
        }

        BatchResult result = batch.Execute();
        if (!result.Complete)
        {
            return ExperimentResult.Partial(this, setup, result.Records.Count, result.Missing, clock.Elapsed.TotalSeconds);
        }

        var cells = Shapes.ToDictionary(s => s, s => variances.Select(v => new CentroidCell(seeds.Select(seed => result[Key(s, v, seed)]).ToArray())).ToArray());
        return Report(context, setup, variances, seeds, cells, n, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// One seed of one cell: the data of <paramref name="seed"/>, then uniform-sampling AMSGrad and DASGrad from θ_1 = 0
    /// with the same sampler seed, so the two final suboptimalities form a pair.
    /// </summary>
    private static RunRecord PairedRun(VarianceShape shape, double variance, int n, long steps, ulong seed, CancellationToken token)
    {
        var problem = new CentroidProblem(new CentroidOptions { Dimension = Dimension, ExampleCount = n, Variance = variance, Shape = shape, Seed = seed });
        double[] optimum = problem.Minimizer(BoxConstraint.Uniform(Dimension, -1.0, 1.0));
        double fStar = problem.Value(optimum);
        var rule = new AmsGradOptions { LearningRate = Alpha, LearningRateDecay = LearningRateDecay.InverseSqrt, Box = new Box(-1.0, 1.0) };
        double ams = FinalSuboptimality(problem, new DasGrad(rule, Sampler(ProbabilitySource.Uniform, seed)), steps, fStar, token);
        double das = FinalSuboptimality(problem, new DasGrad(rule, Sampler(ProbabilitySource.Adaptive, seed)), steps, fStar, token);
        return new RunRecord(CentroidCell.Columns).Add(ams, das, problem.GradientVariance(), NormSpreadAtOptimum(problem, optimum));
    }

    private ExperimentResult Report(
        ExperimentContext context, string setup, double[] variances, IReadOnlyList<RunSeed> seeds,
        Dictionary<VarianceShape, CentroidCell[]> cells, int n, double seconds)
    {
        ulong[] seedValues = seeds.Select(s => s.Value).ToArray();
        double[] x = variances.Select(v => Dimension * v).ToArray();
        double[] logX = x.Select(v => Math.Log(v)).ToArray();
        string band = SeedStatistics.GeometricBand(seeds.Count);
        var benefitSeries = new List<Series>();
        var finalSeries = new List<Series>();
        var rows = new List<string[]>();
        var slopes = new Dictionary<VarianceShape, SeedInterval>();
        foreach (VarianceShape shape in Shapes)
        {
            CentroidCell[] row = cells[shape];
            // Per seed, the curve over variance levels (the same seed's data at every level, scaled).
            double[][] PerSeed(Func<CentroidCell, int, double> value) =>
                Enumerable.Range(0, seeds.Count).Select(s => row.Select(c => value(c, s)).ToArray()).ToArray();
            benefitSeries.Add(BandedSeries.From(ShapeName(shape), x, PerSeed((c, s) => c.Ams[s] / c.Das[s]), seedValues, geometric: true));
            finalSeries.Add(BandedSeries.From($"AMSGrad, {ShapeName(shape)}", x, PerSeed((c, s) => c.Ams[s]), seedValues, geometric: true));
            finalSeries.Add(BandedSeries.From($"DASGrad, {ShapeName(shape)}", x, PerSeed((c, s) => c.Das[s]), seedValues, geometric: true));
            // The slope of ln(ratio) against ln(variance) is scale-free: the ratio grows by 10^b per tenfold variance.
            slopes[shape] = SeedTrend.Slope(logX, PerSeed((c, s) => Math.Log(c.Ams[s] / c.Das[s])));
            for (int v = 0; v < variances.Length; v++)
            {
                CentroidCell c = row[v];
                rows.Add(
                [
                    ShapeName(shape), Text.G(variances[v]), SeedStatistics.Mean(c.Variance).Format(4), SeedStatistics.Geometric(c.Ams).Format(),
                    SeedStatistics.Geometric(c.Das).Format(), SeedStatistics.PairedRatio(c.Ams, c.Das).Format(), Text.F(c.Spread.Average(), 3),
                ]);
            }
        }

        Figure[] figures =
        [
            new("benefit-vs-variance", "DASGrad's benefit: paired ratio of AMSGrad's final suboptimality to DASGrad's on the same seed (> 1 favours DASGrad)", "gradient variance dσ² (nominal; measured in the table)", "suboptimality ratio AMSGrad / DASGrad", benefitSeries, LogX: true, LogY: true, Reference: new ReferenceLine(1.0, "no benefit"))
            {
                BandMeaning = band,
            },
            new("final-suboptimality-vs-variance", "Final suboptimality f(θ_{T+1}) − f*", "gradient variance dσ² (nominal; measured in the table)", "f(θ_{T+1}) − f*", finalSeries, LogX: true, LogY: true)
            {
                BandMeaning = band,
            },
        ];
        var table = new Table(
            $"Centroid runs: geometric means with 95% intervals over {seeds.Count} evaluation seeds (ratio: paired, same seed)",
            ["shape", "σ²", "measured gradient variance (mean)", "AMSGrad f − f*", "DASGrad f − f*", "ratio AMSGrad/DASGrad", "(mean‖g_i‖)²/mean‖g_i‖² at θ*"],
            rows.ToArray());
        var slopeTable = new Table(
            "The paper's claim as a test: slope b of ln(ratio) against ln(variance), fitted per seed, mean and 95% t-interval over seeds (b > 0: the benefit grows with variance; the ratio changes by a factor 10^b per tenfold variance)",
            ["shape", "slope b", "factor per tenfold variance", "verdict"],
            Shapes.Select(s => new[] { ShapeName(s), slopes[s].Format(), Text.Inv($"{Math.Pow(10, slopes[s].Centre):G3} [{Math.Pow(10, slopes[s].Lower):G3}, {Math.Pow(10, slopes[s].Upper):G3}]"), TrendWords(slopes[s]) }).ToArray());

        var top = Shapes.ToDictionary(s => s, s => SeedStatistics.PairedRatio(cells[s][^1].Ams, cells[s][^1].Das));
        var bottom = Shapes.ToDictionary(s => s, s => SeedStatistics.PairedRatio(cells[s][0].Ams, cells[s][0].Das));
        int growing = Shapes.Count(s => slopes[s].Above(0)), shrinking = Shapes.Count(s => slopes[s].Below(0));
        int better = Shapes.Count(s => top[s].Above(1)), worse = Shapes.Count(s => top[s].Below(1));
        string findings = Text.Inv($"""
            Paired ratio AMSGrad/DASGrad of the final suboptimality (geometric mean [95% interval] over {seeds.Count} seeds), lowest → highest variance: isotropic {bottom[VarianceShape.Isotropic].Format()} → {top[VarianceShape.Isotropic].Format()}; coordinate-heteroscedastic {bottom[VarianceShape.CoordinateHeteroscedastic].Format()} → {top[VarianceShape.CoordinateHeteroscedastic].Format()}; example-heteroscedastic {bottom[VarianceShape.ExampleHeteroscedastic].Format()} → {top[VarianceShape.ExampleHeteroscedastic].Format()}.
            Trend test (slope of ln ratio against ln variance, per seed): isotropic {slopes[VarianceShape.Isotropic].Format()}, coordinate-heteroscedastic {slopes[VarianceShape.CoordinateHeteroscedastic].Format()}, example-heteroscedastic {slopes[VarianceShape.ExampleHeteroscedastic].Format()}; {growing} of {Shapes.Length} slope intervals lie above 0 (benefit grows with variance beyond seed noise), {shrinking} below 0, {Shapes.Length - growing - shrinking} contain 0 (no trend distinguishable from seed-to-seed noise). At the highest variance the ratio's interval lies above 1 for {better} shape(s), below 1 for {worse}, and contains 1 for {Shapes.Length - better - worse}.
            What the theory predicts is a gain set by the spread of the per-example gradient norms, not by the variance itself: at θ* optimal sampling cuts the single-example gradient variance by {Text.F(100 * (1 - cells[VarianceShape.Isotropic][0].Spread.Average()), 0)}% (isotropic), {Text.F(100 * (1 - cells[VarianceShape.CoordinateHeteroscedastic][0].Spread.Average()), 0)}% (coordinate-heteroscedastic) and {Text.F(100 * (1 - cells[VarianceShape.ExampleHeteroscedastic][0].Spread.Average()), 0)}% (example-heteroscedastic), nearly the same at every σ² for a given shape because the data of one seed are the same standard normals scaled by σ (exactly the same where the box does not clip x̄; last table column). Caveats: the paper's data generation and horizon are unknown, so this is not its curve; α is fixed, not tuned; iterations are counted, not gradient evaluations (DASGrad's refresh costs n = {n} norm evaluations every {RefreshPeriod} steps on top of {BatchSize} per step).
            """);
        var comparisons = new List<PaperComparison>
        {
            new(
                "§6 \"Improvements and variance\", Fig. 2: the greater the variance of the gradients, the greater the benefit of DASGrad's adaptive probabilities.",
                Text.Inv($"Slope of ln(AMSGrad/DASGrad) against ln(variance), per seed: isotropic {slopes[VarianceShape.Isotropic].Format()}, coordinate-heteroscedastic {slopes[VarianceShape.CoordinateHeteroscedastic].Format()}, example-heteroscedastic {slopes[VarianceShape.ExampleHeteroscedastic].Format()}."),
                growing == Shapes.Length ? ReproductionVerdict.Reproduced : growing > 0 ? ReproductionVerdict.Partly : ReproductionVerdict.NotReproduced,
                Text.Inv($"{growing} of {Shapes.Length} shapes have a slope interval above 0 over {seeds.Count} seeds. The paper's data, dimension, n, variance grid and horizon are unknown; here d = {Dimension}, n = {n}, σ² from {Text.G(variances[0])} to {Text.G(variances[^1])}, fixed α.")),
            new(
                "§5–6: adaptive probabilities prioritise the points with the most learning potential, so DASGrad improves on uniform sampling, most at high variance.",
                Text.Inv($"Paired ratio at the highest variance: isotropic {top[VarianceShape.Isotropic].Format()}, coordinate-heteroscedastic {top[VarianceShape.CoordinateHeteroscedastic].Format()}, example-heteroscedastic {top[VarianceShape.ExampleHeteroscedastic].Format()}."),
                better == Shapes.Length ? ReproductionVerdict.Reproduced : better > 0 ? ReproductionVerdict.Partly : ReproductionVerdict.NotReproduced,
                Text.Inv($"{better} of {Shapes.Length} intervals lie above 1 (DASGrad better beyond seed noise), {worse} below. Optimal sampling's variance reduction at θ* is {Text.F(100 * (1 - cells[VarianceShape.Isotropic][0].Spread.Average()), 0)}–{Text.F(100 * (1 - cells[VarianceShape.ExampleHeteroscedastic][0].Spread.Average()), 0)}% here, which bounds what adaptive sampling can gain.")),
        };
        return new ExperimentResult(Name, Title, setup, findings, figures, [table, slopeTable], seconds) { PaperComparisons = comparisons };
    }

    private static string Setup(ExperimentContext context, int n, long steps, double[] variances, int seedCount) => Text.Inv($"""
        {context.ScaleName()}, base seed {context.Seed}; {seedCount} evaluation seeds (Philox-derived from the base seed); no tuning seeds are used because nothing is tuned. Problem (§6): f_i(θ) = ½‖θ − x_i‖², f = mean of f_i, with x_i = μ + s_i σ ⊙ z_i (μ = 0.5 in every coordinate, z_i standard normal from Philox keyed by the seed), d = {Dimension}, n = {n}, feasible box [−1, 1]^d, f* = f(Π(x̄)) exactly. Variance levels σ² ∈ {"{"}{string.Join(", ", variances.Select(v => Text.G(v)))}{"}"}; shapes: isotropic, coordinate-heteroscedastic (σ_k spread 10× across coordinates) and example-heteroscedastic (per-example scales spread 10×), each with expected gradient variance dσ² (the x axis; the measured value is in the table).
        One run = shape × σ² × seed: the seed draws the data and the index sampling; AMSGrad on uniform mini-batches (DASGrad's update with uniform probabilities) and DASGrad (p ∝ ‖∇f_i‖ + 1e-6, full-pass refresh every {RefreshPeriod} steps) both run on it with the same sampler seed, so their final suboptimalities are paired. Batch {BatchSize}, α_t = {Text.G(Alpha)}/√t fixed for both (no tuning: the claim is a trend of the ratio across variance levels under one update rule, and one α keeps the levels comparable), β₁ = 0.9, β₂ = 0.999, ε = 1e-8, θ_1 = 0, {Text.N(steps)} steps (the paper gives no horizon).
        Benefit = AMSGrad's final suboptimality f(θ_(T+1)) − f* over DASGrad's on the same seed, summarised as the geometric mean of the per-seed ratios with the 95% t-interval of the mean log ratio as band (a ratio because the suboptimality spans orders of magnitude across levels); the suboptimality figure shows geometric means with the same kind of band. The paper's claim is tested by the least-squares slope of ln(ratio) against ln(variance) fitted on each seed, with the 95% t-interval of the slopes over seeds. The last table column is the variance-reduction factor of optimal sampling at θ* (Var_p* / Var_uniform of the single-example estimator when ∇f(θ*) = 0).
        """) + (context.Device != ComputeDevice.Reference ? " DASGrad and its uniform-sampling baseline have no accelerator implementation, so every step ran on the CPU reference." : string.Empty);

    private static string Key(VarianceShape shape, double variance, RunSeed seed) =>
        $"{ShapeKey(shape)}/var={variance.ToString("0.##########", CultureInfo.InvariantCulture)}/{seed.Label}";

    private static ImportanceSamplerOptions Sampler(ProbabilitySource source, ulong seed) =>
        new() { Source = source, BatchSize = BatchSize, RefreshPeriod = RefreshPeriod, Seed = seed };

    private static double FinalSuboptimality(CentroidProblem problem, DasGrad optimizer, long steps, double fStar, CancellationToken token)
    {
        double[] theta = new double[problem.Dimension];
        OptimizerState state = optimizer.Init(problem);
        for (long t = 1; t <= steps; t++)
        {
            token.ThrowIfCancellationRequested();
            optimizer.Step(state, theta, problem);
        }

        // A suboptimality that rounds to 0 (or a hair below) would break the log-scale summaries; 1e-300 stands for "exact".
        return Math.Max(problem.Value(theta) - fStar, 1e-300);
    }

    private static double NormSpreadAtOptimum(CentroidProblem problem, double[] optimum)
    {
        double sum = 0.0, sumSquares = 0.0;
        for (int i = 0; i < problem.ExampleCount; i++)
        {
            double norm = problem.ExampleGradientNorm(i, optimum);
            sum += norm;
            sumSquares += norm * norm;
        }

        double mean = sum / problem.ExampleCount;
        return sumSquares > 0 ? mean * mean / (sumSquares / problem.ExampleCount) : 1.0;
    }

    private static string TrendWords(SeedInterval slope) =>
        slope.Above(0) ? "grows with variance" : slope.Below(0) ? "shrinks with variance" : "no trend beyond seed noise";

    private static string ShapeKey(VarianceShape shape) => shape switch
    {
        VarianceShape.Isotropic => "isotropic",
        VarianceShape.CoordinateHeteroscedastic => "coordinate",
        _ => "example",
    };

    private static string ShapeName(VarianceShape shape) => shape switch
    {
        VarianceShape.Isotropic => "isotropic",
        VarianceShape.CoordinateHeteroscedastic => "coordinate-heteroscedastic",
        _ => "example-heteroscedastic",
    };

    /// <summary>One shape × σ² cell: the per-seed results in evaluation-seed order.</summary>
    private sealed class CentroidCell(RunRecord[] records)
    {
        public static readonly string[] Columns = ["amsgrad", "dasgrad", "gradient-variance", "norm-spread"];

        public double[] Ams { get; } = records.Select(r => r.Scalar("amsgrad")).ToArray();

        public double[] Das { get; } = records.Select(r => r.Scalar("dasgrad")).ToArray();

        public double[] Variance { get; } = records.Select(r => r.Scalar("gradient-variance")).ToArray();

        public double[] Spread { get; } = records.Select(r => r.Scalar("norm-spread")).ToArray();
    }
}
