using Verification.Reference.Problems;
using Verification.Reference.Sampling;
using Verification.Reference.Validation;

namespace Verification.Reference.Optimizers;

/// <summary>
/// ap-SGD (DASGrad paper §3.2, Theorem 2): projected SGD on the importance-weighted gradient,
/// θ_{t+1} = Π_F(θ_t − α_t ĝ_t) with ĝ_t = (1/B) Σ_b ∇f_{i_b}(θ_t)/(n p_{t,i_b}).
/// </summary>
public sealed class ApSgd : IFiniteSumOptimizer
{
    private ImportanceSampler? _sampler;

    /// <summary>Creates ap-SGD from its step-size and sampler options.</summary>
    public ApSgd(SgdOptions? rule = null, ImportanceSamplerOptions? sampler = null)
    {
        Rule = rule ?? new SgdOptions();
        Rule.Validate();
        Sampler = sampler ?? new ImportanceSamplerOptions();
    }

    /// <summary>The step-size options.</summary>
    public SgdOptions Rule { get; }

    /// <summary>The sampler options.</summary>
    public ImportanceSamplerOptions Sampler { get; }

    /// <inheritdoc/>
    public string Name => "ap-sgd";

    /// <inheritdoc/>
    public OptimizerState Init(IFiniteSumObjective problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ImportanceSampler sampler = SamplerFor(problem.ExampleCount);
        var state = new OptimizerState(Name, [], sampler.StateBuffers());
        sampler.Initialize(state);
        return state;
    }

    /// <inheritdoc/>
    public SampledBatch Step(OptimizerState state, Span<double> parameters, IFiniteSumObjective problem)
    {
        long t = FiniteSumStep.Begin(Name, state, parameters, problem);
        ImportanceSampler sampler = SamplerFor(problem.ExampleCount);
        SampledBatch batch = sampler.Sample(state, t, parameters, problem);
        Guard.FiniteGradient(batch.FedGradient, t);
        Sgd.Descend(parameters, batch.FedGradient, Rule.Schedule.At(t), Rule.Box);
        state.Step++;
        return batch;
    }

    // The sampler holds only validated options and n; validating once per problem size keeps the O(n) check of fixed
    // probabilities out of every step. A race between threads at worst validates twice.
    private ImportanceSampler SamplerFor(int exampleCount)
    {
        ImportanceSampler? cached = _sampler;
        if (cached is null || cached.ExampleCount != exampleCount)
        {
            cached = new ImportanceSampler(Sampler, exampleCount);
            _sampler = cached;
        }

        return cached;
    }
}
