namespace Verification.Reference.Optimizers;

/// <summary>
/// Adam (Kingma and Ba, 2015, Algorithm 1), with the options the analyses need: bias correction on or off, ε inside
/// or outside the square root, α_t = α/√t, β_{1,t} = β₁λ^(t−1), and a box projection.
/// </summary>
/// <remarks>
/// m_t = β_{1,t} m_{t−1} + (1 − β_{1,t}) g_t; v_t = β₂ v_{t−1} + (1 − β₂) g_t²; m̂_t = m_t/(1 − β₁^t);
/// v̂_t = v_t/(1 − β₂^t); θ_{t+1} = Π_F(θ_t − α_t m̂_t/(√v̂_t + ε)). The arithmetic order is that of
/// <see cref="AdamElementwise"/>; β^t is a running product (<see cref="RunningPower"/>).
/// </remarks>
public sealed class Adam : IGradientOptimizer
{
    /// <summary>Creates Adam with validated options.</summary>
    public Adam(AdamOptions? options = null)
    {
        Options = options ?? new AdamOptions();
        Options.Validate();
    }

    /// <summary>The hyperparameters.</summary>
    public AdamOptions Options { get; }

    /// <inheritdoc/>
    public string Name => "adam";

    /// <inheritdoc/>
    public OptimizerState Init(int dimension) => AdamFamily.Init(Name, dimension, amsGrad: false);

    /// <inheritdoc/>
    public void Step(OptimizerState state, Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        long t = StepInputs.Begin(Name, state, parameters, gradient);
        AdamStepScalars scalars = ScalarsFor(t, state, out double beta1Power, out double beta2Power);
        AdamFamily.ApplyInChunks(scalars, parameters, state.Buffer(AdamFamily.M), state.Buffer(AdamFamily.V), null, gradient, Options.Box);
        AdamFamily.EndStep(state, beta1Power, beta2Power, Options.Beta1Decay);
    }

    /// <summary>
    /// The step scalars at step t, read from a state that holds the Adam-family running powers, and the new β₁^t,
    /// β₂^t to store after the step (so an accelerator can reproduce the step with the same host arithmetic).
    /// </summary>
    public AdamStepScalars ScalarsFor(long t, OptimizerState state, out double beta1Power, out double beta2Power) =>
        AdamFamily.StandardScalars(
            state, t, Options.Beta1, Options.Beta2, Options.BiasCorrection, Options.Schedule, Options.Epsilon, Options.EpsilonPlacement,
            amsGrad: false, out beta1Power, out beta2Power);
}
