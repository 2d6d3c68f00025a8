using BenchmarkDotNet.Attributes;
using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;
using Verification.Reference.Threading;

namespace Verification.Benchmarks;

/// <summary>
/// One optimizer step of the CPU reference against the STREAM triad on arrays of the same length, in the same run.
/// An Adam step moves 56 bytes per element (reads g, θ, m, v; writes θ, m, v); the triad 24. The bandwidth bound for
/// the step is therefore triad time × 56/24, and the reported ratio is step time / that bound. The steps run on one
/// thread and on every core (<see cref="Threads"/>), and so does the triad they are compared to: one core's bandwidth
/// bounds the one-thread step, the machine's bounds the step on every core.
/// </summary>
[MemoryDiagnoser]
public class ReferenceStepBenchmarks
{
    private double[] _a = [], _b = [], _c = [];
    private double[] _theta = [], _gradient = [];
    private Adam _adam = null!;
    private StochGradAdam _maskedAdam = null!;
    private OptimizerState _adamState = null!, _maskedState = null!;

    /// <summary>The dimension d.</summary>
    [Params(10_000, 100_000, 1_000_000, 10_000_000)]
    public int Dimension { get; set; }

    /// <summary>The most threads a step may use: 1, or −1 for every core.</summary>
    [Params(1, -1)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        ReferenceParallelism.MaxDegreeOfParallelism = Threads;
        _a = new double[Dimension];
        _b = Enumerable.Range(0, Dimension).Select(i => i * 1e-7).ToArray();
        _c = Enumerable.Range(0, Dimension).Select(i => 1.0 - i * 1e-8).ToArray();
        _theta = new double[Dimension];
        _gradient = Enumerable.Range(0, Dimension).Select(i => Math.Sin(i)).ToArray();
        _adam = new Adam();
        _adamState = _adam.Init(Dimension);
        _maskedAdam = new StochGradAdam(new StochGradAdamOptions { SamplingRate = 0.8, Seed = 1 });
        _maskedState = _maskedAdam.Init(Dimension);
    }

    [GlobalCleanup]
    public void Cleanup() => ReferenceParallelism.MaxDegreeOfParallelism = -1;

    [Benchmark(Baseline = true)]
    [TriadReference]
    [BytesPerElement(24)]
    public void TriadFloat64()
    {
        if (Threads == 1)
        {
            StreamTriad.Run(_a, _b, _c, 3.0);
        }
        else
        {
            StreamTriad.RunAllCores(_a, _b, _c, 3.0);
        }
    }

    [Benchmark]
    [BytesPerElement(56)]
    public void AdamStepFloat64() => _adam.Step(_adamState, _theta, _gradient);

    [Benchmark]
    [BytesPerElement(56)]
    public void MaskedAdamStepFloat64() => _maskedAdam.Step(_maskedState, _theta, _gradient);
}
