using Verification.Properties.Support;
using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;
using Verification.Reference.Sampling;
using Verification.Reference.Validation;

namespace Verification.Properties.Reference;

/// <summary>Every invalid input raises its documented exception, whose message names the parameter and the value.</summary>
public class InvalidInputTests
{
    private static readonly LeastSquaresProblem Problem = new([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [1.0, 2.0, 3.0]);

    /// <summary>(case, action, expected exception type, text the message must contain).</summary>
    public static TheoryData<string, Action, Type, string> Cases => new()
    {
        { "beta1 = 1", () => _ = new Adam(new AdamOptions { Beta1 = 1.0 }), typeof(InvalidHyperparameterException), "Invalid beta1: 1 (must be in [0, 1))" },
        { "beta1 < 0", () => _ = new AmsGrad(new AmsGradOptions { Beta1 = -0.1 }), typeof(InvalidHyperparameterException), "Invalid beta1: -0.1" },
        { "beta2 = 1.5", () => _ = new StochGradAdam(new StochGradAdamOptions { Beta2 = 1.5 }), typeof(InvalidHyperparameterException), "Invalid beta2: 1.5" },
        { "beta2 NaN", () => _ = new Adam(new AdamOptions { Beta2 = double.NaN }), typeof(InvalidHyperparameterException), "Invalid beta2: NaN" },
        { "rho = 1", () => _ = new RmsProp(new RmsPropOptions { Rho = 1.0 }), typeof(InvalidHyperparameterException), "Invalid rho: 1" },
        { "s = 0", () => _ = new StochGradAdam(new StochGradAdamOptions { SamplingRate = 0.0 }), typeof(InvalidHyperparameterException), "Invalid s: 0 (must be in (0, 1])" },
        { "s = 1.2", () => _ = new StochGradAdam(new StochGradAdamOptions { SamplingRate = 1.2 }), typeof(InvalidHyperparameterException), "Invalid s: 1.2" },
        { "s NaN", () => _ = new StochGradAdam(new StochGradAdamOptions { SamplingRate = double.NaN }), typeof(InvalidHyperparameterException), "Invalid s: NaN" },
        { "epsilon < 0", () => _ = new Adam(new AdamOptions { Epsilon = -1e-8 }), typeof(InvalidHyperparameterException), "Invalid epsilon: -1E-08" },
        { "epsilon < 0 (StochGradAdam)", () => _ = new StochGradAdam(new StochGradAdamOptions { Epsilon = -1.0 }), typeof(InvalidHyperparameterException), "Invalid epsilon: -1" },
        { "epsilon < 0 (AdaGrad)", () => _ = new AdaGrad(new AdaGradOptions { Epsilon = -1.0 }), typeof(InvalidHyperparameterException), "Invalid epsilon: -1" },
        { "negative learning rate", () => _ = new Sgd(new SgdOptions { LearningRate = -1 }), typeof(InvalidHyperparameterException), "Invalid learning_rate: -1 (must be finite and > 0)" },
        { "NaN learning rate", () => _ = new Adam(new AdamOptions { LearningRate = double.NaN }), typeof(InvalidHyperparameterException), "Invalid learning_rate: NaN" },
        { "infinite learning rate", () => _ = new AdaGrad(new AdaGradOptions { LearningRate = double.PositiveInfinity }), typeof(InvalidHyperparameterException), "Invalid learning_rate: Infinity" },
        { "lambda = 0", () => _ = new Adam(new AdamOptions { Beta1Decay = 0.0 }), typeof(InvalidHyperparameterException), "Invalid beta1_decay: 0" },
        { "lambda on a paper reading", () => _ = new StochGradAdam(new StochGradAdamOptions { Variant = StochGradAdamVariant.PaperEqs, Beta1Decay = 0.99 }), typeof(InvalidHyperparameterException), "must be 1 for paper_eqs" },
        { "negative weight decay", () => _ = new StochGradAdam(new StochGradAdamOptions { WeightDecay = -0.1 }), typeof(InvalidHyperparameterException), "Invalid weight_decay: -0.1" },
        { "box lower > upper", () => _ = new Sgd(new SgdOptions { Box = new Box(1, -1) }), typeof(InvalidHyperparameterException), "Invalid box: [1, -1]" },
        { "k = 0", () => _ = new DasGrad(sampler: new ImportanceSamplerOptions { RefreshPeriod = 0 }).Init(Problem), typeof(InvalidHyperparameterException), "Invalid refresh_period: 0 (must be >= 1)" },
        { "batch = 0", () => _ = new DasGrad(sampler: new ImportanceSamplerOptions { BatchSize = 0 }).Init(Problem), typeof(InvalidHyperparameterException), "Invalid batch_size: 0" },
        { "batch > n without replacement", () => _ = new DasGrad(sampler: new ImportanceSamplerOptions { BatchSize = 4, Replacement = BatchReplacement.WithoutReplacement }).Init(Problem), typeof(InvalidHyperparameterException), "Invalid batch_size: 4 (must be <= n = 3" },
        { "negative floor", () => _ = new DasGrad(sampler: new ImportanceSamplerOptions { Floor = -1e-3 }).Init(Problem), typeof(InvalidHyperparameterException), "Invalid floor: -0.001" },
        { "mixing floor > 1", () => _ = new DasGrad(sampler: new ImportanceSamplerOptions { Floor = 2, FloorMode = ProbabilityFloorMode.MixWithUniform }).Init(Problem), typeof(InvalidHyperparameterException), "Invalid floor: 2" },
        { "negative probability", () => _ = new ApSgd(sampler: Fixed(0.5, 0.7, -0.2)).Init(Problem), typeof(InvalidProbabilitiesException), "entry 2 is -0.2" },
        { "NaN probability", () => _ = new ApSgd(sampler: Fixed(0.5, double.NaN, 0.5)).Init(Problem), typeof(InvalidProbabilitiesException), "entry 1 is NaN" },
        { "probabilities sum to 0.9", () => _ = new ApSgd(sampler: Fixed(0.3, 0.3, 0.3)).Init(Problem), typeof(InvalidProbabilitiesException), "they sum to 0.8999999999999999 over 3 entries" },
        { "probabilities of the wrong length", () => _ = new ApSgd(sampler: Fixed(0.5, 0.5)).Init(Problem), typeof(DimensionMismatchException), "probabilities has length 2 but examples has length 3" },
        { "NaN in a gradient", () => Step(new Adam(), [0.0, double.NaN, 1.0]), typeof(InvalidGradientException), "coordinate 1 is NaN at step 1" },
        { "+∞ in a gradient", () => Step(new StochGradAdam(), [double.PositiveInfinity, 0.0, 1.0]), typeof(InvalidGradientException), "coordinate 0 is Infinity at step 1" },
        { "−∞ in a gradient", () => Step(new Sgd(), [0.0, 0.0, double.NegativeInfinity]), typeof(InvalidGradientException), "coordinate 2 is -Infinity at step 1" },
        { "gradient shorter than θ", () => Step(new AmsGrad(), [1.0, 2.0]), typeof(DimensionMismatchException), "gradient has length 2 but parameters has length 3" },
        { "state of another dimension", () => new Adam().Step(new Adam().Init(5), new double[3], new double[3]), typeof(DimensionMismatchException), "state buffer 'm' has length 5" },
        { "state of another algorithm", () => new Adam().Step(new AmsGrad().Init(3), new double[3], new double[3]), typeof(ArgumentException), "belongs to amsgrad/reddi, not to adam" },
        { "θ of the wrong length for DASGrad", () => { var o = new DasGrad(); o.Step(o.Init(Problem), new double[3], Problem); }, typeof(DimensionMismatchException), "parameters has length 3 but problem dimension has length 2" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invalid_input_raises_its_documented_exception(string name, Action action, Type expected, string message)
    {
        Exception e = Assert.ThrowsAny<Exception>(action);
        Assert.True(expected == e.GetType(), $"{name}: expected {expected.Name}, got {e.GetType().Name}: {e.Message}");
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rejected_gradient_leaves_parameters_and_state_untouched()
    {
        var adam = new Adam();
        OptimizerState state = adam.Init(3);
        double[] theta = [1.0, 2.0, 3.0];
        adam.Step(state, theta, [0.1, 0.2, 0.3]);
        OptimizerState before = state.Clone();
        double[] thetaBefore = (double[])theta.Clone();
        Assert.Throws<InvalidGradientException>(() => adam.Step(state, theta, [0.1, double.NaN, 0.3]));
        Assert.Null(before.FirstBitDifference(state));
        Bits.Equal(thetaBefore, theta, "θ after a rejected step");
    }

    private static ImportanceSamplerOptions Fixed(params double[] p) => new() { Source = ProbabilitySource.Fixed, FixedProbabilities = p };

    private static void Step(IGradientOptimizer optimizer, double[] gradient) => optimizer.Step(optimizer.Init(3), new double[3], gradient);
}
