using Verification.Reference.Validation;

namespace Verification.Reference.Optimizers.StochGradAdam;

/// <summary>
/// Hyperparameters of <see cref="StochGradAdam"/>. Fields left null take the chosen variant's documented default
/// (stochgradadam-variants.md §3), so choosing a variant never silently brings another variant's conventions.
/// </summary>
public sealed record StochGradAdamOptions
{
    /// <summary>The reading of the paper (default <see cref="StochGradAdamVariant.MaskedAdam"/>).</summary>
    public StochGradAdamVariant Variant { get; init; } = StochGradAdamVariant.MaskedAdam;

    /// <summary>The sampling rate s ∈ (0, 1]: each coordinate of the gradient is kept with probability s (default 0.8, §6.1).</summary>
    /// <remarks>The Preliminaries exclude s = 1 (I9); it is allowed here because Section 7.1 uses it.</remarks>
    public double SamplingRate { get; init; } = 0.8;

    /// <summary>The seed of the mask stream: Ω_{t,j} is a pure function of (seed, t, j).</summary>
    public ulong Seed { get; init; }

    /// <summary>The step size μ or α (default 1e-3, the port's).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Constant or α/√t; null: α/√t for <c>theorem</c>, constant otherwise (I7).</summary>
    public LearningRateDecay? LearningRateDecay { get; init; }

    /// <summary>β₁ ∈ [0, 1) (default 0.9).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>β₂ ∈ [0, 1) (default 0.999).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>ε ≥ 0; null: 0 for <c>theorem</c> (the analysis has none), 1e-8 otherwise (the port's; the paper gives none, I6).</summary>
    public double? Epsilon { get; init; }

    /// <summary>Where ε enters; null: inside the root for the two Algorithm 1 readings, outside otherwise (I6).</summary>
    public EpsilonPlacement? EpsilonPlacement { get; init; }

    /// <summary>
    /// λ ∈ (0, 1] of β_{1,t} = β₁λ^(t−1) for <c>theorem</c>, <c>code_port</c> and <c>masked_adam</c> (default 1; the
    /// theorem needs λ &lt; 1, I8). The paper readings use β₁^t instead and <c>masked_update</c> counts per coordinate,
    /// so for those λ must stay 1.
    /// </summary>
    public double Beta1Decay { get; init; } = 1.0;

    /// <summary>Weight decay wd ≥ 0 (default 0, off).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Coupled (the port's) or decoupled weight decay.</summary>
    public WeightDecayMode WeightDecayMode { get; init; } = WeightDecayMode.Coupled;

    /// <summary>The box feasible set F of the theorem's projection Π_F, or null (identity).</summary>
    public Box? Box { get; init; }

    /// <summary>The effective schedule decay.</summary>
    public LearningRateDecay ResolvedLearningRateDecay =>
        LearningRateDecay ?? (Variant == StochGradAdamVariant.Theorem ? Optimizers.LearningRateDecay.InverseSqrt : Optimizers.LearningRateDecay.Constant);

    /// <summary>The effective ε.</summary>
    public double ResolvedEpsilon => Epsilon ?? (Variant == StochGradAdamVariant.Theorem ? 0.0 : 1e-8);

    /// <summary>The effective ε placement.</summary>
    public EpsilonPlacement ResolvedEpsilonPlacement =>
        EpsilonPlacement ?? (Variant is StochGradAdamVariant.PaperAlg1 or StochGradAdamVariant.PaperAlg1Tf
            ? Optimizers.EpsilonPlacement.Inside
            : Optimizers.EpsilonPlacement.Outside);

    /// <summary>The effective schedule α_t.</summary>
    public LearningRateSchedule Schedule => new(LearningRate, ResolvedLearningRateDecay);

    /// <summary>Checks every field and the combinations a variant does not define.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Variant))
        {
            throw new InvalidHyperparameterException("variant", Variant, "must be a defined StochGradAdam variant");
        }

        Guard.UnitInterval("s", SamplingRate);
        AdamFamily.ValidateCommon(Schedule, Beta1, Beta2, ResolvedEpsilon, Beta1Decay, Box);
        Guard.NonNegative("weight_decay", WeightDecay);
        if (Beta1Decay != 1.0 && Variant is StochGradAdamVariant.PaperAlg1 or StochGradAdamVariant.PaperAlg1Tf
                or StochGradAdamVariant.PaperEqs or StochGradAdamVariant.MaskedUpdate)
        {
            throw new InvalidHyperparameterException(
                "beta1_decay", Beta1Decay, $"must be 1 for {StochGradAdamVariantNames.Of(Variant)}, which has no β₁λ^(t−1) schedule");
        }

        if (!Enum.IsDefined(ResolvedEpsilonPlacement) || !Enum.IsDefined(WeightDecayMode))
        {
            throw new InvalidHyperparameterException("epsilon_placement/weight_decay_mode", $"{ResolvedEpsilonPlacement}/{WeightDecayMode}", "must be defined values");
        }
    }
}
