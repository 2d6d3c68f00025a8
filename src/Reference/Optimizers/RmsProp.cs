using Verification.Reference.Threading;

namespace Verification.Reference.Optimizers;

/// <summary>
/// RMSProp (Tieleman and Hinton 2012): v_t = ρv_{t−1} + (1 − ρ)g_t²; θ_{t+1} = Π_F(θ_t − α g_t/(√v_t + ε)), i.e.
/// Adam with β₁ = 0 and no bias correction (DASGrad reconstruction §2, RMSProp row).
/// </summary>
public sealed class RmsProp : IGradientOptimizer
{
    /// <summary>Creates RMSProp with validated options.</summary>
    public RmsProp(RmsPropOptions? options = null)
    {
        Options = options ?? new RmsPropOptions();
        Options.Validate();
    }

    /// <summary>The hyperparameters.</summary>
    public RmsPropOptions Options { get; }

    /// <inheritdoc/>
    public string Name => "rmsprop";

    /// <inheritdoc/>
    public OptimizerState Init(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        return new OptimizerState(Name, [], [new(AdamFamily.V, dimension)]);
    }

    /// <inheritdoc/>
    public void Step(OptimizerState state, Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        StepInputs.Begin(Name, state, parameters, gradient);
        double[] moments = state.Buffer(AdamFamily.V);
        double rho = Options.Rho, oneMinusRho = 1.0 - Options.Rho, learningRate = Options.LearningRate, epsilon = Options.Epsilon;
        Box? box = Options.Box;
        ElementChunks.For(parameters, gradient, (start, theta, gradients) =>
        {
            Span<double> v = moments.AsSpan(start, theta.Length);
            for (int j = 0; j < theta.Length; j++)
            {
                double g = gradients[j];
                v[j] = rho * v[j] + oneMinusRho * (g * g);
                double denominator = Math.Sqrt(v[j]) + epsilon;
                double step = denominator == 0.0 ? 0.0 : g / denominator;
                double next = theta[j] - learningRate * step;
                theta[j] = box is null ? next : box.Project(next);
            }
        });
        state.Step++;
    }
}
