using Verification.Gpu;
using Verification.Gpu.Optimizers;
using Verification.Gpu.Torch;
using Verification.Reference.Random;
using static TorchSharp.torch;
using static Verification.Gpu.Torch.TorchArithmetic;

namespace Verification.Properties.Gpu;

/// <summary>
/// The TorchSharp backend with one change to the dense Adam update: θ − (α·m̂)/den instead of the reference's
/// θ − α·(m̂/den). The two are equal in exact arithmetic and differ by a rounding in floating point, which is what a
/// bitwise test must notice. Only the unmasked dense update is reordered (all the test runs); everything else is the
/// real backend's.
/// </summary>
internal sealed class ReorderedAdamTorchBackend(TorchBackend inner) : IGradientMethodBackend
{
    public string Description => "reordered " + inner.Description;

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
        where T : unmanaged
    {
        if (mask is not null || options.Amsgrad || options.Box is not null || options.EpsilonInsideSqrt)
        {
            throw new NotSupportedException("The reordered update covers plain Adam only.");
        }

        Tensor theta = ((TorchVector<T>)state.Theta).Tensor, m = ((TorchVector<T>)state.M).Tensor, v = ((TorchVector<T>)state.V).Tensor;
        Tensor g = ((TorchVector<T>)gradient).Tensor;
        using IDisposable scope = NewDisposeScope();
        Tensor mj = Add(Mul(m, scalars.Beta1t), Mul(g, scalars.OneMinusBeta1t));
        Tensor vj = Add(Mul(v, scalars.Beta2t), Mul(g * g, scalars.OneMinusBeta2t));
        Tensor mh = mj / tensor(scalars.BiasCorrection1, theta.dtype);
        Tensor den = Add((vj / tensor(scalars.BiasCorrection2, theta.dtype)).sqrt(), scalars.Epsilon);
        Tensor step = where(Equal(den, 0.0) & Equal(mh, 0.0), zeros_like(mh), Mul(mh, scalars.StepSize) / den);   // the change
        m.copy_(mj);
        v.copy_(vj);
        theta.copy_(Sub(theta, step));
    }

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
        where T : unmanaged => inner.RmsPropUpdate(theta, v, gradient, rho, oneMinusRho, learningRate, epsilon, box);

    // The real backend belongs to the test environment.
    public void Dispose()
    {
    }
}
