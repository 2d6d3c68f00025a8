namespace Verification.Reference.Optimizers;

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
