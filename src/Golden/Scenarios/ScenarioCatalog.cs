using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;
using Verification.Reference.Sampling;

namespace Verification.Golden.Scenarios;

/// <summary>
/// The canonical golden scenarios: every gradient optimizer and variant on a small quadratic, and DASGrad / ap-SGD
/// (adaptive, uniform and fixed probabilities, every sampler option) on a small least-squares finite sum. Each
/// scenario is one file <c>Verified/ID.verified.jsonl</c>.
/// </summary>
/// <remarks>
/// Also Reddi et al.'s online problem (deterministic and stochastic, on [−1, 1]) for every gradient optimizer, and
/// multinomial / binary logistic regression on fixed 512-example subsets of MNIST and IMDB (read from
/// ../shared/data; the files carry indices and digests, never data) with few steps and a reduced dimension: 16
/// pixels of a 3×3 grid for MNIST (d = 100), the first 128 vocabulary tokens for IMDB (d = 129).
/// </remarks>
internal static class ScenarioCatalog
{
    /// <summary>Steps per quadratic scenario.</summary>
    public const int QuadraticSteps = 25;

    /// <summary>Steps per least-squares scenario.</summary>
    public const int LeastSquaresSteps = 25;

    /// <summary>
    /// d = 5 (two Philox blocks per mask), curvatures from 0.25 to 10 so that the moments see gradients of
    /// different sizes and signs that change as the iterates overshoot.
    /// </summary>
    public static QuadraticProblem Quadratic { get; } = new([1.0, 4.0, 0.25, 10.0, 0.5], [1.0, -2.0, 0.5, 0.3, -1.0]);

    /// <summary>θ_1 of the quadratic scenarios.</summary>
    public static double[] QuadraticStart => [-0.5, 0.75, 2.0, 0.0, 1.5];

    /// <summary>n = 5 examples (8 tree leaves, 3 of them padding), d = 3.</summary>
    public static LeastSquaresSum LeastSquares { get; } = new(
        [[1.0, 0.5, -1.0], [0.2, -1.5, 0.3], [-0.7, 0.1, 2.0], [1.2, 1.0, 0.0], [0.0, -0.4, -0.9]],
        [0.5, -1.0, 2.0, 0.3, -0.6]);

    /// <summary>θ_1 of the least-squares scenarios.</summary>
    public static double[] LeastSquaresStart => [0.0, 0.0, 0.0];

    /// <summary>Every scenario, in file-name order within each problem.</summary>
    public static IReadOnlyList<GoldenScenario> All => AllScenarios.Value;


    /// <summary>Steps per Reddi scenario (six periods of the deterministic problem).</summary>
    public const int ReddiSteps = 18;

    /// <summary>Steps per MNIST / IMDB scenario with a gradient-driven optimizer.</summary>
    public const int DataSteps = 3;

    /// <summary>Steps per MNIST / IMDB scenario with DASGrad (its state holds n scores and a 2C-node tree per step).</summary>
    public const int DataSampledSteps = 2;

    /// <summary>Reddi et al.'s deterministic problem, C = 3.</summary>
    public static ReddiOnlineProblem Reddi { get; } = ReddiOnlineProblem.Deterministic(3.0);

    /// <summary>The stochastic problem, C = 3, δ = 0.1 (p = 0.275), seed 42.</summary>
    public static ReddiOnlineProblem ReddiStochastic { get; } = ReddiOnlineProblem.Stochastic(3.0, 0.1, 42);

    /// <summary>
    /// The first 512 MNIST training examples; the 9 pixels at rows and columns 7, 14, 21 of the 28×28 image (a 3×3
    /// grid over the digit area), /255, plus a bias: d = 10 × 10 = 100; λ = 1e-3 (docs/convex.md).
    /// </summary>
    public static MnistLogisticProblem Mnist { get; } = new(
        [.. Enumerable.Range(0, 512)],
        [.. from r in new[] { 7, 14, 21 } from c in new[] { 7, 14, 21 } select 28 * r + c],
        1e-3);

