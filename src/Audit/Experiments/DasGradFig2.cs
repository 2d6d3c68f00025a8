using Verification.Audit.Experiments.Support;
using Verification.Convex.Online;
using Verification.Convex.Optima;
using Verification.Reference.Optimizers;
using Verification.Reference.Sampling;

namespace Verification.Audit.Experiments;

/// <summary>
/// DASGrad Fig. 2: online centroid learning, f_i(θ) = ½‖θ − x_i‖²; DASGrad's benefit over uniform-sampling AMSGrad
/// against the data variance, for isotropic and two heteroscedastic variance shapes.
/// </summary>
public sealed class DasGradFig2 : IExperiment
{
    private const int Dimension = 10;
    private const int BatchSize = 32;
    private const int RefreshPeriod = 10;
    private const double Alpha = 0.1;

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
        long steps = context.Pick(40L, 1_000L, 5_000L);
        int seeds = context.Pick(1, 10, 20);
        double[] variances = context.Pick<double[]>([0.1, 10.0], [0.01, 0.1, 1.0, 10.0, 100.0], [1e-3, 1e-2, 0.1, 1.0, 10.0, 100.0, 1e3]);
        VarianceShape[] shapes = [VarianceShape.Isotropic, VarianceShape.CoordinateHeteroscedastic, VarianceShape.ExampleHeteroscedastic];
        var box = new Box(-1.0, 1.0);
        var rule = new AmsGradOptions { LearningRate = Alpha, LearningRateDecay = LearningRateDecay.InverseSqrt, Box = box };
        BoxConstraint feasible = BoxConstraint.Uniform(Dimension, -1.0, 1.0);

        var benefitSeries = new List<Series>();
        var finalSeries = new List<Series>();
        var rows = new List<string[]>();
        int total = shapes.Length * variances.Length * seeds;
        int significant = 0, favouring = 0, cells = 0;
        var reductions = new Dictionary<VarianceShape, double>();
        int done = 0;
        foreach (VarianceShape shape in shapes)
        {
            var x = new double[variances.Length];
            var benefit = new double[variances.Length];
            var amsFinal = new double[variances.Length];
            var dasFinal = new double[variances.Length];
            for (int v = 0; v < variances.Length; v++)
            {
                double logRatio = 0.0, logRatioSquares = 0.0, logAms = 0.0, logDas = 0.0, measured = 0.0, reduction = 0.0;
                for (int s = 0; s < seeds; s++)
                {
                    ulong seed = unchecked(context.Seed * 1_000_003UL + (ulong)s);
                    var problem = new CentroidProblem(new CentroidOptions
                    {
                        Dimension = Dimension, ExampleCount = n, Variance = variances[v], Shape = shape, Seed = seed,
                    });
                    double[] optimum = problem.Minimizer(feasible);
                    double fStar = problem.Value(optimum);
                    double ams = FinalSuboptimality(problem, new DasGrad(rule, Sampler(ProbabilitySource.Uniform, seed)), steps, fStar);
                    double das = FinalSuboptimality(problem, new DasGrad(rule, Sampler(ProbabilitySource.Adaptive, seed)), steps, fStar);
                    double floor = 1e-300;
                    logAms += Math.Log(Math.Max(ams, floor));
                    logDas += Math.Log(Math.Max(das, floor));
                    double lr = Math.Log(Math.Max(ams, floor) / Math.Max(das, floor));
                    logRatio += lr;
                    logRatioSquares += lr * lr;
                    measured += problem.GradientVariance();
                    reduction += NormSpreadAtOptimum(problem, optimum);
                    done++;
                    context.Progress.Report(((double)done / total, $"dasgrad-fig2: {shape}, σ² = {Text.G(variances[v])}, seed {s + 1}/{seeds}"));
                }

                double meanLog = logRatio / seeds;
                double standardError = seeds > 1 ? Math.Sqrt(Math.Max(logRatioSquares / seeds - meanLog * meanLog, 0.0) * seeds / (seeds - 1) / seeds) : double.NaN;
                significant += seeds > 1 && Math.Abs(meanLog) > 2 * standardError ? 1 : 0;
                favouring += seeds > 1 && meanLog > 2 * standardError ? 1 : 0;
                cells++;
                reductions[shape] = reduction / seeds;
                x[v] = measured / seeds;
                benefit[v] = Math.Exp(logRatio / seeds);
                amsFinal[v] = Math.Exp(logAms / seeds);
                dasFinal[v] = Math.Exp(logDas / seeds);
                rows.Add([ShapeName(shape), Text.G(variances[v]), Text.G(x[v]), Text.G(amsFinal[v], 3), Text.G(dasFinal[v], 3), Text.G(benefit[v], 3), seeds > 1 ? Text.F(standardError, 3) : "n/a", Text.F(reduction / seeds, 3)]);
            }

            benefitSeries.Add(new Series(ShapeName(shape), x, benefit));
            finalSeries.Add(new Series($"AMSGrad, {ShapeName(shape)}", x, amsFinal));
            finalSeries.Add(new Series($"DASGrad, {ShapeName(shape)}", x, dasFinal));
        }

        Figure[] figures =
        [
            new("benefit-vs-variance", "DASGrad's benefit: AMSGrad's final suboptimality over DASGrad's (geometric mean over seeds; > 1 favours DASGrad)", "gradient variance (1/n) Σ‖x_i − x̄‖²", "suboptimality ratio AMSGrad / DASGrad", benefitSeries, LogX: true, LogY: true),
            new("final-suboptimality-vs-variance", "Final suboptimality f(θ_{T+1}) − f* (geometric mean over seeds)", "gradient variance (1/n) Σ‖x_i − x̄‖²", "f(θ_{T+1}) − f*", finalSeries, LogX: true, LogY: true),
        ];
        var table = new Table(
            "Centroid runs (geometric means over seeds)",
            ["shape", "σ²", "measured gradient variance", "AMSGrad f − f*", "DASGrad f − f*", "ratio AMSGrad/DASGrad", "std. error of ln ratio", "(mean‖g_i‖)²/mean‖g_i‖² at θ*"],
            rows.ToArray());

