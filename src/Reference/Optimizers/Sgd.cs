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

/// <summary>Projected (stochastic) gradient descent: θ_{t+1} = Π_F(θ_t − α_t g_t) (DASGrad reconstruction §2, SGD row).</summary>
public sealed class Sgd : IGradientOptimizer
{
    /// <summary>Creates SGD with validated options.</summary>
    public Sgd(SgdOptions? options = null)
    {
        Options = options ?? new SgdOptions();
        Options.Validate();
    }

    /// <summary>The hyperparameters.</summary>
    public SgdOptions Options { get; }

    /// <inheritdoc/>
    public string Name => "sgd";

    /// <inheritdoc/>
    public OptimizerState Init(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        return new OptimizerState(Name, [], []);
    }

    /// <inheritdoc/>
    public void Step(OptimizerState state, Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        long t = StepInputs.Begin(Name, state, parameters, gradient);
        double alpha = Options.Schedule.At(t);
        for (int j = 0; j < parameters.Length; j++)
        {
            double next = parameters[j] - alpha * gradient[j];
            parameters[j] = Options.Box is null ? next : Options.Box.Project(next);
        }

        state.Step++;
    }
}
