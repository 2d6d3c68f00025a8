using Verification.Reference.Optimizers.StochGradAdam;
using Verification.Reference.Sampling;
using StochGradAdamOptimizer = Verification.Reference.Optimizers.StochGradAdam.StochGradAdam;

namespace Verification.Reference.Optimizers;

/// <summary>
/// One table of every optimizer configuration the generic properties run over (PyTorch's <c>OptimizerInfo</c> idea):
/// adding an optimizer here puts it under the checkpoint, validation and cross-check properties, and under the
/// accelerator check of <c>gpu-check</c>, at once.
/// </summary>
public static class OptimizerCatalog
{
    /// <summary>Every gradient-driven optimizer, with a name for test output.</summary>
    public static IReadOnlyList<(string Name, Func<IGradientOptimizer> Create)> GradientOptimizers { get; } =
    [
        ("sgd", () => new Sgd(new SgdOptions { LearningRate = 0.05 })),
        ("sgd/inverse-sqrt/box", () => new Sgd(new SgdOptions { LearningRate = 0.05, LearningRateDecay = LearningRateDecay.InverseSqrt, Box = new Box(-1, 1) })),
        ("adagrad", () => new AdaGrad()),
        ("rmsprop", () => new RmsProp()),
        ("adam", () => new Adam()),
        ("adam/no-bias-correction/eps-inside", () => new Adam(new AdamOptions { BiasCorrection = false, EpsilonPlacement = EpsilonPlacement.Inside })),
        ("adam/theory", () => new Adam(new AdamOptions { LearningRateDecay = LearningRateDecay.InverseSqrt, Beta1Decay = 0.99, Box = new Box(-2, 2) })),
        ("amsgrad/reddi", () => new AmsGrad(new AmsGradOptions { Convention = AmsGradConvention.Reddi })),
        ("amsgrad/pytorch", () => new AmsGrad(new AmsGradOptions { Convention = AmsGradConvention.PyTorch })),
        .. Enum.GetValues<StochGradAdamVariant>().Select(v =>
            ($"stochgradadam/{StochGradAdamVariantNames.Of(v)}", (Func<IGradientOptimizer>)(() => new StochGradAdamOptimizer(new StochGradAdamOptions { Variant = v, Seed = 7 })))),
        ("stochgradadam/code_port/wd", () => new StochGradAdamOptimizer(new StochGradAdamOptions { Variant = StochGradAdamVariant.CodePort, WeightDecay = 0.01, Seed = 3 })),
        ("stochgradadam/masked_adam/decoupled-wd", () => new StochGradAdamOptimizer(new StochGradAdamOptions { WeightDecay = 0.01, WeightDecayMode = WeightDecayMode.Decoupled, Seed = 3 })),
    ];

    /// <summary>Every importance-sampled optimizer, covering each sampler option at least once.</summary>
    public static IReadOnlyList<(string Name, Func<IFiniteSumOptimizer> Create)> FiniteSumOptimizers { get; } =
    [
        ("dasgrad", () => new DasGrad(sampler: new ImportanceSamplerOptions { BatchSize = 4, RefreshPeriod = 3, Seed = 5 })),
        ("dasgrad/seen-only/mix/without-replacement/max-norm", () => new DasGrad(
            new AmsGradOptions { Convention = AmsGradConvention.PyTorch },
            new ImportanceSamplerOptions
            {
                BatchSize = 3, RefreshPeriod = 2, RefreshMode = RefreshMode.SeenOnly, FloorMode = ProbabilityFloorMode.MixWithUniform,
                Floor = 0.1, Replacement = BatchReplacement.WithoutReplacement, WeightNormalization = WeightNormalization.MaxInBatch, Seed = 9,
            })),
        ("dasgrad/uniform", () => new DasGrad(sampler: new ImportanceSamplerOptions { Source = ProbabilitySource.Uniform, BatchSize = 2 })),
        ("ap-sgd", () => new ApSgd(new SgdOptions { LearningRate = 0.01, LearningRateDecay = LearningRateDecay.InverseSqrt }, new ImportanceSamplerOptions { BatchSize = 2, RefreshPeriod = 4 })),
    ];
}
