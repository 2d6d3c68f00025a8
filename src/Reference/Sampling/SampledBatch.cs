namespace Verification.Reference.Sampling;

/// <summary>What one importance-sampled step drew and fed to its update rule.</summary>
/// <param name="Step">The 1-based step t.</param>
/// <param name="Indices">The sampled example indices i_1..i_B, in draw order.</param>
/// <param name="Weights">Their importance weights as used (after any normalisation).</param>
/// <param name="Probabilities">p_{t,i_b} at the time of the draw (before any without-replacement removal).</param>
/// <param name="FedGradient">ĝ_t = (1/B) Σ_b w_b ∇f_{i_b}(θ_t), the gradient the update rule received.</param>
/// <param name="Refreshed">Whether the probabilities were refreshed at this step.</param>
/// <param name="NormEvaluations">Per-example gradient-norm evaluations spent on the refresh (n for a full pass).</param>
public sealed record SampledBatch(
    long Step, int[] Indices, double[] Weights, double[] Probabilities, double[] FedGradient, bool Refreshed, int NormEvaluations);
