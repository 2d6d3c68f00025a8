namespace Verification.Reference.Optimizers.StochGradAdam;

/// <summary>How weight decay wd enters, when it is nonzero (stochgradadam-variants.md §3, "Conventions").</summary>
public enum WeightDecayMode
{
    /// <summary>g̃ = g + wd·θ, then masked (the port's, and torch.optim.Adam's).</summary>
    Coupled,

    /// <summary>θ ← θ·(1 − α_t·wd) before the Adam step (AdamW's order).</summary>
    Decoupled,
}
