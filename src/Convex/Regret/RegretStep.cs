namespace Verification.Convex.Regret;

/// <summary>What one step of a regret run saw. Vectors are null when the run was asked not to record them.</summary>
public sealed record RegretStep
{
    /// <summary>The 1-based step t.</summary>
    public required long Step { get; init; }

    /// <summary>f_t(θ_t), the loss incurred at the iterate before the update.</summary>
    public required double Loss { get; init; }

    /// <summary>f_t(θ*), the comparator's loss at the same round.</summary>
    public required double ComparatorLoss { get; init; }

    /// <summary>θ_t (before the update).</summary>
    public double[]? Theta { get; init; }

    /// <summary>
    /// The raw gradient: ∇f_t(θ_t) for an online problem; for a finite sum, ∇F(θ_t), the full gradient whose unbiased
    /// estimate the sampler feeds.
    /// </summary>
    public double[]? RawGradient { get; init; }

    /// <summary>ĝ_t, the gradient the update rule actually received (masked for StochGradAdam, importance-weighted for DASGrad).</summary>
    public double[]? FedGradient { get; init; }

    /// <summary>The first moment m_t after the update (null unless requested and present).</summary>
    public double[]? M { get; init; }

    /// <summary>The second moment v_t after the update (null unless requested and present).</summary>
    public double[]? V { get; init; }

    /// <summary>AMSGrad's running maximum v̂_t after the update (null unless requested and present).</summary>
    public double[]? VHat { get; init; }

    /// <summary>Sampled example indices (finite-sum optimizers only).</summary>
    public int[]? Indices { get; init; }

    /// <summary>Their importance weights (finite-sum optimizers only).</summary>
    public double[]? Weights { get; init; }
}
