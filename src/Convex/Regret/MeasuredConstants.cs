namespace Verification.Convex.Regret;

/// <summary>
/// The constants the regret theorems (Reddi et al. 2018 Theorem 4; DASGrad Theorems 3–4; StochGradAdam Theorem 4.5)
/// assume bounded, as measured along one run.
/// </summary>
public sealed record MeasuredConstants
{
    /// <summary>
    /// G_∞ of the raw gradients: max_t ‖∇f_t(θ_t)‖_∞ for online problems; for finite sums, the maximum over the
    /// per-example gradients ∇f_i(θ_t) of the sampled examples (the prose assumes the bound on raw per-example gradients).
    /// </summary>
    public required double GInfinityRaw { get; init; }

    /// <summary>max_t ‖ĝ_t‖_∞ of the gradients actually fed.</summary>
    public required double GInfinityFed { get; init; }

    /// <summary>D = max_t ‖θ_t − θ*‖₂ along the path.</summary>
    public required double D { get; init; }

    /// <summary>D_∞ = max_t ‖θ_t − θ*‖_∞ along the path.</summary>
    public required double DInfinity { get; init; }

    /// <summary>‖ĝ_{1:T,k}‖₂ for every coordinate k (the fed-gradient history).</summary>
    public required double[] FedCoordinateHistoryNorms { get; init; }

    /// <summary>‖g_{1:T,k}‖₂ for every coordinate k (the raw-gradient history).</summary>
    public required double[] RawCoordinateHistoryNorms { get; init; }

    /// <summary>Σ_k ‖ĝ_{1:T,k}‖₂, the sum in the AMSGrad-type bounds.</summary>
    public double SumFedCoordinateHistoryNorms => FedCoordinateHistoryNorms.Sum();

    /// <summary>Σ_k √(T v̂_{T,k}) when the optimizer keeps v̂ (else v), null when it keeps neither.</summary>
    public double? SumSqrtTVHat { get; init; }
}
