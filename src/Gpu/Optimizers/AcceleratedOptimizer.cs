using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;
using Verification.Reference.Random;
using ReferenceBox = Verification.Reference.Optimizers.Box;
using StochGradAdamOptimizer = Verification.Reference.Optimizers.StochGradAdam.StochGradAdam;

namespace Verification.Gpu.Optimizers;

/// <summary>
/// Runs a reference <see cref="IGradientOptimizer"/> configuration (SGD, AdaGrad, RMSProp, Adam, both AMSGrad
/// conventions, every StochGradAdam variant including <c>masked_update</c> and both weight-decay modes) on device
/// buffers, step for step.
/// </summary>
/// <remarks>
/// Every per-step scalar is computed on the host by the reference class's own code (<see cref="Adam.ScalarsFor"/>,
/// <see cref="AmsGrad.ScalarsFor"/>, <see cref="StochGradAdamOptimizer.ScalarsFor"/>, the options' schedules), from
/// a host-side mirror of the reference state's scalars (β₁^t, β₂^t, λ^(t−1)) and step count, which advances exactly
/// as the reference advances them. The vectors live only on the device; <see cref="DownloadState"/> assembles an
/// <see cref="OptimizerState"/> with the reference's names so the two can be compared with
/// <see cref="OptimizerState.FirstBitDifference"/>. StochGradAdam's mask is drawn in-kernel from
/// (seed, <see cref="RandomStream.GradientMask"/>, t, j), the same Philox draw as <see cref="StochGradAdamOptimizer.Mask"/>.
/// In double the device trajectory equals the reference bit for bit (the kernels follow the reference's operation
/// order with FP_CONTRACT OFF); in float it is the same recursion rounded to float.
/// </remarks>
/// <typeparam name="T">double or float.</typeparam>
public sealed class AcceleratedOptimizer<T> : IDisposable
    where T : unmanaged
{
    private const string Beta1PowerName = "beta1_pow";
    private const string Beta2PowerName = "beta2_pow";
    private const string LambdaPowerName = "lambda_pow";
    private const string MName = "m";
    private const string VName = "v";
    private const string VMaxName = "vhat";

    private readonly IGradientMethodBackend _backend;
    private readonly OptimizerState _mirror;
    private readonly Dictionary<string, IDeviceVector<T>> _buffers = new(StringComparer.Ordinal);
    private readonly AdamFamilyBuffers<T>? _adam;
    private readonly LazyAdamFamilyCounters<T>? _lazy;
    private readonly AdamFamilyOptions? _adamOptions;

    /// <summary>Allocates the device state of <paramref name="reference"/> for <paramref name="dimension"/> parameters, initialised as its <c>Init</c>.</summary>
    /// <param name="backend">The accelerator.</param>
    /// <param name="reference">The reference configuration whose steps are reproduced.</param>
    /// <param name="dimension">The number of parameters.</param>
    /// <exception cref="NotSupportedException">An optimizer type this runner does not know, or a precision other than double and float.</exception>
    public AcceleratedOptimizer(IGradientMethodBackend backend, IGradientOptimizer reference, int dimension)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        if (typeof(T) != typeof(double) && typeof(T) != typeof(float))
        {
            throw new NotSupportedException($"The accelerated optimizers run in double or float, not {typeof(T).Name}.");
        }

        if (reference is not (Sgd or AdaGrad or RmsProp or Adam or AmsGrad or StochGradAdamOptimizer))
        {
            throw new NotSupportedException($"No accelerator implementation of {reference.Name} ({reference.GetType().Name}).");
        }

        _backend = backend;
        Reference = reference;
        Dimension = dimension;
        _mirror = reference.Init(0);
        Parameters = backend.Allocate<T>(dimension);
        Gradient = backend.Allocate<T>(dimension);
        KeepBits = backend.Allocate<uint>(dimension);

        // Every reference buffer gets a device twin, initialised with the reference's initial values.
        OptimizerState initial = reference.Init(dimension);
        foreach (string name in initial.BufferNames)
        {
            IDeviceVector<T> buffer = backend.Allocate<T>(dimension);
            buffer.Upload(Convert(initial.Buffer(name)));
            _buffers.Add(name, buffer);
        }

        switch (reference)
        {
            case Adam adam:
                _adamOptions = new AdamFamilyOptions(false, adam.Options.EpsilonPlacement == EpsilonPlacement.Inside, ToBox(adam.Options.Box));
                break;
            case AmsGrad ams:
                _adamOptions = new AdamFamilyOptions(true, false, ToBox(ams.Options.Box));
                break;
            case StochGradAdamOptimizer sga:
                _adamOptions = new AdamFamilyOptions(false, sga.Options.ResolvedEpsilonPlacement == EpsilonPlacement.Inside, ToBox(sga.Options.Box));
                if (sga.Options.Variant == StochGradAdamVariant.MaskedUpdate)
                {
                    _lazy = new LazyAdamFamilyCounters<T>(
                        _buffers[StochGradAdamOptimizer.Count], _buffers[StochGradAdamOptimizer.CoordinateBeta1Power], _buffers[StochGradAdamOptimizer.CoordinateBeta2Power]);
                }

                break;
        }

        if (_adamOptions is not null)
        {
            _adam = new AdamFamilyBuffers<T>(Parameters, _buffers[MName], _buffers[VName], _adamOptions.Amsgrad ? _buffers[VMaxName] : null);
        }
    }

    /// <summary>The reference configuration.</summary>
    public IGradientOptimizer Reference { get; }

    /// <summary>The number of parameters.</summary>
    public int Dimension { get; }

    /// <summary>θ on the device.</summary>
    public IDeviceVector<T> Parameters { get; }

    /// <summary>The gradient buffer on the device (<see cref="Step"/> uploads into it; <see cref="StepResident"/> reads it as it is).</summary>
    public IDeviceVector<T> Gradient { get; }

    /// <summary>StochGradAdam's keep bits of the last step (1 kept, 0 masked); not written by the other optimizers.</summary>
    public IDeviceVector<uint> KeepBits { get; }

    /// <summary>The number of steps taken.</summary>
    public long StepCount => _mirror.Step;

    /// <summary>
    /// The bytes one step must move per parameter at the least: θ read and written, the gradient read, every state
    /// vector read and written, and StochGradAdam's keep bits written (4 B). The STREAM triad moves 24, so a step's
    /// time over (triad time × this / 24) says how close the step runs to the memory-bandwidth bound. Extra passes
    /// (coupled weight decay's g + wd·θ, decoupled decay's scaling) are not counted: they show as a ratio above 1.
    /// </summary>
    public int NominalBytesPerElement =>
        (System.Runtime.CompilerServices.Unsafe.SizeOf<T>() * (3 + (2 * _buffers.Count))) + (Reference is StochGradAdamOptimizer ? sizeof(uint) : 0);

    /// <summary>Uploads θ.</summary>
    public void SetParameters(ReadOnlySpan<T> theta) => Parameters.Upload(theta);

    /// <summary>Downloads θ.</summary>
    public T[] GetParameters() => AdamFamilyKernel<T>.Download(Parameters);

    /// <summary>Uploads the gradient and takes step t = <see cref="StepCount"/> + 1 on the device.</summary>
    /// <exception cref="ArgumentException">The gradient has the wrong length or a non-finite entry (nothing changes).</exception>
    public void Step(ReadOnlySpan<T> gradient)
    {
        if (gradient.Length != Dimension)
        {
            throw new ArgumentException($"The gradient has {gradient.Length} elements but θ has {Dimension}.", nameof(gradient));
        }

        for (int j = 0; j < gradient.Length; j++)
        {
            double value = typeof(T) == typeof(double) ? (double)(object)gradient[j] : (float)(object)gradient[j];
            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"Gradient entry {j} is {value} at step {StepCount + 1}; gradients must be finite.", nameof(gradient));
            }
        }

        Gradient.Upload(gradient);
        StepResident();
    }

    /// <summary>
    /// Takes one step with the gradient already in <see cref="Gradient"/> (not validated; coupled weight decay
    /// overwrites it with g + wd·θ). Launches are enqueued; call the backend's Synchronize to wait.
    /// </summary>
    public void StepResident()
    {
        long t = _mirror.Step + 1;
        switch (Reference)
        {
            case Sgd sgd:
                _backend.SgdUpdate(Parameters, Gradient, sgd.Options.Schedule.At(t), ToBox(sgd.Options.Box));
                _mirror.RestoreStep(t);
                break;
            case AdaGrad adagrad:
                _backend.AdaGradUpdate(Parameters, _buffers[AdaGrad.SumOfSquares], Gradient, adagrad.Options.LearningRate, adagrad.Options.Epsilon, ToBox(adagrad.Options.Box));
                _mirror.RestoreStep(t);
                break;
            case RmsProp rms:
                _backend.RmsPropUpdate(Parameters, _buffers[VName], Gradient, rms.Options.Rho, 1.0 - rms.Options.Rho, rms.Options.LearningRate, rms.Options.Epsilon, ToBox(rms.Options.Box));
                _mirror.RestoreStep(t);
                break;
            case Adam adam:
            {
                AdamStepScalars s = adam.ScalarsFor(t, _mirror, out double b1p, out double b2p);
                _backend.AdamFamilyUpdate(_adam!, Gradient, ToKernel(s), _adamOptions!, null, null);
                EndAdamStep(b1p, b2p, adam.Options.Beta1Decay);
                break;
            }

            case AmsGrad ams:
            {
                AdamStepScalars s = ams.ScalarsFor(t, _mirror, out double b1p, out double b2p);
                _backend.AdamFamilyUpdate(_adam!, Gradient, ToKernel(s), _adamOptions!, null, null);
                EndAdamStep(b1p, b2p, ams.Options.Beta1Decay);
                break;
            }

            case StochGradAdamOptimizer sga:
                StochGradAdamStep(sga, t);
                break;
        }
    }

    /// <summary>
    /// The state as the reference would hold it: the mirrored scalars and step count, and every buffer downloaded
    /// (float values widened exactly to double). Comparable with <see cref="OptimizerState.FirstBitDifference"/>.
    /// </summary>
    public OptimizerState DownloadState()
    {
        OptimizerState state = Reference.Init(Dimension);
        state.RestoreStep(_mirror.Step);
        foreach (string name in _mirror.ScalarNames)
        {
            state.SetScalar(name, _mirror.Scalar(name));
        }

        foreach ((string name, IDeviceVector<T> buffer) in _buffers)
        {
            ToDouble(AdamFamilyKernel<T>.Download(buffer)).CopyTo(state.Buffer(name), 0);
        }

        return state;
    }

    /// <summary>θ widened exactly to double.</summary>
    public double[] GetParametersAsDouble() => ToDouble(GetParameters());

    /// <summary>The keep bits of the last StochGradAdam step as booleans (compare with <see cref="StochGradAdamOptimizer.Mask"/>).</summary>
    public bool[] LastMask() => AdamFamilyKernel<uint>.Download(KeepBits).Select(k => k != 0).ToArray();

    /// <inheritdoc/>
    public void Dispose()
    {
        Parameters.Dispose();
        Gradient.Dispose();
        KeepBits.Dispose();
        foreach (IDeviceVector<T> buffer in _buffers.Values)
        {
            buffer.Dispose();
        }
    }

    private void StochGradAdamStep(StochGradAdamOptimizer sga, long t)
    {
        StochGradAdamOptions o = sga.Options;
        double alpha = o.Schedule.At(t);
        GradientMask mask = GradientMask.ForRate(o.Seed, o.SamplingRate, (ulong)t);
        if (o.WeightDecay != 0.0 && o.WeightDecayMode == WeightDecayMode.Coupled)
        {
            _backend.AddScaled(Gradient, Parameters, o.WeightDecay);        // g̃ = g + wd·θ, masked afterwards
        }

        double decoupledFactor = o.WeightDecay != 0.0 && o.WeightDecayMode == WeightDecayMode.Decoupled ? 1.0 - (alpha * o.WeightDecay) : 1.0;
        double beta1Power = _mirror.Scalar(Beta1PowerName) * o.Beta1;
        double beta2Power = _mirror.Scalar(Beta2PowerName) * o.Beta2;
        if (o.Variant == StochGradAdamVariant.MaskedUpdate)
        {
            if (decoupledFactor != 1.0)
            {
                _backend.Scale(Parameters, decoupledFactor, mask);          // θ·(1 − α_t wd) on kept coordinates only
            }

            var scalars = LazyAdamFamilyScalars.Create(alpha, o.Beta1, o.Beta2, o.ResolvedEpsilon);
            _backend.AdamFamilyMaskedUpdate(_adam!, _lazy!, Gradient, scalars, _adamOptions!, mask, KeepBits);
        }
        else
        {
            if (decoupledFactor != 1.0)
            {
                _backend.Scale(Parameters, decoupledFactor, null);
            }

            AdamStepScalars s = sga.ScalarsFor(t, _mirror, alpha, beta1Power, beta2Power);
            _backend.AdamFamilyUpdate(_adam!, Gradient, ToKernel(s), _adamOptions!, mask, KeepBits);
        }

        EndAdamStep(beta1Power, beta2Power, o.Beta1Decay);
    }

    /// <summary>The reference's end-of-step bookkeeping (AdamFamily.EndStep) on the mirror.</summary>
    private void EndAdamStep(double beta1Power, double beta2Power, double lambda)
    {
        _mirror.SetScalar(Beta1PowerName, beta1Power);
        _mirror.SetScalar(Beta2PowerName, beta2Power);
        _mirror.SetScalar(LambdaPowerName, _mirror.Scalar(LambdaPowerName) * lambda);
        _mirror.RestoreStep(_mirror.Step + 1);
    }

    private static AdamFamilyScalars ToKernel(in AdamStepScalars s) =>
        new(s.Beta1t, s.OneMinusBeta1t, s.Beta2t, s.OneMinusBeta2t, s.BiasCorrection1, s.BiasCorrection2, s.Epsilon, s.Alpha);

    private static BoxConstraint? ToBox(ReferenceBox? box) => box is null ? null : new BoxConstraint(box.Lower, box.Upper);

    private static T[] Convert(double[] values)
    {
        if (typeof(T) == typeof(double))
        {
            return (T[])(object)values.Clone();
        }

        return (T[])(object)values.Select(x => (float)x).ToArray();
    }

    private static double[] ToDouble(T[] values) =>
        typeof(T) == typeof(double) ? (double[])(object)values : ((float[])(object)values).Select(x => (double)x).ToArray();
}
