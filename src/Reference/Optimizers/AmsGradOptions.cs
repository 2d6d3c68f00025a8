using Verification.Reference.Validation;

namespace Verification.Reference.Optimizers;

/// <summary>Hyperparameters of <see cref="AmsGrad"/>.</summary>
public sealed record AmsGradOptions
{
    /// <summary>Which AMSGrad (default <see cref="AmsGradConvention.Reddi"/>, the analysed one).</summary>
    public AmsGradConvention Convention { get; init; } = AmsGradConvention.Reddi;

    /// <summary>The step size α (default 1e-3).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Constant α, or α/√t as in the regret theorems.</summary>
    public LearningRateDecay LearningRateDecay { get; init; } = LearningRateDecay.Constant;

    /// <summary>β₁ ∈ [0, 1) (default 0.9).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>β₂ ∈ [0, 1) (default 0.999).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>ε ≥ 0 (default 1e-8; the analysis has ε = 0).</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>λ ∈ (0, 1] of β_{1,t} = β₁λ^(t−1) (Reddi Cor. 1; default 1).</summary>
    public double Beta1Decay { get; init; } = 1.0;

    /// <summary>The box feasible set, or null for an unconstrained run.</summary>
    public Box? Box { get; init; }

    /// <summary>The schedule α_t.</summary>
    public LearningRateSchedule Schedule => new(LearningRate, LearningRateDecay);

    /// <summary>Checks every field.</summary>
    public void Validate()
    {
        AdamFamily.ValidateCommon(Schedule, Beta1, Beta2, Epsilon, Beta1Decay, Box);
        if (!Enum.IsDefined(Convention))
        {
            throw new InvalidHyperparameterException("convention", Convention, "must be Reddi or PyTorch");
        }
    }
}
