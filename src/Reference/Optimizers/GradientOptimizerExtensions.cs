namespace Verification.Reference.Optimizers;

/// <summary>The pure-function form of <see cref="IGradientOptimizer.Step"/>.</summary>
public static class GradientOptimizerExtensions
{
    /// <summary>
    /// Returns (θ_{t+1}, state after step t) without touching the inputs: optax's <c>update</c>, with the new
    /// parameters rather than the increment so that projection and exact bits stay with the optimizer.
    /// </summary>
    public static (double[] Parameters, OptimizerState State) Update(
        this IGradientOptimizer optimizer, OptimizerState state, ReadOnlySpan<double> parameters, ReadOnlySpan<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(state);
        OptimizerState next = state.Clone();
        double[] theta = parameters.ToArray();
        optimizer.Step(next, theta, gradient);
        return (theta, next);
    }
}
