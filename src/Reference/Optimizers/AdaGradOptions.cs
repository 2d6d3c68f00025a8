using Verification.Reference.Validation;

namespace Verification.Reference.Optimizers;

/// <summary>Hyperparameters of <see cref="AdaGrad"/>.</summary>
public sealed record AdaGradOptions
{
    /// <summary>The step size α (default 1e-2).</summary>
    public double LearningRate { get; init; } = 1e-2;

    /// <summary>ε ≥ 0 added to the denominator (default 1e-10, PyTorch's).</summary>
    public double Epsilon { get; init; } = 1e-10;

    /// <summary>The box feasible set, or null.</summary>
    public Box? Box { get; init; }

    /// <summary>Checks every field.</summary>
    public void Validate()
    {
        Guard.Positive("learning_rate", LearningRate);
        Guard.NonNegative("epsilon", Epsilon);
        Box?.Validate();
    }
}