        string setup = Text.Inv($"""
            {context.ScaleName()}, base seed {context.Seed}. Problem: f_i(θ) = ½‖θ − x_i‖², f = mean of f_i, with x_i = μ + s_i σ ⊙ z_i (μ = 0.5 in every coordinate, z_i standard normal from Philox), d = {Dimension}, n = {n}, feasible box [−1, 1]^d, f* = f(Π(x̄)) exactly. Variance levels σ² ∈ {"{"}{string.Join(", ", variances.Select(v => Text.G(v)))}{"}"}; shapes: isotropic, coordinate-heteroscedastic (σ_k spread 10× across coordinates) and example-heteroscedastic (per-example scales spread 10×), each with expected total variance dσ².
            Optimizers: AMSGrad (Reddi convention) on uniform mini-batches vs DASGrad (same update rule, p ∝ ‖∇f_i‖ + 1e-6, full-pass refresh every {RefreshPeriod} steps), batch {BatchSize}, α_t = {Text.G(Alpha)}/√t, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, θ_1 = 0, {steps} steps. Both use the same index-sampling seed per run; {seeds} data/sampling seed(s) per cell (seed_s = base·1000003 + s).
            Benefit = AMSGrad's final suboptimality f(θ_(T+1)) − f* divided by DASGrad's, geometric mean over seeds (a ratio rather than a difference because the suboptimality itself spans orders of magnitude across variance levels). The last table column is the variance-reduction factor of optimal sampling at θ* (Var_p* / Var_uniform of the single-example estimator when ∇f(θ*) = 0).
            """) + (context.Device != ComputeDevice.Reference ? " DASGrad and its uniform-sampling baseline have no accelerator implementation, so every step ran on the CPU reference." : string.Empty);
        double[] isotropic = benefitSeries[0].Y;
        double[] exampleHetero = benefitSeries[2].Y;
        string findings = Text.Inv($"""
            The benefit ratio is {Text.G(isotropic[0], 3)} at the lowest and {Text.G(isotropic[^1], 3)} at the highest variance for isotropic data, and {Text.G(exampleHetero[0], 3)} and {Text.G(exampleHetero[^1], 3)} for example-heteroscedastic data (full table below). {(significant == 0 && seeds > 1 ? "The paper's claim that the benefit grows with variance is not reproduced here:" : Trend(benefitSeries))} Across all {cells} cells the ratio lies between {Text.G(benefitSeries.Min(b => b.Y.Min()), 3)} and {Text.G(benefitSeries.Max(b => b.Y.Max()), 3)}; the mean log-ratio is more than two standard errors from 0 in {significant} of them ({favouring} favouring DASGrad){(significant == 0 ? ", so no difference is distinguishable from seed-to-seed noise" : string.Empty)}. What the theory predicts is a gain governed by the spread of the per-example gradient norms, not by the variance itself: at θ* optimal sampling cuts the single-example gradient variance by {Text.F(100 * (1 - reductions[VarianceShape.Isotropic]), 0)}% (isotropic), {Text.F(100 * (1 - reductions[VarianceShape.CoordinateHeteroscedastic]), 0)}% (coordinate-heteroscedastic) and {Text.F(100 * (1 - reductions[VarianceShape.ExampleHeteroscedastic]), 0)}% (example-heteroscedastic), the same at every σ² for a given shape because f_i is scale-invariant around x̄ (last column). The figure does not show the paper's curve (its data generation is unknown), uses {seeds} seed(s), and counts iterations, not gradient evaluations (DASGrad's refresh costs n = {n} norm evaluations every {RefreshPeriod} steps on top of {BatchSize} per step).
            """);
        return new ExperimentResult(Name, Title, setup, findings, figures, [table], clock.Elapsed.TotalSeconds);
    }

    private static ImportanceSamplerOptions Sampler(ProbabilitySource source, ulong seed) =>
        new() { Source = source, BatchSize = BatchSize, RefreshPeriod = RefreshPeriod, Seed = seed };

    private static double FinalSuboptimality(CentroidProblem problem, DasGrad optimizer, long steps, double fStar)
    {
        double[] theta = new double[problem.Dimension];
        OptimizerState state = optimizer.Init(problem);
        for (long t = 1; t <= steps; t++)
        {
            optimizer.Step(state, theta, problem);
        }

        return problem.Value(theta) - fStar;
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

    private static string Trend(List<Series> series)
    {
        int increasing = series.Count(s => s.Y[^1] > s.Y[0]);
        return increasing == series.Count
            ? "For every shape the ratio is larger at the highest variance than at the lowest, in the direction of the paper's claim."
            : increasing == 0
                ? "For no shape is the ratio larger at the highest variance than at the lowest: the paper's claim (benefit grows with variance) is not reproduced here."
                : $"For {increasing} of {series.Count} shapes the ratio is larger at the highest variance than at the lowest; the paper's monotone claim is reproduced only partly.";
    }

    private static string ShapeName(VarianceShape shape) => shape switch
    {
        VarianceShape.Isotropic => "isotropic",
        VarianceShape.CoordinateHeteroscedastic => "coordinate-heteroscedastic",
        _ => "example-heteroscedastic",
    };
}
