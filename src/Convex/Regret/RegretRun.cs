namespace Verification.Convex.Regret;

/// <summary>The outcome of a regret run: the per-step record, the comparator and the regret sums.</summary>
public sealed record RegretRun
{
    /// <summary>The optimizer's name.</summary>
    public required string Optimizer { get; init; }

    /// <summary>One entry per step t = 1..T.</summary>
    public required IReadOnlyList<RegretStep> Steps { get; init; }

    /// <summary>θ*.</summary>
    public required double[] Comparator { get; init; }

    /// <summary>R(T) = Σ_t f_t(θ_t) − f_t(θ*).</summary>
    public required double Regret { get; init; }

    /// <summary>R(t) for t = 1..T against the same θ*.</summary>
    public required double[] CumulativeRegret { get; init; }

    /// <summary>Σ_t ⟨ĝ_t, θ_t − θ*⟩ with the fed gradients (pathwise; bounds R(T) only in expectation for stochastic ĝ).</summary>
    public required double LinearizedRegretFed { get; init; }

    /// <summary>Σ_t ⟨g_t, θ_t − θ*⟩ with the raw gradients; by convexity of each f_t it bounds R(T) on every path.</summary>
    public required double LinearizedRegretRaw { get; init; }

    /// <summary>The measured constants.</summary>
    public required MeasuredConstants Constants { get; init; }

    /// <summary>The final iterate θ_{T+1}.</summary>
    public required double[] FinalTheta { get; init; }
}
