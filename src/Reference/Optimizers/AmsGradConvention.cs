namespace Verification.Reference.Optimizers;

/// <summary>The two AMSGrad conventions in use; they differ in bias correction only.</summary>
/// <remarks>
/// Both keep v̂_t = max(v̂_{t−1}, v_t) over the raw second moment v_t = β₂v_{t−1} + (1 − β₂)g_t².
/// <list type="bullet">
/// <item><see cref="Reddi"/>: θ_{t+1} = Π_F(θ_t − α_t m_t/(√v̂_t + ε)) with no bias correction of m or v̂
/// (Reddi, Kale and Kumar 2018, Algorithm 2; the algorithm their Theorem 4 and DASGrad's analysis are about).</item>
/// <item><see cref="PyTorch"/>: <c>torch.optim.Adam(amsgrad=True)</c>: the maximum of the raw v, then the
/// bias-corrected denominator √(v̂_t/(1 − β₂^t)) + ε and numerator m_t/(1 − β₁^t). PyTorch evaluates it as
/// (α/(1−β₁^t))·m/(√v̂/√(1−β₂^t) + ε); this project's order (<see cref="AdamElementwise"/>) is the textbook one,
/// so the two agree to a few ULPs, not bit for bit.</item>
/// </list>
/// PyTorch's step is Reddi's times √(1 − β₂^t)/(1 − β₁^t), so Reddi's steps are larger during the first
/// ~1/(1 − β₂) steps (about 3.16α against α at t = 1 for β = (0.9, 0.999)).
/// </remarks>
public enum AmsGradConvention
{
    /// <summary>Reddi et al.: no bias correction.</summary>
    Reddi,

    /// <summary>PyTorch: max of raw v, then bias-corrected m and v̂.</summary>
    PyTorch,
}
