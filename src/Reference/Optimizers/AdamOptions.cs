using Verification.Reference.Validation;

namespace Verification.Reference.Optimizers;

/// <summary>Hyperparameters of <see cref="Adam"/> (Kingma and Ba, 2015, Algorithm 1) and its theory options.</summary>
public sealed record AdamOptions
{
    /// <summary>The step size α (default 1e-3).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Constant α, or α/√t as in the regret theorems.</summary>
    public LearningRateDecay LearningRateDecay { get; init; } = LearningRateDecay.Constant;

    /// <summary>β₁ ∈ [0, 1) (default 0.9).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>β₂ ∈ [0, 1) (default 0.999).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>ε ≥ 0 (default 1e-8).</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>√v̂ + ε (default) or √(v̂ + ε).</summary>
    public EpsilonPlacement EpsilonPlacement { get; init; } = EpsilonPlacement.Outside;

    /// <summary>Divide m by 1 − β₁^t and v by 1 − β₂^t (default true).</summary>
    public bool BiasCorrection { get; init; } = true;

    /// <summary>λ ∈ (0, 1] of the schedule β_{1,t} = β₁λ^(t−1) (Kingma–Ba Thm 4.1; default 1, i.e. constant β₁).</summary>
    public double Beta1Decay { get; init; } = 1.0;

    /// <summary>The box feasible set, or null for an unconstrained run.</summary>
    public Box? Box { get; init; }

    /// <summary>The schedule α_t.</summary>
    public LearningRateSchedule Schedule => new(LearningRate, LearningRateDecay);

    /// <summary>Checks every field; throws <see cref="InvalidHyperparameterException"/> naming the first bad one.</summary>
    public void Validate()
    {
        AdamFamily.ValidateCommon(Schedule, Beta1, Beta2, Epsilon, Beta1Decay, Box);
        if (!Enum.IsDefined(EpsilonPlacement))
        {
            throw new InvalidHyperparameterException("epsilon_placement", EpsilonPlacement, "must be Outside or Inside");
        }
    }
}
