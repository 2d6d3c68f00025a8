namespace Verification.Convex.Regret;

/// <summary>What a regret run records besides the running sums (which are always kept).</summary>
public sealed record RegretRunOptions
{
    /// <summary>The horizon T (number of steps). Required, ≥ 1.</summary>
    public required long Steps { get; init; }

    /// <summary>θ_1; default the zero vector projected onto the feasible set.</summary>
    public IReadOnlyList<double>? Start { get; init; }

    /// <summary>The comparator θ*; default the best fixed point in hindsight over rounds 1..T.</summary>
    public IReadOnlyList<double>? Comparator { get; init; }

    /// <summary>Keep θ_t, the raw gradient g_t and the fed gradient ĝ_t of every step (d doubles each per step). Default true.</summary>
    public bool RecordVectors { get; init; } = true;

    /// <summary>Keep m_t, v_t and v̂_t after every step, when the optimizer's state has them. Default false.</summary>
    public bool RecordMoments { get; init; }
}
