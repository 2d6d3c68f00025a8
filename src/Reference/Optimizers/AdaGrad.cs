using Verification.Reference.Threading;

namespace Verification.Reference.Optimizers;

/// <summary>
/// Diagonal AdaGrad (Duchi, Hazan and Singer 2011): s_t = s_{t−1} + g_t²; θ_{t+1} = Π_F(θ_t − α g_t/(√s_t + ε)).
/// </summary>
/// <remarks>
/// The DASGrad reconstruction's table writes it as α_t = α/√t with ψ_t = diag(Σ g_j²)/t, which is the same
/// effective rate α/√(Σ_j g_{j,k}²).
/// </remarks>
public sealed class AdaGrad : IGradientOptimizer
{
    /// <summary>The buffer holding Σ g².</summary>
    public const string SumOfSquares = "sum_sq";

    /// <summary>Creates AdaGrad with validated options.</summary>
    public AdaGrad(AdaGradOptions? options = null)
    {
        Options = options ?? new AdaGradOptions();
        Options.Validate();
    }

    /// <summary>The hyperparameters.</summary>
    public AdaGradOptions Options { get; }

    /// <inheritdoc/>
    public string Name => "adagrad";

    /// <inheritdoc/>
    public OptimizerState Init(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        return new OptimizerState(Name, [], [new(SumOfSquares, dimension)]);
    }

    /// <inheritdoc/>
    public void Step(OptimizerState state, Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        StepInputs.Begin(Name, state, parameters, gradient);
        double[] sums = state.Buffer(SumOfSquares);
        double learningRate = Options.LearningRate, epsilon = Options.Epsilon;
        Box? box = Options.Box;
        ElementChunks.For(parameters, gradient, (start, theta, gradients) =>
        {
            Span<double> sum = sums.AsSpan(start, theta.Length);
            for (int j = 0; j < theta.Length; j++)
            {
                double g = gradients[j];
                sum[j] += g * g;
                double denominator = Math.Sqrt(sum[j]) + epsilon;
                double step = denominator == 0.0 ? 0.0 : g / denominator;  // ε = 0 and no gradient yet: g = 0 too
                double next = theta[j] - learningRate * step;
                theta[j] = box is null ? next : box.Project(next);
            }
        });
        state.Step++;
    }
}
