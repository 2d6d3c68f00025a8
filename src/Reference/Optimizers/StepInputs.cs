using Verification.Reference.Validation;

namespace Verification.Reference.Optimizers;

/// <summary>The checks every optimizer runs before it touches anything, so a rejected step changes nothing.</summary>
internal static class StepInputs
{
    /// <summary>Validates a step's inputs against the state; returns the 1-based step index t.</summary>
    public static long Begin(string name, OptimizerState state, ReadOnlySpan<double> parameters, ReadOnlySpan<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Algorithm != name)
        {
            throw new ArgumentException($"The state belongs to {state.Algorithm}, not to {name}.", nameof(state));
        }

        Guard.SameLength("gradient", gradient.Length, "parameters", parameters.Length);
        foreach (string buffer in state.BufferNames)
        {
            Guard.SameLength($"state buffer '{buffer}'", state.Buffer(buffer).Length, "parameters", parameters.Length);
        }

        long t = state.Step + 1;
        Guard.FiniteGradient(gradient, t);
        return t;
    }
}
