using Verification.Reference.Threading;
using Verification.Reference.Validation;

namespace Verification.Reference.Optimizers;

/// <summary>The state layout and per-step bookkeeping that Adam, AMSGrad and StochGradAdam share.</summary>
internal static class AdamFamily
{
    /// <summary>β₁^t as a running product (see <see cref="RunningPower"/>); 1 before the first step.</summary>
    public const string Beta1Power = "beta1_pow";

    /// <summary>β₂^t as a running product; 1 before the first step.</summary>
    public const string Beta2Power = "beta2_pow";

    /// <summary>λ^(t−1) for the β_{1,t} = β₁λ^(t−1) schedule, as it stands before step t; 1 before the first step.</summary>
    public const string LambdaPower = "lambda_pow";

    /// <summary>First moment m.</summary>
    public const string M = "m";

    /// <summary>Second moment v.</summary>
    public const string V = "v";

    /// <summary>AMSGrad's running maximum v̂.</summary>
    public const string VMax = "vhat";

    public static OptimizerState Init(string name, int dimension, bool amsGrad, params string[] extraBuffers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        var buffers = new List<KeyValuePair<string, int>> { new(M, dimension), new(V, dimension) };
        if (amsGrad)
        {
            buffers.Add(new(VMax, dimension));
        }

        buffers.AddRange(extraBuffers.Select(b => new KeyValuePair<string, int>(b, dimension)));
        return new OptimizerState(
            name,
            [new(Beta1Power, 1.0), new(Beta2Power, 1.0), new(LambdaPower, 1.0)],
            buffers);
    }

    /// <summary>
    /// <see cref="AdamElementwise.Apply"/> with every coordinate kept, chunk by chunk over the allowed cores
    /// (<see cref="ReferenceParallelism"/>): each coordinate's update reads and writes only its own entries, so the bits
    /// are those of one sequential pass.
    /// </summary>
    public static void ApplyInChunks(
        AdamStepScalars scalars, Span<double> theta, double[] m, double[] v, double[]? vmax, ReadOnlySpan<double> gradient, Box? box) =>
        ElementChunks.For(theta, gradient, (start, th, g) => AdamElementwise.Apply(
            scalars, th, m.AsSpan(start, th.Length), v.AsSpan(start, th.Length), vmax is null ? default : vmax.AsSpan(start, th.Length), g, default, box));

    /// <summary>Advances the running powers and the step counter after step t.</summary>
    public static void EndStep(OptimizerState state, double beta1Power, double beta2Power, double lambda)
    {
        state.SetScalar(Beta1Power, beta1Power);
        state.SetScalar(Beta2Power, beta2Power);
        state.SetScalar(LambdaPower, state.Scalar(LambdaPower) * lambda);
        state.Step++;
    }

    /// <summary>The checks every Adam-family option set shares: α_t, β₁, β₂ ∈ [0, 1), ε ≥ 0, λ ∈ (0, 1], the box.</summary>
    public static void ValidateCommon(LearningRateSchedule schedule, double beta1, double beta2, double epsilon, double beta1Decay, Box? box)
    {
        schedule.Validate();
        Guard.Beta("beta1", beta1);
        Guard.Beta("beta2", beta2);
        Guard.NonNegative("epsilon", epsilon);
        Guard.UnitInterval("beta1_decay", beta1Decay);
        box?.Validate();
    }

    /// <summary>
    /// The scalars of standard Adam and AMSGrad at step t: β_{1,t} = β₁λ^(t−1), constant β₂, corrections 1 − β^t (or 1
    /// when off). Returns the new running powers β₁^t, β₂^t to store after the step.
    /// </summary>
    public static AdamStepScalars StandardScalars(
        OptimizerState state, long t, double beta1, double beta2, bool biasCorrection, LearningRateSchedule schedule, double epsilon,
        EpsilonPlacement placement, bool amsGrad, out double beta1Power, out double beta2Power)
    {
        ArgumentNullException.ThrowIfNull(state);
        beta1Power = state.Scalar(Beta1Power) * beta1;
        beta2Power = state.Scalar(Beta2Power) * beta2;
        double beta1t = beta1 * state.Scalar(LambdaPower);
        return new AdamStepScalars(
            beta1t,
            1.0 - beta1t,
            beta2,
            1.0 - beta2,
            biasCorrection ? 1.0 - beta1Power : 1.0,
            biasCorrection ? 1.0 - beta2Power : 1.0,
            schedule.At(t),
            epsilon,
            placement,
            amsGrad);
    }
}
