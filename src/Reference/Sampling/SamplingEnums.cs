namespace Verification.Reference.Sampling;

/// <summary>Where the sampling distribution p_t comes from.</summary>
public enum ProbabilitySource
{
    /// <summary>p_{t,i} ∝ ‖∇f_i(θ)‖₂ (+ the floor), refreshed every k steps: DASGrad / ap-SGD (§4.3's p*).</summary>
    Adaptive,

    /// <summary>p_{t,i} = 1/n: plain SGD / AMSGrad on sampled examples (every weight is exactly 1).</summary>
    Uniform,

    /// <summary>A fixed user-given p (fixed importance sampling).</summary>
    Fixed,
}

/// <summary>How the "small constant added to each probability" (DASGrad footnote 1) enters; UNKNOWN in the paper.</summary>
public enum ProbabilityFloorMode
{
    /// <summary>Leaf = ‖∇f_i‖ + ε, as prioritized replay's |δ| + ε (default).</summary>
    AddToScore,

    /// <summary>p = (1 − ε)·p* + ε/n, a mixture with the uniform distribution (ε ∈ [0, 1]).</summary>
    MixWithUniform,
}

/// <summary>What a refresh recomputes; UNKNOWN in the paper (reconstruction §3, ambiguity 2).</summary>
public enum RefreshMode
{
    /// <summary>Every k steps, a pass over all n examples at the current θ (default; costs n norm evaluations).</summary>
    FullPass,

    /// <summary>
    /// Every k steps, only the examples sampled since the last refresh, with the norm measured when they were sampled
    /// (prioritized-replay style, no extra pass). The first refresh (t = 1) is a full pass in both modes.
    /// </summary>
    SeenOnly,
}

/// <summary>Whether a mini-batch draws its B indices with or without replacement; UNKNOWN in the paper.</summary>
public enum BatchReplacement
{
    /// <summary>B i.i.d. draws from p_t (default): the weighted mean is unbiased.</summary>
    WithReplacement,

    /// <summary>
    /// B distinct indices, each drawn from p_t restricted to the indices not yet drawn. The weights stay 1/(n p_{t,i}),
    /// which makes the estimator biased for B &gt; 1 unless p_t is uniform; offered because the paper does not say.
    /// </summary>
    WithoutReplacement,
}

/// <summary>How the importance weights are normalised; UNKNOWN in the paper.</summary>
public enum WeightNormalization
{
    /// <summary>w = 1/(n p_i), averaged over the batch (default; unbiased).</summary>
    None,

    /// <summary>w / max_b w_b within the batch, as prioritized replay (biased, bounded by 1).</summary>
    MaxInBatch,
}
