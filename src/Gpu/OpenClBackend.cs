using Verification.Gpu.Devices;
using Verification.Gpu.Kernels;
using Verification.Gpu.Optimizers;
using Verification.Reference.Random;

namespace Verification.Gpu;

/// <summary>
/// The OpenCL implementation of <see cref="IGradientMethodBackend"/>: one context and in-order queue on one
/// device, the embedded kernels built once per precision, and launches serialised by a lock (kernel objects hold
/// their arguments, so set-and-launch must not interleave between threads).
/// </summary>
public sealed class OpenClBackend : IGradientMethodBackend
{
    /// <summary>The option that makes float divide and sqrt correctly rounded, added when the device supports it.</summary>
    public const string CorrectlyRoundedSingleOption = "-cl-fp32-correctly-rounded-divide-sqrt";

    /// <summary>
    /// The work-group size of the element-wise launches. The global size is rounded up to a multiple of it (the kernels
    /// return past the end): left to itself, an implementation must pick a divisor of the global size, which for a
    /// prime length such as 100,003 is 1. 64 is within every device's limit here (PoCL 4096, NVIDIA 1024).
    /// </summary>
    public const int WorkGroupSize = 64;

    private readonly object _gate = new();
    private readonly Lazy<ProgramSet> _float32;
    private readonly Lazy<ProgramSet?> _float64;

    /// <summary>Opens a backend on <paramref name="device"/>.</summary>
    public OpenClBackend(OpenClDeviceInfo device)
    {
        Context = new OpenClContext(device);
        string singleOptions = device.SupportsCorrectlyRoundedSingleDivideSqrt ? CorrectlyRoundedSingleOption : string.Empty;
        _float32 = new Lazy<ProgramSet>(() => new ProgramSet(Context, "float32", singleOptions));
        _float64 = new Lazy<ProgramSet?>(() => device.SupportsFloat64 ? new ProgramSet(Context, "float64", "-D REAL_IS_DOUBLE=1") : null);
    }

    /// <summary>The context (device, queue) the backend runs on.</summary>
    public OpenClContext Context { get; }

    /// <summary>The device.</summary>
    public OpenClDeviceInfo Device => Context.Device;

    /// <inheritdoc/>
    public string Description => "OpenCL: " + Device.Description;

    /// <inheritdoc/>
    public bool SupportsFloat64 => Device.SupportsFloat64;

    /// <summary>Whether float kernels are built with <see cref="CorrectlyRoundedSingleOption"/> (then float + - * / sqrt are IEEE).</summary>
    public bool SingleDivideSqrtCorrectlyRounded => Device.SupportsCorrectlyRoundedSingleDivideSqrt;

    /// <summary>Opens a backend on the device chosen by <see cref="OpenClDevices.Select"/>.</summary>
    /// <exception cref="NotSupportedException">No usable OpenCL device (the message says why).</exception>
    public static OpenClBackend Create(string? nameFilter = null) => new(OpenClDevices.Select(nameFilter));

    /// <summary>Whether an OpenCL device can be opened; never throws, and <paramref name="reason"/> says which device or why not.</summary>
    public static bool IsAvailable(out string reason) => OpenClDevices.IsAvailable(out reason);

    /// <summary>Whether an OpenCL device can be opened; never throws.</summary>
    public static bool IsAvailable() => OpenClDevices.IsAvailable();

    /// <inheritdoc/>
    public IDeviceVector<T> Allocate<T>(int length)
        where T : unmanaged => Context.Allocate<T>(length);

    /// <inheritdoc/>
    public void Synchronize()
    {
        lock (_gate)
        {
            Context.Finish();
        }
    }

    /// <inheritdoc/>
    public void FillUInt32(IDeviceVector<uint> destination, PhiloxStream stream, ulong step, ulong first)
    {
        DeviceBuffer<uint> output = Own(destination, nameof(destination));
        lock (_gate)
        {
            _float32.Value.FillUInt32
                .SetBuffer(0, output).SetScalar(1, stream.Key.K0).SetScalar(2, stream.Key.K1)
                .SetScalar(3, step).SetScalar(4, first).SetScalar(5, (uint)output.Length);
            LaunchPerBlock(_float32.Value.FillUInt32, output.Length, first);
        }
    }

