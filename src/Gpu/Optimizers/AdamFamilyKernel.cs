namespace Verification.Gpu.Optimizers;

/// <summary>
/// An Adam-family optimizer's state held on an accelerator, stepped by the backend's element-wise kernel: θ, m, v,
/// vmax (AMSGrad) and, for the lazy variant, the per-coordinate count and running powers of β1 and β2.
/// </summary>
/// <remarks>
/// This class only moves data and launches; the arithmetic is the backend's (Kernels/adam_family.cl for OpenCL) and
/// every step-dependent scalar comes from the caller. Works against any <see cref="IElementwiseOptimizerBackend"/>.
/// </remarks>
/// <typeparam name="T">double (bit-for-bit with a host loop of the same order) or float.</typeparam>
public sealed class AdamFamilyKernel<T> : IDisposable
    where T : unmanaged
{
    private readonly IElementwiseOptimizerBackend _backend;
    private readonly IDeviceVector<T> _gradient;

    /// <summary>Allocates the state for <paramref name="dimension"/> parameters and sets m = v = vmax = count = 0, β powers = 1.</summary>
    /// <param name="backend">The accelerator.</param>
    /// <param name="dimension">The number of parameters.</param>
    /// <param name="options">AMSGrad, ε placement and box.</param>
    /// <param name="lazy">Whether to allocate the per-coordinate clocks of <see cref="LazyStep"/>.</param>
    public AdamFamilyKernel(IElementwiseOptimizerBackend backend, int dimension, AdamFamilyOptions options, bool lazy = false)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        if (typeof(T) != typeof(double) && typeof(T) != typeof(float))
        {
            throw new NotSupportedException($"The Adam-family kernel runs in double or float, not {typeof(T).Name}.");
        }

        _backend = backend;
        Dimension = dimension;
        Options = options;
        Buffers = new AdamFamilyBuffers<T>(
            backend.Allocate<T>(dimension),
            backend.Allocate<T>(dimension),
            backend.Allocate<T>(dimension),
            options.Amsgrad ? backend.Allocate<T>(dimension) : null);
        Counters = lazy
            ? new LazyAdamFamilyCounters<T>(backend.Allocate<T>(dimension), backend.Allocate<T>(dimension), backend.Allocate<T>(dimension))
            : null;
        _gradient = backend.Allocate<T>(dimension);
        KeepBits = backend.Allocate<uint>(dimension);
        T zero = default;
        T one = typeof(T) == typeof(double) ? (T)(object)1.0 : (T)(object)1.0f;
        Fill(Buffers.M, zero);
        Fill(Buffers.V, zero);
        if (Buffers.VMax is not null)
        {
            Fill(Buffers.VMax, zero);
        }

        if (Counters is not null)
        {
            Fill(Counters.Count, zero);
            Fill(Counters.Beta1Power, one);
            Fill(Counters.Beta2Power, one);
        }
    }

    /// <summary>The number of parameters.</summary>
    public int Dimension { get; }

    /// <summary>The kernel's switches.</summary>
    public AdamFamilyOptions Options { get; }

    /// <summary>θ, m, v, vmax on the device.</summary>
    public AdamFamilyBuffers<T> Buffers { get; }

    /// <summary>The lazy variant's clocks, or null when constructed without <c>lazy</c>.</summary>
    public LazyAdamFamilyCounters<T>? Counters { get; }

    /// <summary>The keep bits of the last step (1 kept, 0 masked; all 1 for an unmasked step).</summary>
    public IDeviceVector<uint> KeepBits { get; }

    /// <summary>Uploads θ.</summary>
    public void SetParameters(ReadOnlySpan<T> theta) => Buffers.Theta.Upload(theta);

    /// <summary>Downloads θ.</summary>
    public T[] GetParameters() => Download(Buffers.Theta);

    /// <summary>Uploads the gradient and takes one dense step (every coordinate's moments advance).</summary>
    public void Step(ReadOnlySpan<T> gradient, AdamFamilyScalars scalars, GradientMask? mask = null)
    {
        _gradient.Upload(gradient);
        _backend.AdamFamilyUpdate(Buffers, _gradient, scalars, Options, mask, KeepBits);
    }

    /// <summary>Uploads the gradient and takes one lazy step (masked-out coordinates untouched).</summary>
    /// <exception cref="InvalidOperationException">The kernel was constructed without <c>lazy</c>.</exception>
    public void LazyStep(ReadOnlySpan<T> gradient, LazyAdamFamilyScalars scalars, GradientMask? mask)
    {
        LazyAdamFamilyCounters<T> counters = Counters ?? throw new InvalidOperationException("LazyStep needs the per-coordinate clocks: construct the kernel with lazy: true.");
        _gradient.Upload(gradient);
        _backend.AdamFamilyMaskedUpdate(Buffers, counters, _gradient, scalars, Options, mask, KeepBits);
    }

    /// <summary>Downloads a device vector into a new array.</summary>
    public static TElement[] Download<TElement>(IDeviceVector<TElement> vector)
        where TElement : unmanaged
    {
        ArgumentNullException.ThrowIfNull(vector);
        var result = new TElement[vector.Length];
        vector.Download(result);
        return result;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Buffers.Theta.Dispose();
        Buffers.M.Dispose();
        Buffers.V.Dispose();
        Buffers.VMax?.Dispose();
        Counters?.Count.Dispose();
        Counters?.Beta1Power.Dispose();
        Counters?.Beta2Power.Dispose();
        _gradient.Dispose();
        KeepBits.Dispose();
    }

    private void Fill(IDeviceVector<T> vector, T value)
    {
        var host = new T[Dimension];
        Array.Fill(host, value);
        vector.Upload(host);
    }
}
