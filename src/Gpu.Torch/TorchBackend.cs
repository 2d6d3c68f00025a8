using TorchSharp;
using Verification.Gpu.Optimizers;
using Verification.Reference.Random;
using static TorchSharp.torch;
using static Verification.Gpu.Torch.TorchArithmetic;

namespace Verification.Gpu.Torch;

/// <summary>
/// The TorchSharp (libtorch) implementation of <see cref="IGradientMethodBackend"/>: vectors are one-dimensional
/// tensors on one torch device (the CPU, or a CUDA device where libtorch's CUDA build is installed), and every
/// update is a sequence of separate element-wise tensor operations in the reference's operation order.
/// </summary>
/// <remarks>
/// Why separate operations: each of libtorch's <c>+ − × ÷ √</c> kernels on float64 and float32 tensors rounds once,
/// correctly, in scalar and vector code alike, so a chain of them reproduces the reference's rounding exactly. The
/// fused forms do not: <c>add(other, alpha)</c>, <c>sub(other, alpha)</c>, <c>addcmul</c> and <c>addcdiv</c> evaluate
/// <c>self + alpha·other</c> with one fused multiply-add in their vectorised CPU path (libtorch 2.10,
/// <c>vec::fmadd</c>), which rounds once where the reference rounds twice; they are never used with an alpha other
/// than 1. Divisors are 0-dim tensors on the device, never host scalars: libtorch's CUDA division by a CPU scalar
/// multiplies by its reciprocal instead. Maximum and minimum are selects that order −0 below +0 (as
/// <see cref="Math.Max(double, double)"/>, and the OpenCL kernels' <c>max0</c>/<c>min0</c>). StochGradAdam's keep
/// bits are drawn on the host by <see cref="PhiloxStream.FillBernoulli(ulong, ulong, ulong, Span{bool})"/> and
/// uploaded, so they are the reference's bits by construction.
/// </remarks>
public sealed class TorchBackend : IGradientMethodBackend
{
    /// <summary>The environment variable that chooses the torch device when none is given (<c>cpu</c>, <c>cuda</c>, <c>cuda:1</c>).</summary>
    public const string DeviceVariable = "VERIFICATION_TORCH_DEVICE";

    private TorchBackend(Device device)
    {
        Device = device;
        FusedSqrtResidual = TorchSqrt.AddcmulIsFused(device);
    }

    /// <summary>The torch device the vectors live on.</summary>
    public Device Device { get; }

    /// <summary>Whether <c>addcmul</c> is a fused multiply-add on <see cref="Device"/>, so that the square-root correction can use it (<see cref="TorchSqrt"/>).</summary>
    internal bool FusedSqrtResidual { get; }

    /// <inheritdoc/>
    public string Description => $"TorchSharp {typeof(torch).Assembly.GetName().Version?.ToString(3)}, libtorch {torch.__version__}, device {Device}";

    /// <inheritdoc/>
    public bool SupportsFloat64 => true;

    /// <summary>Whether TorchSharp loads here; never throws (see <see cref="TorchRuntime.IsAvailable(out string)"/>).</summary>
    public static bool IsAvailable(out string reason) => TorchRuntime.IsAvailable(out reason);

    /// <summary>Whether TorchSharp loads here; never throws.</summary>
    public static bool IsAvailable() => TorchRuntime.IsAvailable();

    /// <summary>
    /// Opens a backend on <paramref name="device"/> (<c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>); without one, on the
    /// device named by <see cref="DeviceVariable"/>, else CUDA when libtorch sees a CUDA device, else the CPU.
    /// </summary>
    /// <exception cref="NotSupportedException">TorchSharp does not load, or CUDA was asked for and libtorch has none (the message says why).</exception>
    /// <exception cref="ArgumentException">The device name is not cpu, cuda or cuda:N.</exception>
    public static TorchBackend Create(string? device = null)
    {
        TorchRuntime.EnsureAvailable();
        string? name = string.IsNullOrWhiteSpace(device) ? Environment.GetEnvironmentVariable(DeviceVariable) : device;
        if (string.IsNullOrWhiteSpace(name))
        {
            return new TorchBackend(CudaInitialises() ? CUDA : CPU);
        }

        string trimmed = name.Trim().ToLowerInvariant();
        bool cuda = trimmed == "cuda" || (trimmed.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(trimmed.AsSpan(5), out int index) && index >= 0);
        if (trimmed != "cpu" && !cuda)
        {
            throw new ArgumentException($"Unknown torch device '{name}': expected cpu, cuda or cuda:N.", nameof(device));
        }

        if (cuda && !CudaInitialises())
        {
            throw new NotSupportedException($"Torch device '{name}' asked for, but libtorch here has no CUDA device (libtorch {torch.__version__}; the CUDA build comes with TorchSharp-cuda-linux, see docs/gpu.md).");
        }

        return new TorchBackend(torch.device(trimmed));
    }