    /// <inheritdoc/>
    public void FillBernoulliMask(IDeviceVector<uint> destination, PhiloxStream stream, ulong step, ulong first, ulong threshold)
    {
        DeviceBuffer<uint> output = Own(destination, nameof(destination));
        lock (_gate)
        {
            _float32.Value.BernoulliMask
                .SetBuffer(0, output).SetScalar(1, stream.Key.K0).SetScalar(2, stream.Key.K1)
                .SetScalar(3, step).SetScalar(4, first).SetScalar(5, threshold).SetScalar(6, (uint)output.Length);
            LaunchPerBlock(_float32.Value.BernoulliMask, output.Length, first);
        }
    }

    /// <inheritdoc/>
    public void FillUniformDouble(IDeviceVector<double> destination, PhiloxStream stream, ulong step, ulong first)
    {
        DeviceBuffer<double> output = Own(destination, nameof(destination));
        lock (_gate)
        {
            Float64(nameof(FillUniformDouble)).UniformDouble!
                .SetBuffer(0, output).SetScalar(1, stream.Key.K0).SetScalar(2, stream.Key.K1)
                .SetScalar(3, step).SetScalar(4, first).SetScalar(5, (uint)output.Length)
                .Launch(RoundUp(output.Length), WorkGroupSize);
        }
    }

    /// <summary>
    /// Runs Philox4x32 with <paramref name="rounds"/> rounds on raw (counter, key) pairs: 4 counter words and 2 key
    /// words per block in, 4 output words per block out (for known-answer tests).
    /// </summary>
    public uint[] PhiloxRaw(ReadOnlySpan<uint> counters, ReadOnlySpan<uint> keys, uint rounds)
    {
        int blocks = keys.Length / 2;
        if (counters.Length != 4 * blocks || keys.Length != 2 * blocks)
        {
            throw new ArgumentException($"Expected 4 counter words and 2 key words per block, got {counters.Length} and {keys.Length}.", nameof(counters));
        }

        using DeviceBuffer<uint> c = Context.Upload(counters);
        using DeviceBuffer<uint> k = Context.Upload(keys);
        using DeviceBuffer<uint> output = Context.Allocate<uint>(4 * blocks);
        lock (_gate)
        {
            _float32.Value.Raw.SetBuffer(0, c).SetBuffer(1, k).SetBuffer(2, output).SetScalar(3, rounds).SetScalar(4, (uint)blocks).Launch(RoundUp(blocks), WorkGroupSize);
        }

        return output.ToArray();
    }

    /// <inheritdoc/>
    public void StreamTriad<T>(IDeviceVector<T> a, IDeviceVector<T> b, IDeviceVector<T> c, T q)
        where T : unmanaged
    {
        DeviceBuffer<T> ba = Own(a, nameof(a)), bb = Own(b, nameof(b)), bc = Own(c, nameof(c));
        SameLength(ba.Length, nameof(b), bb.Length);
        SameLength(ba.Length, nameof(c), bc.Length);
        lock (_gate)
        {
            LaunchPerCoordinate(Programs<T>(nameof(StreamTriad)).Elementwise(box: false).Triad
                .SetBuffer(0, ba).SetBuffer(1, bb).SetBuffer(2, bc).SetScalar(3, q).SetScalar(4, (uint)ba.Length), ba.Length);
        }
    }

