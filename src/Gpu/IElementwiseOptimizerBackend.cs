using Verification.Gpu.Optimizers;

namespace Verification.Gpu;

/// <summary>
/// An accelerator that also runs the Adam-family element-wise update in the operation order documented in
/// <c>Kernels/adam_family.cl</c> (and docs/gpu.md), for <see cref="double"/> and <see cref="float"/> vectors.
/// </summary>
public interface IElementwiseOptimizerBackend : IAcceleratorBackend
{
    /// <summary>
    /// One dense step: every coordinate's moments advance, masked-out coordinates (when <paramref name="mask"/> is
    /// given) see a zero gradient.
    /// </summary>
    /// <param name="state">θ, m, v and (for AMSGrad) vmax, updated in place.</param>
    /// <param name="gradient">The full gradient g.</param>
    /// <param name="scalars">The host-computed scalars of this step.</param>
    /// <param name="options">AMSGrad, ε placement and box.</param>
    /// <param name="mask">The Bernoulli gradient mask, or null to keep every coordinate.</param>
    /// <param name="keepOut">When not null, receives the keep bits (1 kept, 0 masked).</param>
    void AdamFamilyUpdate<T>(AdamFamilyBuffers<T> state, IDeviceVector<T> gradient, AdamFamilyScalars scalars, AdamFamilyOptions options, GradientMask? mask, IDeviceVector<uint>? keepOut)
        where T : unmanaged;

    /// <summary>
    /// One lazy step: masked-out coordinates are left untouched; kept ones advance their own count and running
    /// powers of β1 and β2 and use them for bias correction.
    /// </summary>
    /// <param name="state">θ, m, v and (for AMSGrad) vmax, updated in place.</param>
    /// <param name="counters">Per-coordinate count (starts 0) and running powers β1^k, β2^k (start 1).</param>
    /// <param name="gradient">The full gradient g.</param>
    /// <param name="scalars">β1, β2, ε and α_t.</param>
    /// <param name="options">AMSGrad, ε placement and box.</param>
    /// <param name="mask">The Bernoulli gradient mask, or null to keep every coordinate.</param>
    /// <param name="keepOut">When not null, receives the keep bits.</param>
    void AdamFamilyMaskedUpdate<T>(AdamFamilyBuffers<T> state, LazyAdamFamilyCounters<T> counters, IDeviceVector<T> gradient, LazyAdamFamilyScalars scalars, AdamFamilyOptions options, GradientMask? mask, IDeviceVector<uint>? keepOut)
        where T : unmanaged;
}
