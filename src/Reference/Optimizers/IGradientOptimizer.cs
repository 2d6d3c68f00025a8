namespace Verification.Reference.Optimizers;

/// <summary>
/// An optimizer driven by one gradient per step, in the spirit of optax's (init, update) pair: the object holds only
/// validated hyperparameters, and all that changes lives in an <see cref="OptimizerState"/>.
/// </summary>
public interface IGradientOptimizer
{
    /// <summary>The algorithm's name, including the variant where there is one (for example <c>stochgradadam/masked_adam</c>).</summary>
    string Name { get; }

    /// <summary>The state before the first step, for parameters of length <paramref name="dimension"/>.</summary>
    OptimizerState Init(int dimension);

    /// <summary>
    /// Takes step t = state.Step + 1 in place: overwrites <paramref name="parameters"/> with θ_{t+1} and advances
    /// <paramref name="state"/>. The gradient is validated first (length and finiteness) so that a rejected gradient
    /// leaves parameters and state untouched.
    /// </summary>
    void Step(OptimizerState state, Span<double> parameters, ReadOnlySpan<double> gradient);
}