    /// <summary>
    /// Whether libtorch's CUDA backend loads and sees a device. TorchSharp loads it only on request; with the CPU
    /// natives the request fails at once (InvalidOperationException) and nothing else changes.
    /// </summary>
    private static bool CudaInitialises()
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CUDA);
            return torch.cuda.is_available();
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public IDeviceVector<T> Allocate<T>(int length)
        where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new TorchVector<T>(zeros(length, TorchVector<T>.ElementType, Device).DetachFromDisposeScope());
    }

    /// <inheritdoc/>
    public void Synchronize()
    {
        if (Device.type == DeviceType.CUDA)
        {
            torch.cuda.synchronize(Device);
        }
    }

    /// <inheritdoc/>
    public void FillUInt32(IDeviceVector<uint> destination, PhiloxStream stream, ulong step, ulong first)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var words = new uint[destination.Length];
        stream.FillUInt32(step, first, words);
        Own(destination, nameof(destination)).Upload(words);
    }

    /// <inheritdoc/>
    public void FillBernoulliMask(IDeviceVector<uint> destination, PhiloxStream stream, ulong step, ulong first, ulong threshold)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var keep = new bool[destination.Length];
        stream.FillBernoulli(step, first, threshold, keep);
        Own(destination, nameof(destination)).Upload(keep.Select(k => k ? 1u : 0u).ToArray());
    }

    /// <inheritdoc/>
    public void FillUniformDouble(IDeviceVector<double> destination, PhiloxStream stream, ulong step, ulong first)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var values = new double[destination.Length];
        stream.FillUniformDouble(step, first, values);
        Own(destination, nameof(destination)).Upload(values);
    }

    /// <inheritdoc/>
    public void StreamTriad<T>(IDeviceVector<T> a, IDeviceVector<T> b, IDeviceVector<T> c, T q)
        where T : unmanaged
    {
        Tensor ta = Real(a, nameof(a)), tb = Real(b, nameof(b)), tc = Real(c, nameof(c));
        SameLength(ta, nameof(b), tb);
        SameLength(ta, nameof(c), tc);
        using DisposeScope scope = NewDisposeScope();
        double factor = typeof(T) == typeof(double) ? (double)(object)q : (float)(object)q;
        ta.copy_(Add(tb, Mul(tc, factor)));
    }

    /// <inheritdoc/>
    public void AdamFamilyUpdate<T>(AdamFamilyBuffers<T> state, IDeviceVector<T> gradient, AdamFamilyScalars scalars, AdamFamilyOptions options, GradientMask? mask, IDeviceVector<uint>? keepOut)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        (Tensor theta, Tensor m, Tensor v, Tensor? vmax) = Own(state, options);
        Tensor g = Real(gradient, nameof(gradient));
        SameLength(theta, nameof(gradient), g);
        Tensor? keepBits = KeepBits(theta, keepOut);

        using DisposeScope scope = NewDisposeScope();
        var ops = new TorchElementwise(theta.dtype, Device, FusedSqrtResidual);
        Tensor? keep = Keep(mask, theta.shape[0]);
        Tensor phi = keep is null ? g : where(keep, g, zeros_like(g));
        Tensor mj = Add(Mul(m, ops.Real(scalars.Beta1t)), Mul(phi, ops.Real(scalars.OneMinusBeta1t)));
        Tensor vj = Add(Mul(v, ops.Real(scalars.Beta2t)), Mul(phi * phi, ops.Real(scalars.OneMinusBeta2t)));
        Tensor r = vmax is null ? vj : TorchElementwise.Max0(vmax, vj);
        Tensor th = ops.AdamTheta(theta, mj, r, ops.Scalar(scalars.BiasCorrection1), ops.Scalar(scalars.BiasCorrection2), scalars.Epsilon, scalars.StepSize, options);
        m.copy_(mj);
        v.copy_(vj);
        vmax?.copy_(r);
        theta.copy_(th);
        keepBits?.copy_(keep is null ? ones_like(keepBits) : keep.to(ScalarType.Int32));
    }

    /// <inheritdoc/>
    public void AdamFamilyMaskedUpdate<T>(AdamFamilyBuffers<T> state, LazyAdamFamilyCounters<T> counters, IDeviceVector<T> gradient, LazyAdamFamilyScalars scalars, AdamFamilyOptions options, GradientMask? mask, IDeviceVector<uint>? keepOut)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(options);
        (Tensor theta, Tensor m, Tensor v, Tensor? vmax) = Own(state, options);
        Tensor count = Real(counters.Count, nameof(counters)), p1 = Real(counters.Beta1Power, nameof(counters)), p2 = Real(counters.Beta2Power, nameof(counters));
        SameLength(theta, "counters.Count", count);
        SameLength(theta, "counters.Beta1Power", p1);
        SameLength(theta, "counters.Beta2Power", p2);
        Tensor g = Real(gradient, nameof(gradient));
        SameLength(theta, nameof(gradient), g);
        Tensor? keepBits = KeepBits(theta, keepOut);

        using DisposeScope scope = NewDisposeScope();
        var ops = new TorchElementwise(theta.dtype, Device, FusedSqrtResidual);

        // Every coordinate is computed as if kept; the select at the end leaves the masked-out ones untouched.
        Tensor countNext = Add(count, 1.0);
        Tensor q1 = Mul(p1, ops.Real(scalars.Beta1));
        Tensor q2 = Mul(p2, ops.Real(scalars.Beta2));
        Tensor bc1 = Sub(1.0, q1);
        Tensor bc2 = Sub(1.0, q2);
        Tensor mj = Add(Mul(m, ops.Real(scalars.Beta1)), Mul(g, ops.Real(scalars.OneMinusBeta1)));
        Tensor vj = Add(Mul(v, ops.Real(scalars.Beta2)), Mul(g * g, ops.Real(scalars.OneMinusBeta2)));
        Tensor r = vmax is null ? vj : TorchElementwise.Max0(vmax, vj);
        Tensor th = ops.AdamTheta(theta, mj, r, bc1, bc2, scalars.Epsilon, scalars.StepSize, options);
        Tensor? keep = Keep(mask, theta.shape[0]);
        foreach ((Tensor target, Tensor value) in new[] { (theta, th), (m, mj), (v, vj), (count, countNext), (p1, q1), (p2, q2) })
        {
            target.copy_(keep is null ? value : where(keep, value, target));
        }

        if (vmax is not null)
        {
            vmax.copy_(keep is null ? r : where(keep, r, vmax));
        }

        keepBits?.copy_(keep is null ? ones_like(keepBits) : keep.to(ScalarType.Int32));
    }

    /// <inheritdoc/>
    public void Scale<T>(IDeviceVector<T> x, double factor, GradientMask? keptOnly)
        where T : unmanaged
    {
        Tensor tx = Real(x, nameof(x));
        using DisposeScope scope = NewDisposeScope();
        var ops = new TorchElementwise(tx.dtype, Device, FusedSqrtResidual);
        Tensor scaled = Mul(tx, ops.Real(factor));
        Tensor? keep = Keep(keptOnly, tx.shape[0]);
        tx.copy_(keep is null ? scaled : where(keep, scaled, tx));
    }

    /// <inheritdoc/>
    public void AddScaled<T>(IDeviceVector<T> gradient, IDeviceVector<T> theta, double weightDecay)
        where T : unmanaged
    {
        Tensor g = Real(gradient, nameof(gradient)), th = Real(theta, nameof(theta));
        SameLength(th, nameof(gradient), g);
        using DisposeScope scope = NewDisposeScope();
        var ops = new TorchElementwise(g.dtype, Device, FusedSqrtResidual);
        g.copy_(Add(g, Mul(th, ops.Real(weightDecay))));
    }

    /// <inheritdoc/>
    public void SgdUpdate<T>(IDeviceVector<T> theta, IDeviceVector<T> gradient, double stepSize, BoxConstraint? box)
        where T : unmanaged
    {
        Tensor th = Real(theta, nameof(theta)), g = Real(gradient, nameof(gradient));
        SameLength(th, nameof(gradient), g);
        CheckBox(box, nameof(box));
        using DisposeScope scope = NewDisposeScope();
        var ops = new TorchElementwise(th.dtype, Device, FusedSqrtResidual);
        th.copy_(ops.Project(Sub(th, Mul(g, ops.Real(stepSize))), box));
    }

    /// <inheritdoc/>
    public void AdaGradUpdate<T>(IDeviceVector<T> theta, IDeviceVector<T> sumOfSquares, IDeviceVector<T> gradient, double learningRate, double epsilon, BoxConstraint? box)
        where T : unmanaged
    {
        Tensor th = Real(theta, nameof(theta)), s = Real(sumOfSquares, nameof(sumOfSquares)), g = Real(gradient, nameof(gradient));
        SameLength(th, nameof(sumOfSquares), s);
        SameLength(th, nameof(gradient), g);
        CheckBox(box, nameof(box));
        using DisposeScope scope = NewDisposeScope();
        var ops = new TorchElementwise(th.dtype, Device, FusedSqrtResidual);
        Tensor sNext = Add(s, g * g);
        Tensor thNext = ops.ScaledGradientStep(th, g, sNext, learningRate, epsilon, box);
        s.copy_(sNext);
        th.copy_(thNext);
    }

    /// <inheritdoc/>
    public void RmsPropUpdate<T>(IDeviceVector<T> theta, IDeviceVector<T> v, IDeviceVector<T> gradient, double rho, double oneMinusRho, double learningRate, double epsilon, BoxConstraint? box)
        where T : unmanaged
    {
        Tensor th = Real(theta, nameof(theta)), tv = Real(v, nameof(v)), g = Real(gradient, nameof(gradient));
        SameLength(th, nameof(v), tv);
        SameLength(th, nameof(gradient), g);
        CheckBox(box, nameof(box));
        using DisposeScope scope = NewDisposeScope();
        var ops = new TorchElementwise(th.dtype, Device, FusedSqrtResidual);
        Tensor vNext = Add(Mul(tv, ops.Real(rho)), Mul(g * g, ops.Real(oneMinusRho)));
        Tensor thNext = ops.ScaledGradientStep(th, g, vNext, learningRate, epsilon, box);
        tv.copy_(vNext);
        th.copy_(thNext);
    }

    /// <summary>Nothing to release: the vectors own their tensors.</summary>
    public void Dispose()
    {
    }

    /// <summary>The keep bits of <paramref name="mask"/> for <paramref name="length"/> coordinates, drawn on the host, as a bool tensor; null without a mask.</summary>
    private Tensor? Keep(GradientMask? mask, long length)
    {
        if (mask is not { } draw)
        {
            return null;
        }

        var keep = new bool[length];
        draw.Stream.FillBernoulli(draw.Step, draw.IndexOffset, draw.Threshold, keep);
        return torch.tensor(keep, device: Device);
    }

    private static void CheckBox(BoxConstraint? box, string name)
    {
        if (box is { } b && !(b.Lower <= b.Upper))
        {
            throw new ArgumentException($"Invalid box: lower {b.Lower} must not exceed upper {b.Upper}.", name);
        }
    }

    /// <summary>The tensor of the optional keep-bit output, checked to have θ's length; null without one.</summary>
    private Tensor? KeepBits(Tensor theta, IDeviceVector<uint>? keepOut)
    {
        if (keepOut is null)
        {
            return null;
        }

        Tensor bits = Own(keepOut, nameof(keepOut)).Tensor;
        SameLength(theta, nameof(keepOut), bits);
        return bits;
    }

    private static void SameLength(Tensor expected, string name, Tensor actual)
    {
        if (actual.shape[0] != expected.shape[0])
        {
            throw new ArgumentException($"{name} has {actual.shape[0]} elements but θ has {expected.shape[0]}.", name);
        }
    }

    private (Tensor Theta, Tensor M, Tensor V, Tensor? VMax) Own<T>(AdamFamilyBuffers<T> state, AdamFamilyOptions options)
        where T : unmanaged
    {
        Tensor theta = Real(state.Theta, nameof(state)), m = Real(state.M, nameof(state)), v = Real(state.V, nameof(state));
        SameLength(theta, "state.M", m);
        SameLength(theta, "state.V", v);
        Tensor? vmax = null;
        if (options.Amsgrad)
        {
            vmax = Real(state.VMax ?? throw new ArgumentException("AMSGrad needs the vmax buffer (state.VMax is null).", nameof(state)), nameof(state));
            SameLength(theta, "state.VMax", vmax);
        }

        CheckBox(options.Box, nameof(options));
        return (theta, m, v, vmax);
    }

    /// <summary>The tensor of a double or float vector of this backend.</summary>
    private Tensor Real<T>(IDeviceVector<T> vector, string name)
        where T : unmanaged
    {
        if (typeof(T) != typeof(double) && typeof(T) != typeof(float))
        {
            throw new NotSupportedException($"The update runs on double or float vectors, not {typeof(T).Name}.");
        }

        return Own(vector, name).Tensor;
    }

    private TorchVector<T> Own<T>(IDeviceVector<T> vector, string name)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(vector, name);
        if (vector is not TorchVector<T> own)
        {
            throw new ArgumentException($"{name} is a {vector.GetType().Name}, not a vector allocated by a TorchSharp backend.", name);
        }

        if (own.Tensor.device_type != Device.type || own.Tensor.device_index != Device.index && Device.index >= 0)
        {
            throw new ArgumentException($"{name} lives on torch device {own.Tensor.device}, this backend on {Device}.", name);
        }

        return own;
    }
}
