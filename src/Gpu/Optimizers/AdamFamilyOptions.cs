namespace Verification.Gpu.Optimizers;

/// <summary>The step-independent switches of the Adam-family kernel.</summary>
/// <param name="Amsgrad">Keep vmax = max(vmax, v) and divide by it (AMSGrad, Reddi, Kale and Kumar, ICLR 2018).</param>
/// <param name="EpsilonInsideSqrt">Use sqrt(vh + eps) instead of sqrt(vh) + eps.</param>
/// <param name="Box">Project θ coordinate-wise onto [Lower, Upper] after the step; null for no projection.</param>
public sealed record AdamFamilyOptions(bool Amsgrad = false, bool EpsilonInsideSqrt = false, BoxConstraint? Box = null)
{
    /// <summary>The flag word the kernel reads (bits ADAM_AMSGRAD = 1, ADAM_EPS_INSIDE = 2, ADAM_BOX = 4).</summary>
    internal uint Flags => (Amsgrad ? 1u : 0u) | (EpsilonInsideSqrt ? 2u : 0u) | (Box is null ? 0u : 4u);
}

/// <summary>A coordinate-wise box [Lower, Upper]; the projection is fmin(fmax(θ, Lower), Upper).</summary>
/// <param name="Lower">The lower bound.</param>
/// <param name="Upper">The upper bound (at least <paramref name="Lower"/>).</param>
public readonly record struct BoxConstraint(double Lower, double Upper);
