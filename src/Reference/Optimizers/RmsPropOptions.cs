using Verification.Reference.Validation;

namespace Verification.Reference.Optimizers;

/// <summary>Hyperparameters of <see cref="RmsProp"/>.</summary>
public sealed record RmsPropOptions
{
    /// <summary>The step size α (default 1e-2, PyTorch's).</summary>
    public double LearningRate { get; init; } = 1e-2;

    /// <summary>The decay ρ ∈ [0, 1) of the squared-gradient average (default 0.99, PyTorch's <c>alpha</c>).</summary>
    public double Rho { get; init; } = 0.99;

    /// <summary>ε ≥ 0 (default 1e-8).</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>The box feasible set, or null.</summary>
    public Box? Box { get; init; }

    /// <summary>Checks every field.</summary>
    public void Validate()
    {
        Guard.Positive("learning_rate", LearningRate);
        Guard.Beta("rho", Rho);
        Guard.NonNegative("epsilon", Epsilon);
        Box?.Validate();
    }
}