    /// <summary>
    /// 512 IMDB training reviews spread evenly over the file (index ⌊k·25000/512⌋, k = 0..511: both labels), the
    /// first 128 vocabulary tokens (d = 129), term frequencies, L2 rows, plus a bias; λ = 1e-4 (docs/convex.md).
    /// </summary>
    public static ImdbLogisticProblem Imdb { get; } = new([.. Enumerable.Range(0, 512).Select(k => (int)(k * 25_000L / 512))], 128, 1e-4);

    // Declared after the problems it uses (static initialisers run in textual order); built on first use.
    private static readonly Lazy<IReadOnlyList<GoldenScenario>> AllScenarios = new(() =>
        [.. QuadraticScenarios(), .. LeastSquaresScenarios(), .. ReddiScenarios(), .. DataScenarios("mnist-", Mnist), .. DataScenarios("imdb-", Imdb)]);

    /// <summary>The scenario with a given id.</summary>
    public static GoldenScenario Get(string id) =>
        All.FirstOrDefault(s => s.Id == id) ?? throw new ArgumentException($"No golden scenario '{id}'.", nameof(id));

    private static IEnumerable<GoldenScenario> QuadraticScenarios()
    {
        const double lr = 0.05;
        var optimizers = new List<(string Id, GoldenOptimizer Optimizer)>
        {
            ("sgd", GoldenOptimizer.Of(new Sgd(new SgdOptions { LearningRate = lr }))),
            ("sgd-inverse-sqrt-box", GoldenOptimizer.Of(new Sgd(new SgdOptions { LearningRate = lr, LearningRateDecay = LearningRateDecay.InverseSqrt, Box = new Box(-1, 1) }))),
            ("adagrad", GoldenOptimizer.Of(new AdaGrad(new AdaGradOptions { LearningRate = 0.1 }))),
            ("rmsprop", GoldenOptimizer.Of(new RmsProp(new RmsPropOptions { LearningRate = 0.01 }))),
            ("adam", GoldenOptimizer.Of(new Adam(new AdamOptions { LearningRate = lr }))),
            ("adam-no-bias-correction-eps-inside", GoldenOptimizer.Of(new Adam(new AdamOptions
            {
                LearningRate = lr, BiasCorrection = false, EpsilonPlacement = EpsilonPlacement.Inside,
            }))),
            ("adam-theory", GoldenOptimizer.Of(new Adam(new AdamOptions
            {
                LearningRate = lr, LearningRateDecay = LearningRateDecay.InverseSqrt, Beta1Decay = 0.99, Box = new Box(-1.5, 1.5),
            }))),
            ("amsgrad-reddi", GoldenOptimizer.Of(new AmsGrad(new AmsGradOptions { LearningRate = lr, Convention = AmsGradConvention.Reddi }))),
            ("amsgrad-pytorch", GoldenOptimizer.Of(new AmsGrad(new AmsGradOptions { LearningRate = lr, Convention = AmsGradConvention.PyTorch }))),
        };
        foreach (StochGradAdamVariant variant in Enum.GetValues<StochGradAdamVariant>())
        {
            optimizers.Add(($"stochgradadam-{StochGradAdamVariantNames.Of(variant)}", GoldenOptimizer.Of(new StochGradAdam(new StochGradAdamOptions
            {
                Variant = variant, SamplingRate = 0.6, LearningRate = lr, Seed = 7,
            }))));
        }

        optimizers.Add(("stochgradadam-code_port-coupled-wd", GoldenOptimizer.Of(new StochGradAdam(new StochGradAdamOptions
        {
            Variant = StochGradAdamVariant.CodePort, SamplingRate = 0.6, LearningRate = lr, WeightDecay = 0.01, Seed = 3,
        }))));
        optimizers.Add(("stochgradadam-masked_adam-decoupled-wd", GoldenOptimizer.Of(new StochGradAdam(new StochGradAdamOptions
        {
            SamplingRate = 0.6, LearningRate = lr, WeightDecay = 0.01, WeightDecayMode = WeightDecayMode.Decoupled, Seed = 3,
        }))));
        optimizers.Add(("stochgradadam-theorem-box-lambda", GoldenOptimizer.Of(new StochGradAdam(new StochGradAdamOptions
        {
            Variant = StochGradAdamVariant.Theorem, SamplingRate = 0.6, LearningRate = lr, Beta1Decay = 0.99, Box = new Box(-1.5, 1.5),
            Seed = 0x1234_5678_9abc_def0,
        }))));
        return optimizers.Select(o => new GoldenScenario("quadratic-" + o.Id, Quadratic, o.Optimizer, QuadraticStart, QuadraticSteps));
    }

