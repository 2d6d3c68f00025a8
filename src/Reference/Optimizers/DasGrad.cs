using Verification.Reference.Problems;
using Verification.Reference.Sampling;
using Verification.Reference.Validation;

namespace Verification.Reference.Optimizers;

/// <summary>
/// DASGrad (arXiv:1811.02525; dasgrad-reconstruction.md Algorithm 2): AMSGrad fed the importance-weighted
/// mini-batch gradient ĝ_t = (1/B) Σ_b ∇f_{i_b}(θ_t)/(n p_{t,i_b}), with p_t ∝ per-example gradient norms refreshed
/// every k steps through a sum tree.
/// </summary>
/// <remarks>
/// The weight enters before the moment averages (reconstruction §2: the Theorem 4 proof needs ĝ inside m_t). With
/// <see cref="ProbabilitySource.Uniform"/> every weight is exactly 1 and this is AMSGrad on uniformly sampled
/// mini-batches (Theorem 3's method).
/// </remarks>
public sealed class DasGrad : IFiniteSumOptimizer
{
    private ImportanceSampler? _sampler;

    private readonly AmsGrad _rule;

    /// <summary>Creates DASGrad from its update-rule and sampler options.</summary>
    public DasGrad(AmsGradOptions? rule = null, ImportanceSamplerOptions? sampler = null)
    {
        _rule = new AmsGrad(rule);
        Sampler = sampler ?? new ImportanceSamplerOptions();
    }

    /// <summary>The AMSGrad options of the update rule.</summary>
    public AmsGradOptions Rule => _rule.Options;

    /// <summary>The sampler options.</summary>
    public ImportanceSamplerOptions Sampler { get; }

    /// <inheritdoc/>
    public string Name => "dasgrad";

    /// <inheritdoc/>
    public OptimizerState Init(IFiniteSumObjective problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ImportanceSampler sampler = SamplerFor(problem.ExampleCount);
        int d = problem.Dimension;
        var state = new OptimizerState(
            Name,
            [new(AdamFamily.Beta1Power, 1.0), new(AdamFamily.Beta2Power, 1.0), new(AdamFamily.LambdaPower, 1.0)],
            [new(AdamFamily.M, d), new(AdamFamily.V, d), new(AdamFamily.VMax, d), .. sampler.StateBuffers()]);
        sampler.Initialize(state);
        return state;
    }

    /// <inheritdoc/>
    public SampledBatch Step(OptimizerState state, Span<double> parameters, IFiniteSumObjective problem)
    {
        long t = FiniteSumStep.Begin(Name, state, parameters, problem, AdamFamily.M, AdamFamily.V, AdamFamily.VMax);
        ImportanceSampler sampler = SamplerFor(problem.ExampleCount);
        SampledBatch batch = sampler.Sample(state, t, parameters, problem);
        Guard.FiniteGradient(batch.FedGradient, t);
        AdamStepScalars scalars = _rule.ScalarsFor(t, state, out double beta1Power, out double beta2Power);
        AdamFamily.ApplyInChunks(
            scalars, parameters, state.Buffer(AdamFamily.M), state.Buffer(AdamFamily.V), state.Buffer(AdamFamily.VMax), batch.FedGradient, Rule.Box);
        AdamFamily.EndStep(state, beta1Power, beta2Power, Rule.Beta1Decay);
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
