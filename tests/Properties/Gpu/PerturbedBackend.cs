using Verification.Gpu;
using Verification.Gpu.Optimizers;
using Verification.Reference.Random;

namespace Verification.Properties.Gpu;

/// <summary>
/// The test device with one wrong kernel: RMSProp runs with its learning rate one ULP too large, as a kernel that
/// rounded one operation differently would. Everything else is the real backend's.
/// </summary>
internal sealed class PerturbedBackend(IGradientMethodBackend inner) : IGradientMethodBackend
{
    public string Description => "perturbed " + inner.Description;

    public bool SupportsFloat64 => inner.SupportsFloat64;

    public IDeviceVector<T> Allocate<T>(int length)
        where T : unmanaged => inner.Allocate<T>(length);

    public void Synchronize() => inner.Synchronize();

    public void FillUInt32(IDeviceVector<uint> destination, PhiloxStream stream, ulong step, ulong first) => inner.FillUInt32(destination, stream, step, first);

    public void FillBernoulliMask(IDeviceVector<uint> destination, PhiloxStream stream, ulong step, ulong first, ulong threshold) =>
        inner.FillBernoulliMask(destination, stream, step, first, threshold);

    public void FillUniformDouble(IDeviceVector<double> destination, PhiloxStream stream, ulong step, ulong first) => inner.FillUniformDouble(destination, stream, step, first);

    public void StreamTriad<T>(IDeviceVector<T> a, IDeviceVector<T> b, IDeviceVector<T> c, T q)
        where T : unmanaged => inner.StreamTriad(a, b, c, q);

    public void AdamFamilyUpdate<T>(AdamFamilyBuffers<T> state, IDeviceVector<T> gradient, AdamFamilyScalars scalars, AdamFamilyOptions options, GradientMask? mask, IDeviceVector<uint>? keepOut)
        where T : unmanaged => inner.AdamFamilyUpdate(state, gradient, scalars, options, mask, keepOut);

    public void AdamFamilyMaskedUpdate<T>(AdamFamilyBuffers<T> state, LazyAdamFamilyCounters<T> counters, IDeviceVector<T> gradient, LazyAdamFamilyScalars scalars, AdamFamilyOptions options, GradientMask? mask, IDeviceVector<uint>? keepOut)
        where T : unmanaged => inner.AdamFamilyMaskedUpdate(state, counters, gradient, scalars, options, mask, keepOut);

    public void Scale<T>(IDeviceVector<T> x, double factor, GradientMask? keptOnly)
        where T : unmanaged => inner.Scale(x, factor, keptOnly);

    public void AddScaled<T>(IDeviceVector<T> gradient, IDeviceVector<T> theta, double weightDecay)
        where T : unmanaged => inner.AddScaled(gradient, theta, weightDecay);

    public void SgdUpdate<T>(IDeviceVector<T> theta, IDeviceVector<T> gradient, double stepSize, BoxConstraint? box)
        where T : unmanaged => inner.SgdUpdate(theta, gradient, stepSize, box);

    public void AdaGradUpdate<T>(IDeviceVector<T> theta, IDeviceVector<T> sumOfSquares, IDeviceVector<T> gradient, double learningRate, double epsilon, BoxConstraint? box)
        where T : unmanaged => inner.AdaGradUpdate(theta, sumOfSquares, gradient, learningRate, epsilon, box);

    public void RmsPropUpdate<T>(IDeviceVector<T> theta, IDeviceVector<T> v, IDeviceVector<T> gradient, double rho, double oneMinusRho, double learningRate, double epsilon, BoxConstraint? box)
        where T : unmanaged => inner.RmsPropUpdate(theta, v, gradient, rho, oneMinusRho, Math.BitIncrement(learningRate), epsilon, box);

    // The real backend belongs to the test environment.
    public void Dispose()
    {
    }
}
