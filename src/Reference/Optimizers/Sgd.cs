using Verification.Reference.Threading;

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
        Descend(parameters, gradient, Options.Schedule.At(t), Options.Box);
        state.Step++;
    }

    /// <summary>θ ← Π_F(θ − α g), chunk by chunk over the allowed cores (each coordinate reads only its own entries).</summary>
    internal static void Descend(Span<double> parameters, ReadOnlySpan<double> gradient, double alpha, Box? box) =>
        ElementChunks.For(parameters, gradient, (_, theta, g) =>
        {
            for (int j = 0; j < theta.Length; j++)
            {
                double next = theta[j] - alpha * g[j];
                theta[j] = box is null ? next : box.Project(next);
            }
        });
}
