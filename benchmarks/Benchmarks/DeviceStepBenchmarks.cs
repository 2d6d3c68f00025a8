using BenchmarkDotNet.Attributes;
using Verification.Gpu;
using Verification.Gpu.Optimizers;
using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;

namespace Verification.Benchmarks;

/// <summary>
/// Adam, float32 Adam and masked_adam steps of an accelerator backend next to the same backend's STREAM triad in the
/// same run. Data stay resident on the device; each measured operation ends with a synchronisation. A backend that
/// cannot open gives empty benchmarks. The concrete classes name the backend.
/// </summary>
public abstract class DeviceStepBenchmarks
{
    private IGradientMethodBackend? _backend;
    private AcceleratedOptimizer<double>? _adam64;
    private AcceleratedOptimizer<float>? _adam32;
    private AcceleratedOptimizer<double>? _masked64;
    private IDeviceVector<double>? _a, _b, _c;

    /// <summary>The number of parameters.</summary>
    [Params(10_000, 100_000, 1_000_000, 10_000_000)]
    public int Dimension { get; set; }

    /// <summary>Opens the backend and uploads the data once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _backend = Open();
        if (_backend is null)
        {
            return;
        }

        _adam64 = new AcceleratedOptimizer<double>(_backend, new Adam(), Dimension);
        _adam32 = new AcceleratedOptimizer<float>(_backend, new Adam(), Dimension);
        _adam64.SetParameters(Enumerable.Repeat(1.0, Dimension).ToArray());
        _adam64.Gradient.Upload(Enumerable.Repeat(0.5, Dimension).ToArray());
        _adam32.SetParameters(Enumerable.Repeat(1.0f, Dimension).ToArray());
        _adam32.Gradient.Upload(Enumerable.Repeat(0.5f, Dimension).ToArray());
        _masked64 = new AcceleratedOptimizer<double>(_backend, new StochGradAdam(new StochGradAdamOptions { SamplingRate = 0.8, Seed = 1 }), Dimension);
        _masked64.SetParameters(Enumerable.Repeat(1.0, Dimension).ToArray());
        _masked64.Gradient.Upload(Enumerable.Repeat(0.5, Dimension).ToArray());
        _a = _backend.Allocate<double>(Dimension);
        _b = _backend.Allocate<double>(Dimension);
        _c = _backend.Allocate<double>(Dimension);
        _b.Upload(Enumerable.Repeat(1.0, Dimension).ToArray());
        _c.Upload(Enumerable.Repeat(2.0, Dimension).ToArray());
    }

    /// <summary>Releases the device data.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _adam64?.Dispose();
        _adam32?.Dispose();
        _masked64?.Dispose();
        _a?.Dispose();
        _b?.Dispose();
        _c?.Dispose();
        _backend?.Dispose();
    }

    /// <summary>One float64 Adam step on the device.</summary>
    [Benchmark]
    [BytesPerElement(56)]
    public void AdamStepFloat64()
    {
        _adam64?.StepResident();
        _backend?.Synchronize();
    }

    /// <summary>One float32 Adam step on the device.</summary>
    [Benchmark]
    [BytesPerElement(28)]
    public void AdamStepFloat32()
    {
        _adam32?.StepResident();
        _backend?.Synchronize();
    }

    /// <summary>One float64 StochGradAdam masked_adam step (s = 0.8) on the device.</summary>
    [Benchmark]
    [BytesPerElement(60)]
    public void MaskedAdamStepFloat64()
    {
        _masked64?.StepResident();
        _backend?.Synchronize();
    }

    /// <summary>One float64 STREAM triad pass (a = b + q·c) on the device.</summary>
    [Benchmark]
    [TriadReference]
    [BytesPerElement(24)]
    public void TriadFloat64()
    {
        if (_backend is null)
        {
            return;
        }

        _backend.StreamTriad(_a!, _b!, _c!, 3.0);
        _backend.Synchronize();
    }

    /// <summary>The backend, or null where it cannot open on this machine.</summary>
    protected abstract IGradientMethodBackend? Open();
}
