using Verification.Gpu.Optimizers;

namespace Verification.Gpu;

/// <summary>
/// An accelerator that, besides the Adam-family update, runs the element-wise steps of the other gradient methods of
/// the reference (SGD, AdaGrad, RMSProp) and StochGradAdam's weight decay, in the operation order documented in
/// <c>Kernels/gradient_methods.cl</c>. Every scalar is computed by the caller.
/// </summary>
public interface IGradientMethodBackend : IElementwiseOptimizerBackend
{
    /// <summary>x ← x·<paramref name="factor"/>; with <paramref name="keptOnly"/>, only on the coordinates that mask keeps.</summary>
    void Scale<T>(IDeviceVector<T> x, double factor, GradientMask? keptOnly)
        where T : unmanaged;

    /// <summary>g ← g + <paramref name="weightDecay"/>·θ (coupled weight decay).</summary>
    void AddScaled<T>(IDeviceVector<T> gradient, IDeviceVector<T> theta, double weightDecay)
        where T : unmanaged;

    /// <summary>θ ← Π(θ − α_t·g).</summary>
    void SgdUpdate<T>(IDeviceVector<T> theta, IDeviceVector<T> gradient, double stepSize, BoxConstraint? box)
        where T : unmanaged;

    /// <summary>s ← s + g·g; θ ← Π(θ − lr·u) with u = g/(√s + ε), or 0 where that denominator is 0.</summary>
    void AdaGradUpdate<T>(IDeviceVector<T> theta, IDeviceVector<T> sumOfSquares, IDeviceVector<T> gradient, double learningRate, double epsilon, BoxConstraint? box)
        where T : unmanaged;

    /// <summary>v ← ρv + (1 − ρ)(g·g); θ ← Π(θ − lr·u) with u = g/(√v + ε), or 0 where that denominator is 0.</summary>
    void RmsPropUpdate<T>(IDeviceVector<T> theta, IDeviceVector<T> v, IDeviceVector<T> gradient, double rho, double oneMinusRho, double learningRate, double epsilon, BoxConstraint? box)
        where T : unmanaged;
}