    private static IEnumerable<GoldenScenario> LeastSquaresScenarios()
    {
        var rule = new AmsGradOptions { LearningRate = 0.05 };
        (string Id, GoldenOptimizer Optimizer)[] optimizers =
        [
            ("dasgrad", GoldenOptimizer.Of(new DasGrad(rule, new ImportanceSamplerOptions { BatchSize = 4, RefreshPeriod = 3, Seed = 5 }))),
            ("dasgrad-seen-only-mix-without-replacement-max-in-batch", GoldenOptimizer.Of(new DasGrad(
                rule with { Convention = AmsGradConvention.PyTorch },
                new ImportanceSamplerOptions
                {
                    BatchSize = 3, RefreshPeriod = 2, RefreshMode = RefreshMode.SeenOnly, FloorMode = ProbabilityFloorMode.MixWithUniform, Floor = 0.1,
                    Replacement = BatchReplacement.WithoutReplacement, WeightNormalization = WeightNormalization.MaxInBatch, Seed = 9,
                }))),
            ("dasgrad-seen-only-add-to-score", GoldenOptimizer.Of(new DasGrad(
                rule, new ImportanceSamplerOptions { BatchSize = 2, RefreshPeriod = 3, RefreshMode = RefreshMode.SeenOnly, Floor = 0.01, Seed = 17 }))),
            ("dasgrad-uniform", GoldenOptimizer.Of(new DasGrad(rule, new ImportanceSamplerOptions { Source = ProbabilitySource.Uniform, BatchSize = 2, Seed = 11 }))),
            ("dasgrad-fixed", GoldenOptimizer.Of(new DasGrad(rule, new ImportanceSamplerOptions
            {
                Source = ProbabilitySource.Fixed, FixedProbabilities = [0.1, 0.2, 0.3, 0.25, 0.15], BatchSize = 2, Seed = 13,
            }))),
            ("ap-sgd", GoldenOptimizer.Of(new ApSgd(
                new SgdOptions { LearningRate = 0.1, LearningRateDecay = LearningRateDecay.InverseSqrt },
                new ImportanceSamplerOptions { BatchSize = 2, RefreshPeriod = 4, Seed = 1 }))),
            ("ap-sgd-uniform-box", GoldenOptimizer.Of(new ApSgd(
                new SgdOptions { LearningRate = 0.05, Box = new Box(-0.5, 0.5) },
                new ImportanceSamplerOptions { Source = ProbabilitySource.Uniform, BatchSize = 1, Seed = 2 }))),
        ];
        return optimizers.Select(o => new GoldenScenario("least-squares-" + o.Id, LeastSquares, o.Optimizer, LeastSquaresStart, LeastSquaresSteps));
    }

