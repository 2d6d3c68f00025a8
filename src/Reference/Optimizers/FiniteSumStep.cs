using Verification.Reference.Problems;
using Verification.Reference.Validation;

namespace Verification.Reference.Optimizers;

/// <summary>The checks an importance-sampled step runs before it samples or writes anything.</summary>
internal static class FiniteSumStep
{
    public static long Begin(string name, OptimizerState state, ReadOnlySpan<double> parameters, IFiniteSumObjective problem, params string[] parameterBuffers)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(problem);
        if (state.Algorithm != name)
        {
            throw new ArgumentException($"The state belongs to {state.Algorithm}, not to {name}.", nameof(state));
        }

        Guard.SameLength("parameters", parameters.Length, "problem dimension", problem.Dimension);
        foreach (string buffer in parameterBuffers)
        {
            Guard.SameLength($"state buffer '{buffer}'", state.Buffer(buffer).Length, "parameters", parameters.Length);
        }

        Guard.Finite("parameters", parameters);
        return state.Step + 1;
    }
}
