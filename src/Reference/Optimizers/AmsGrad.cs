namespace Verification.Reference.Optimizers;

/// <summary>AMSGrad (Reddi, Kale and Kumar, 2018, Algorithm 2) in either convention of <see cref="AmsGradConvention"/>.</summary>
/// <remarks>
/// m_t = β_{1,t}m_{t−1} + (1 − β_{1,t})g_t; v_t = β₂v_{t−1} + (1 − β₂)g_t²; v̂_t = max(v̂_{t−1}, v_t);
/// θ_{t+1} = Π_F(θ_t − α_t m_t/(√v̂_t + ε)) (Reddi), or with m_t/(1 − β₁^t) and v̂_t/(1 − β₂^t) (PyTorch).
/// DASGrad reconstruction §2, "Recursions".
/// </remarks>
public sealed class AmsGrad : IGradientOptimizer
{
    /// <summary>Creates AMSGrad with validated options.</summary>
    public AmsGrad(AmsGradOptions? options = null)
    {
        Options = options ?? new AmsGradOptions();
        Options.Validate();
    }

    /// <summary>The hyperparameters.</summary>
    public AmsGradOptions Options { get; }

    /// <inheritdoc/>
    public string Name => Options.Convention == AmsGradConvention.Reddi ? "amsgrad/reddi" : "amsgrad/pytorch";

    /// <inheritdoc/>
    public OptimizerState Init(int dimension) => AdamFamily.Init(Name, dimension, amsGrad: true);

    /// <inheritdoc/>
    public void Step(OptimizerState state, Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        long t = StepInputs.Begin(Name, state, parameters, gradient);
        AdamStepScalars scalars = ScalarsFor(t, state, out double beta1Power, out double beta2Power);
        AdamFamily.ApplyInChunks(
            scalars, parameters, state.Buffer(AdamFamily.M), state.Buffer(AdamFamily.V), state.Buffer(AdamFamily.VMax), gradient, Options.Box);
        AdamFamily.EndStep(state, beta1Power, beta2Power, Options.Beta1Decay);
    }

    /// <summary>
    /// The step scalars at step t, read from a state that holds the Adam-family running powers (also DASGrad's), and
    /// the new β₁^t, β₂^t to store after the step.
    /// </summary>
    public AdamStepScalars ScalarsFor(long t, OptimizerState state, out double beta1Power, out double beta2Power) =>
        AdamFamily.StandardScalars(
            state, t, Options.Beta1, Options.Beta2, biasCorrection: Options.Convention == AmsGradConvention.PyTorch, Options.Schedule,
            Options.Epsilon, EpsilonPlacement.Outside, amsGrad: true, out beta1Power, out beta2Power);
}
