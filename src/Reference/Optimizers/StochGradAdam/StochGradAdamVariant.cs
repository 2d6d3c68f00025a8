namespace Verification.Reference.Optimizers.StochGradAdam;

/// <summary>
/// The readings of StochGradAdam (stochgradadam-variants.md §3). The paper's Algorithm 1, its equations (5)–(9) and
/// the algorithm its Section 4 analyses disagree (inconsistencies I1–I15), so each reading is its own variant.
/// </summary>
public enum StochGradAdamVariant
{
    /// <summary>Standard Adam fed φ_t = Ω_t ⊙ g_t (= torch.optim.Adam on the masked gradient). The default.</summary>
    MaskedAdam,

    /// <summary>Algorithm 1 literally, 1-based t: β^t coefficients, 1 − β^(t+1) corrections, ε inside the root.</summary>
    PaperAlg1,

    /// <summary>Algorithm 1 with the 0-based counter τ = t − 1 of a Keras <c>iterations</c> implementation.</summary>
    PaperAlg1Tf,

    /// <summary>Eqs (5)–(9): β^t coefficients, 1 − β^t corrections, ε outside.</summary>
    PaperEqs,

    /// <summary>The third-party PyTorch port: β_{1,t} = β₁λ^(t−1), constant β₂, 1 − β^(t+1) corrections, coupled weight decay.</summary>
    CodePort,

    /// <summary>What Section 4 analyses: Kingma–Ba Thm 10.5 fed φ, with α/√t, β_{1,t} = β₁λ^(t−1), ε = 0, Π_F.</summary>
    Theorem,

    /// <summary>Lazy Adam (not in the paper): coordinates with Ω = 0 keep θ, m and v; per-coordinate step counts.</summary>
    MaskedUpdate,
}
