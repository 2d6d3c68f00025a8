using Verification.Reference.Problems;
using Verification.Reference.Sampling;

namespace Verification.Reference.Optimizers;

/// <summary>
/// An optimizer that samples its own examples from a finite-sum objective (DASGrad, ap-SGD): it needs the problem,
/// not a gradient, at each step. State is explicit, as for <see cref="IGradientOptimizer"/>.
/// </summary>
public interface IFiniteSumOptimizer
{
    /// <summary>The algorithm's name.</summary>
    string Name { get; }

    /// <summary>The state before the first step for <paramref name="problem"/>.</summary>
    OptimizerState Init(IFiniteSumObjective problem);

    /// <summary>Takes step t = state.Step + 1 in place and reports what was sampled and fed.</summary>
    SampledBatch Step(OptimizerState state, Span<double> parameters, IFiniteSumObjective problem);
}