    private static IEnumerable<GoldenScenario> ReddiScenarios()
    {
        var box = new Box(ReddiOnlineProblem.Lower, ReddiOnlineProblem.Upper);
        const double lr = 0.1;
        var optimizers = new List<(string Id, GoldenOptimizer Optimizer)>
        {
            ("sgd", GoldenOptimizer.Of(new Sgd(new SgdOptions { LearningRate = lr, LearningRateDecay = LearningRateDecay.InverseSqrt, Box = box }))),
            ("adagrad", GoldenOptimizer.Of(new AdaGrad(new AdaGradOptions { LearningRate = lr, Box = box }))),
            ("rmsprop", GoldenOptimizer.Of(new RmsProp(new RmsPropOptions { LearningRate = lr, Rho = 0.99, Box = box }))),
            ("adam", GoldenOptimizer.Of(new Adam(new AdamOptions { LearningRate = lr, LearningRateDecay = LearningRateDecay.InverseSqrt, Beta2 = 0.99, Box = box }))),
            ("amsgrad-reddi", GoldenOptimizer.Of(new AmsGrad(new AmsGradOptions
            {
                LearningRate = lr, LearningRateDecay = LearningRateDecay.InverseSqrt, Beta2 = 0.99, Convention = AmsGradConvention.Reddi, Box = box,
            }))),
            ("amsgrad-pytorch", GoldenOptimizer.Of(new AmsGrad(new AmsGradOptions
            {
                LearningRate = lr, LearningRateDecay = LearningRateDecay.InverseSqrt, Beta2 = 0.99, Convention = AmsGradConvention.PyTorch, Box = box,
            }))),
        };
        foreach (StochGradAdamVariant variant in Enum.GetValues<StochGradAdamVariant>())
        {
            optimizers.Add(($"stochgradadam-{StochGradAdamVariantNames.Of(variant)}", GoldenOptimizer.Of(new StochGradAdam(new StochGradAdamOptions
            {
                Variant = variant, SamplingRate = 0.6, LearningRate = lr, LearningRateDecay = LearningRateDecay.InverseSqrt, Beta2 = 0.99, Box = box, Seed = 7,
            }))));
        }

        foreach (var o in optimizers)
        {
            yield return new GoldenScenario("reddi-" + o.Id, Reddi, o.Optimizer, [0.5], ReddiSteps);
        }

        string[] stochastic = ["sgd", "adam", "amsgrad-reddi", "stochgradadam-masked_adam"];
        foreach (var o in optimizers.Where(o => stochastic.Contains(o.Id)))
        {
            yield return new GoldenScenario("reddi-stochastic-" + o.Id, ReddiStochastic, Fresh(o.Optimizer), [0.5], ReddiSteps);
        }
    }

    // An optimizer with the same options as another (optimizers hold no state, but scenarios should not share objects).
    private static GoldenOptimizer Fresh(GoldenOptimizer optimizer) => optimizer.Gradient switch
    {
        Sgd s => GoldenOptimizer.Of(new Sgd(s.Options)),
        Adam a => GoldenOptimizer.Of(new Adam(a.Options)),
        AmsGrad a => GoldenOptimizer.Of(new AmsGrad(a.Options)),
        StochGradAdam s => GoldenOptimizer.Of(new StochGradAdam(s.Options)),
        _ => optimizer,
    };

    private static IEnumerable<GoldenScenario> DataScenarios(string prefix, IGoldenProblem problem)
    {
        const double lr = 0.01;
        var optimizers = new List<(string Id, GoldenOptimizer Optimizer)>
        {
            ("sgd", GoldenOptimizer.Of(new Sgd(new SgdOptions { LearningRate = 0.5 }))),
            ("adam", GoldenOptimizer.Of(new Adam(new AdamOptions { LearningRate = lr }))),
            ("amsgrad-reddi", GoldenOptimizer.Of(new AmsGrad(new AmsGradOptions { LearningRate = lr, Convention = AmsGradConvention.Reddi }))),
            ("amsgrad-pytorch", GoldenOptimizer.Of(new AmsGrad(new AmsGradOptions { LearningRate = lr, Convention = AmsGradConvention.PyTorch }))),
        };
        foreach (StochGradAdamVariant variant in Enum.GetValues<StochGradAdamVariant>())
        {
            optimizers.Add(($"stochgradadam-{StochGradAdamVariantNames.Of(variant)}", GoldenOptimizer.Of(new StochGradAdam(new StochGradAdamOptions
            {
                Variant = variant, SamplingRate = 0.6, LearningRate = lr, Seed = 7,
            }))));
        }

        foreach (var o in optimizers)
        {
            yield return new GoldenScenario(prefix + o.Id, problem, o.Optimizer, new double[problem.Dimension], DataSteps);
        }

        var rule = new AmsGradOptions { LearningRate = lr };
        yield return new GoldenScenario(prefix + "dasgrad", problem, GoldenOptimizer.Of(new DasGrad(
            rule, new ImportanceSamplerOptions { BatchSize = 8, RefreshPeriod = 1, Floor = 0.01, Seed = 5 })), new double[problem.Dimension], DataSampledSteps);
        yield return new GoldenScenario(prefix + "dasgrad-uniform", problem, GoldenOptimizer.Of(new DasGrad(
            rule, new ImportanceSamplerOptions { Source = ProbabilitySource.Uniform, BatchSize = 8, Seed = 11 })), new double[problem.Dimension], DataSampledSteps);
    }
}