    /// <inheritdoc/>
    public void AdamFamilyUpdate<T>(AdamFamilyBuffers<T> state, IDeviceVector<T> gradient, AdamFamilyScalars scalars, AdamFamilyOptions options, GradientMask? mask, IDeviceVector<uint>? keepOut)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        (DeviceBuffer<T> theta, DeviceBuffer<T> m, DeviceBuffer<T> v, DeviceBuffer<T>? vmax) = Own(state, options);
        int n = theta.Length;
        DeviceBuffer<T> g = Own(gradient, nameof(gradient));
        SameLength(n, nameof(gradient), g.Length);
        DeviceBuffer<uint>? keep = keepOut is null ? null : Own(keepOut, nameof(keepOut));
        SameLength(n, nameof(keepOut), keep?.Length ?? n);
        lock (_gate)
        {
            OpenClKernel kernel = Programs<T>(nameof(AdamFamilyUpdate)).Adam(KernelFlags(options, mask), keep is not null).Update;
            kernel.SetBuffer(0, theta).SetBuffer(1, m).SetBuffer(2, v).SetBuffer(3, vmax).SetBuffer(4, g).SetBuffer(5, keep)
                .SetScalar(6, (uint)n);
            SetReal<T>(kernel, 7, scalars.Beta1t);
            SetReal<T>(kernel, 8, scalars.OneMinusBeta1t);
            SetReal<T>(kernel, 9, scalars.Beta2t);
            SetReal<T>(kernel, 10, scalars.OneMinusBeta2t);
            SetReal<T>(kernel, 11, scalars.BiasCorrection1);
            SetReal<T>(kernel, 12, scalars.BiasCorrection2);
            SetReal<T>(kernel, 13, scalars.Epsilon);
            SetReal<T>(kernel, 14, scalars.StepSize);
            SetTail<T>(kernel, 15, options, mask);
            LaunchAdam(kernel, n, mask);
        }
    }

    /// <inheritdoc/>
    public void AdamFamilyMaskedUpdate<T>(AdamFamilyBuffers<T> state, LazyAdamFamilyCounters<T> counters, IDeviceVector<T> gradient, LazyAdamFamilyScalars scalars, AdamFamilyOptions options, GradientMask? mask, IDeviceVector<uint>? keepOut)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(options);
        (DeviceBuffer<T> theta, DeviceBuffer<T> m, DeviceBuffer<T> v, DeviceBuffer<T>? vmax) = Own(state, options);
        int n = theta.Length;
        DeviceBuffer<T> count = Own(counters.Count, nameof(counters));
        DeviceBuffer<T> p1 = Own(counters.Beta1Power, nameof(counters));
        DeviceBuffer<T> p2 = Own(counters.Beta2Power, nameof(counters));
        SameLength(n, "counters.Count", count.Length);
        SameLength(n, "counters.Beta1Power", p1.Length);
        SameLength(n, "counters.Beta2Power", p2.Length);
        DeviceBuffer<T> g = Own(gradient, nameof(gradient));
        SameLength(n, nameof(gradient), g.Length);
        DeviceBuffer<uint>? keep = keepOut is null ? null : Own(keepOut, nameof(keepOut));
        SameLength(n, nameof(keepOut), keep?.Length ?? n);
        lock (_gate)
        {
            OpenClKernel kernel = Programs<T>(nameof(AdamFamilyMaskedUpdate)).Adam(KernelFlags(options, mask), keep is not null).MaskedUpdate;
            kernel.SetBuffer(0, theta).SetBuffer(1, m).SetBuffer(2, v).SetBuffer(3, vmax)
                .SetBuffer(4, count).SetBuffer(5, p1).SetBuffer(6, p2).SetBuffer(7, g).SetBuffer(8, keep)
                .SetScalar(9, (uint)n);
            SetReal<T>(kernel, 10, scalars.Beta1);
            SetReal<T>(kernel, 11, scalars.OneMinusBeta1);
            SetReal<T>(kernel, 12, scalars.Beta2);
            SetReal<T>(kernel, 13, scalars.OneMinusBeta2);
            SetReal<T>(kernel, 14, scalars.Epsilon);
            SetReal<T>(kernel, 15, scalars.StepSize);
            SetTail<T>(kernel, 16, options, mask);
            LaunchAdam(kernel, n, mask);
        }
    }

    /// <inheritdoc/>
    public void Scale<T>(IDeviceVector<T> x, double factor, GradientMask? keptOnly)
        where T : unmanaged
    {
        DeviceBuffer<T> bx = Own(x, nameof(x));
        lock (_gate)
        {
            ElementwisePrograms programs = Programs<T>(nameof(Scale)).Elementwise(box: false);
            if (keptOnly is not { } draw)
            {
                OpenClKernel kernel = programs.ScaleInPlace.SetBuffer(0, bx);
                SetReal<T>(kernel, 1, factor);
                LaunchPerCoordinate(kernel.SetScalar(2, (uint)bx.Length), bx.Length);
            }
            else
            {
                OpenClKernel kernel = programs.ScaleInPlaceMasked.SetBuffer(0, bx);
                SetReal<T>(kernel, 1, factor);
                kernel.SetScalar(2, (uint)bx.Length)
                    .SetScalar(3, draw.Stream.Key.K0).SetScalar(4, draw.Stream.Key.K1)
                    .SetScalar(5, draw.Step).SetScalar(6, draw.IndexOffset).SetScalar(7, draw.Threshold);
                LaunchPerBlock(kernel, bx.Length, draw.IndexOffset);
            }
        }
    }

    /// <inheritdoc/>
    public void AddScaled<T>(IDeviceVector<T> gradient, IDeviceVector<T> theta, double weightDecay)
        where T : unmanaged
    {
        DeviceBuffer<T> g = Own(gradient, nameof(gradient)), th = Own(theta, nameof(theta));
        SameLength(th.Length, nameof(gradient), g.Length);
        lock (_gate)
        {
            OpenClKernel kernel = Programs<T>(nameof(AddScaled)).Elementwise(box: false).AddScaled;
            kernel.SetBuffer(0, g).SetBuffer(1, th);
            SetReal<T>(kernel, 2, weightDecay);
            LaunchPerCoordinate(kernel.SetScalar(3, (uint)g.Length), g.Length);
        }
    }

    /// <inheritdoc/>
    public void SgdUpdate<T>(IDeviceVector<T> theta, IDeviceVector<T> gradient, double stepSize, BoxConstraint? box)
        where T : unmanaged
    {
        DeviceBuffer<T> th = Own(theta, nameof(theta)), g = Own(gradient, nameof(gradient));
        SameLength(th.Length, nameof(gradient), g.Length);
        lock (_gate)
        {
            OpenClKernel kernel = Programs<T>(nameof(SgdUpdate)).Elementwise(box is not null).Sgd;
            kernel.SetBuffer(0, th).SetBuffer(1, g).SetScalar(2, (uint)th.Length);
            SetReal<T>(kernel, 3, stepSize);
            SetBox<T>(kernel, 4, box);
            LaunchPerCoordinate(kernel, th.Length);
        }
    }

    /// <inheritdoc/>
    public void AdaGradUpdate<T>(IDeviceVector<T> theta, IDeviceVector<T> sumOfSquares, IDeviceVector<T> gradient, double learningRate, double epsilon, BoxConstraint? box)
        where T : unmanaged
    {
        DeviceBuffer<T> th = Own(theta, nameof(theta)), s = Own(sumOfSquares, nameof(sumOfSquares)), g = Own(gradient, nameof(gradient));
        SameLength(th.Length, nameof(sumOfSquares), s.Length);
        SameLength(th.Length, nameof(gradient), g.Length);
        lock (_gate)
        {
            OpenClKernel kernel = Programs<T>(nameof(AdaGradUpdate)).Elementwise(box is not null).AdaGrad;
            kernel.SetBuffer(0, th).SetBuffer(1, s).SetBuffer(2, g).SetScalar(3, (uint)th.Length);
            SetReal<T>(kernel, 4, learningRate);
            SetReal<T>(kernel, 5, epsilon);
            SetBox<T>(kernel, 6, box);
            LaunchPerCoordinate(kernel, th.Length);
        }
    }

    /// <inheritdoc/>
    public void RmsPropUpdate<T>(IDeviceVector<T> theta, IDeviceVector<T> v, IDeviceVector<T> gradient, double rho, double oneMinusRho, double learningRate, double epsilon, BoxConstraint? box)
        where T : unmanaged
    {
        DeviceBuffer<T> th = Own(theta, nameof(theta)), bv = Own(v, nameof(v)), g = Own(gradient, nameof(gradient));
        SameLength(th.Length, nameof(v), bv.Length);
        SameLength(th.Length, nameof(gradient), g.Length);
        lock (_gate)
        {
            OpenClKernel kernel = Programs<T>(nameof(RmsPropUpdate)).Elementwise(box is not null).RmsProp;
            kernel.SetBuffer(0, th).SetBuffer(1, bv).SetBuffer(2, g).SetScalar(3, (uint)th.Length);
            SetReal<T>(kernel, 4, rho);
            SetReal<T>(kernel, 5, oneMinusRho);
            SetReal<T>(kernel, 6, learningRate);
            SetReal<T>(kernel, 7, epsilon);
            SetBox<T>(kernel, 8, box);
            LaunchPerCoordinate(kernel, th.Length);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_float32.IsValueCreated)
        {
            _float32.Value.Dispose();
        }

        if (_float64.IsValueCreated)
        {
            _float64.Value?.Dispose();
        }

        Context.Dispose();
    }

    /// <summary>The Adam kernels' compile-time flag word: the options' bits plus 8 when a mask is drawn.</summary>
    private static uint KernelFlags(AdamFamilyOptions options, GradientMask? mask) => options.Flags | (mask is null ? 0u : 8u);

    /// <summary>Rounds <paramref name="items"/> up to a multiple of <see cref="WorkGroupSize"/>.</summary>
    private static int RoundUp(long items) => checked((int)((items + WorkGroupSize - 1) / WorkGroupSize * WorkGroupSize));

    /// <summary>One work-item per coordinate (the kernels return for j ≥ n), in groups of <see cref="WorkGroupSize"/>.</summary>
    private static void LaunchPerCoordinate(OpenClKernel kernel, int n) => kernel.Launch(RoundUp(n), WorkGroupSize);

    /// <summary>One work-item per Philox block touching coordinates 0..n−1 of a mask starting at Philox index <paramref name="indexOffset"/>.</summary>
    private static void LaunchPerBlock(OpenClKernel kernel, int n, ulong indexOffset)
    {
        if (n > 0)
        {
            kernel.Launch(RoundUp((n + (long)(indexOffset & 3) + 3) / 4), WorkGroupSize);
        }
    }

    private static void LaunchAdam(OpenClKernel kernel, int n, GradientMask? mask)
    {
        if (mask is { } draw)
        {
            LaunchPerBlock(kernel, n, draw.IndexOffset);
        }
        else
        {
            LaunchPerCoordinate(kernel, n);
        }
    }

    /// <summary>Sets lo, hi, flags and the mask arguments, which end both Adam kernels' argument lists.</summary>
    private static void SetTail<T>(OpenClKernel kernel, uint index, AdamFamilyOptions options, GradientMask? mask)
        where T : unmanaged
    {
        SetReal<T>(kernel, index, options.Box?.Lower ?? double.NegativeInfinity);
        SetReal<T>(kernel, index + 1, options.Box?.Upper ?? double.PositiveInfinity);
        uint flags = KernelFlags(options, mask);
        GradientMask draw = mask ?? default;
        kernel.SetScalar(index + 2, flags)
            .SetScalar(index + 3, draw.Stream.Key.K0)
            .SetScalar(index + 4, draw.Stream.Key.K1)
            .SetScalar(index + 5, draw.Step)
            .SetScalar(index + 6, draw.IndexOffset)
            .SetScalar(index + 7, draw.Threshold);
    }

    /// <summary>Sets lo, hi and the box flag of the gradient-method kernels.</summary>
    private static void SetBox<T>(OpenClKernel kernel, uint index, BoxConstraint? box)
        where T : unmanaged
    {
        if (box is { } b && !(b.Lower <= b.Upper))
        {
            throw new ArgumentException($"Invalid box: lower {b.Lower} must not exceed upper {b.Upper}.", nameof(box));
        }

        SetReal<T>(kernel, index, box?.Lower ?? double.NegativeInfinity);
        SetReal<T>(kernel, index + 1, box?.Upper ?? double.PositiveInfinity);
        kernel.SetScalar(index + 2, box is null ? 0u : 1u);
    }

    /// <summary>Passes a host double as the kernel's <c>real</c>: unchanged for double, rounded to nearest for float.</summary>
    private static void SetReal<T>(OpenClKernel kernel, uint index, double value)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            kernel.SetScalar(index, value);
        }
        else
        {
            kernel.SetScalar(index, (float)value);
        }
    }

    private static void SameLength(int expected, string name, int actual)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has {actual} elements but θ has {expected}.", name);
        }
    }

    private (DeviceBuffer<T> Theta, DeviceBuffer<T> M, DeviceBuffer<T> V, DeviceBuffer<T>? VMax) Own<T>(AdamFamilyBuffers<T> state, AdamFamilyOptions options)
        where T : unmanaged
    {
        DeviceBuffer<T> theta = Own(state.Theta, nameof(state));
        DeviceBuffer<T> m = Own(state.M, nameof(state));
        DeviceBuffer<T> v = Own(state.V, nameof(state));
        SameLength(theta.Length, "state.M", m.Length);
        SameLength(theta.Length, "state.V", v.Length);
        DeviceBuffer<T>? vmax = null;
        if (options.Amsgrad)
        {
            vmax = Own(state.VMax ?? throw new ArgumentException("AMSGrad needs the vmax buffer (state.VMax is null).", nameof(state)), nameof(state));
            SameLength(theta.Length, "state.VMax", vmax.Length);
        }

        if (options.Box is { } box && !(box.Lower <= box.Upper))
        {
            throw new ArgumentException($"Invalid box: lower {box.Lower} must not exceed upper {box.Upper}.", nameof(options));
        }

        return (theta, m, v, vmax);
    }

    private DeviceBuffer<T> Own<T>(IDeviceVector<T> vector, string name)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(vector, name);
        return vector is DeviceBuffer<T> buffer
            ? buffer
            : throw new ArgumentException($"{name} is a {vector.GetType().Name}, not a vector allocated by this OpenCL backend.", name);
    }

    private ProgramSet Float64(string operation) =>
        _float64.Value ?? throw new NotSupportedException($"{operation} needs fp64, which the OpenCL device {Device.Name} lacks (no cl_khr_fp64, CL_DEVICE_DOUBLE_FP_CONFIG = 0).");

    private ProgramSet Programs<T>(string operation)
        where T : unmanaged =>
        typeof(T) == typeof(double) ? Float64(operation)
        : typeof(T) == typeof(float) ? _float32.Value
        : throw new NotSupportedException($"{operation} runs on double or float vectors, not {typeof(T).Name}.");

    /// <summary>
    /// The programs and kernels of one precision: the random-number program, the element-wise program (triad, SGD,
    /// AdaGrad, RMSProp, weight decay) with and without the box, and one Adam-family program per flag combination,
    /// each built on first use and cached for the backend's lifetime (callers hold the backend's lock).
    /// </summary>
    private sealed class ProgramSet : IDisposable
    {
        private readonly OpenClContext _context;
        private readonly string _precision;
        private readonly string _options;
        private readonly OpenClProgram _random;
        private readonly ElementwisePrograms?[] _elementwise = new ElementwisePrograms?[2];
        private readonly Dictionary<(uint Flags, bool KeepOut), AdamPrograms> _adam = [];

        public ProgramSet(OpenClContext context, string precision, string options)
        {
            _context = context;
            _precision = precision;
            _options = options;
            _random = context.BuildProgram(
                $"random ({precision})",
                KernelSources.Concatenate(KernelSources.Prelude, KernelSources.Philox, KernelSources.Random),
                options);
            FillUInt32 = _random.CreateKernel("philox_fill_uint32");
            BernoulliMask = _random.CreateKernel("philox_bernoulli_mask");
            Raw = _random.CreateKernel("philox_raw");
            UniformDouble = precision == "float64" ? _random.CreateKernel("philox_uniform_double") : null;
        }

        public OpenClKernel FillUInt32 { get; }

        public OpenClKernel BernoulliMask { get; }

        public OpenClKernel Raw { get; }

        public OpenClKernel? UniformDouble { get; }

        /// <summary>The element-wise program with (<c>-D GM_BOX=1</c>) or without the box projection.</summary>
        public ElementwisePrograms Elementwise(bool box) =>
            _elementwise[box ? 1 : 0] ??= new ElementwisePrograms(_context, _precision, box ? _options + " -D GM_BOX=1" : _options);

        /// <summary>The Adam-family program for the flag word (1 AMSGrad, 2 ε inside, 4 box, 8 mask) and keep-bit output.</summary>
        public AdamPrograms Adam(uint flags, bool keepOut)
        {
            if (!_adam.TryGetValue((flags, keepOut), out AdamPrograms? programs))
            {
                programs = new AdamPrograms(_context, _precision, _options, flags, keepOut);
                _adam.Add((flags, keepOut), programs);
            }

            return programs;
        }

        public void Dispose()
        {
            foreach (OpenClKernel? kernel in new[] { FillUInt32, BernoulliMask, Raw, UniformDouble })
            {
                kernel?.Dispose();
            }

            foreach (ElementwisePrograms? programs in _elementwise)
            {
                programs?.Dispose();
            }

            foreach (AdamPrograms programs in _adam.Values)
            {
                programs.Dispose();
            }

            _random.Dispose();
        }
    }

    /// <summary>The triad and the non-Adam gradient-method kernels of one precision and box setting.</summary>
    private sealed class ElementwisePrograms : IDisposable
    {
        private readonly OpenClProgram _program;

        public ElementwisePrograms(OpenClContext context, string precision, string options)
        {
            _program = context.BuildProgram(
                $"elementwise ({precision}{(options.Contains("GM_BOX", StringComparison.Ordinal) ? ", box" : string.Empty)})",
                KernelSources.Concatenate(KernelSources.Prelude, KernelSources.Philox, KernelSources.StreamTriad, KernelSources.GradientMethods),
                options);
            Triad = _program.CreateKernel("stream_triad");
            ScaleInPlace = _program.CreateKernel("scale_in_place");
            ScaleInPlaceMasked = _program.CreateKernel("scale_in_place_masked");
            AddScaled = _program.CreateKernel("add_scaled");
            Sgd = _program.CreateKernel("sgd_update");
            AdaGrad = _program.CreateKernel("adagrad_update");
            RmsProp = _program.CreateKernel("rmsprop_update");
        }

        public OpenClKernel Triad { get; }

        public OpenClKernel ScaleInPlace { get; }

        public OpenClKernel ScaleInPlaceMasked { get; }

        public OpenClKernel AddScaled { get; }

        public OpenClKernel Sgd { get; }

        public OpenClKernel AdaGrad { get; }

        public OpenClKernel RmsProp { get; }

        public void Dispose()
        {
            foreach (OpenClKernel kernel in new[] { Triad, ScaleInPlace, ScaleInPlaceMasked, AddScaled, Sgd, AdaGrad, RmsProp })
            {
                kernel.Dispose();
            }

            _program.Dispose();
        }
    }

    /// <summary>The two Adam-family kernels built for one flag combination (<c>-D ADAM_FLAGS</c>, <c>-D ADAM_KEEP_OUT</c>).</summary>
    private sealed class AdamPrograms : IDisposable
    {
        private readonly OpenClProgram _program;

        public AdamPrograms(OpenClContext context, string precision, string options, uint flags, bool keepOut)
        {
            string defines = FormattableString.Invariant($"-D ADAM_FLAGS={flags} -D ADAM_KEEP_OUT={(keepOut ? 1 : 0)}");
            _program = context.BuildProgram(
                $"adam_family ({precision}, flags {flags}{(keepOut ? ", keep bits" : string.Empty)})",
                KernelSources.Concatenate(KernelSources.Prelude, KernelSources.Philox, KernelSources.AdamFamily),
                (options + " " + defines).Trim());
            Update = _program.CreateKernel("adam_family_update");
            MaskedUpdate = _program.CreateKernel("adam_family_masked_update");
        }

        public OpenClKernel Update { get; }

        public OpenClKernel MaskedUpdate { get; }

        public void Dispose()
        {
            Update.Dispose();
            MaskedUpdate.Dispose();
            _program.Dispose();
        }
    }
}
