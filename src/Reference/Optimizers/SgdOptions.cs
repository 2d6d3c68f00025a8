using Verification.Reference.Validation;

namespace Verification.Reference.Optimizers;

/// <summary>Hyperparameters of <see cref="Sgd"/>.</summary>
public sealed record SgdOptions
{
    /// <summary>The step size α (default 1e-2).</summary>
    public double LearningRate { get; init; } = 1e-2;

    /// <summary>Constant α, or α/√t (Zinkevich's greedy projection; DASGrad Thm 1).</summary>
    public LearningRateDecay LearningRateDecay { get; init; } = LearningRateDecay.Constant;

    /// <summary>The box feasible set, or null.</summary>
    public Box? Box { get; init; }

    /// <summary>The schedule α_t.</summary>
    public LearningRateSchedule Schedule => new(LearningRate, LearningRateDecay);

    /// <summary>Checks every field.</summary>
    public void Validate()
    {
        Schedule.Validate();
        Box?.Validate();
    }
}
