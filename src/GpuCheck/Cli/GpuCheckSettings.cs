namespace Verification.GpuCheck.Cli;

/// <summary>What one <c>gpu-check</c> run does.</summary>
/// <param name="DeviceFilter">The device filter (<c>--device</c>), or null for <c>VERIFICATION_OPENCL_DEVICE</c> / the preferred device.</param>
/// <param name="OpenClLibrary">The OpenCL library chosen by path (<c>--opencl-library</c>), or null.</param>
/// <param name="OutputFolder">Where <c>gpu-check.md</c> and <c>gpu-check.json</c> go.</param>
/// <param name="Quick">Whether the quick scale was asked for (it only shortens the benchmark's defaults; the check is the same).</param>
/// <param name="Sizes">The dimensions of the cross-check.</param>
/// <param name="Steps">Steps per cross-check run.</param>
/// <param name="Seed">The seed every input is derived from.</param>
/// <param name="BenchmarkSize">The dimension of the step benchmark.</param>
/// <param name="BenchmarkRepetitions">Timings per benchmarked step (Adam and masked_adam; the others get a quarter); 0 skips the benchmark.</param>
public sealed record GpuCheckSettings(
    string? DeviceFilter,
    string? OpenClLibrary,
    string OutputFolder,
    bool Quick,
    IReadOnlyList<int> Sizes,
    int Steps,
    ulong Seed,
    int BenchmarkSize,
    int BenchmarkRepetitions)
{
    /// <summary>The cross-check sizes: empty, one, a non-multiple of 4 and of the work-group size, a prime above 10⁵, and 10⁶.</summary>
    public static IReadOnlyList<int> DefaultSizes { get; } = [0, 1, 7, 257, 100_003, 1_000_000];

    /// <summary>The default steps per run (step 2 has an all-zero gradient).</summary>
    public const int DefaultSteps = 4;

    /// <summary>The default seed.</summary>
    public const ulong DefaultSeed = 20261125UL;

    /// <summary>The benchmark dimension: 10⁷ parameters, 80 MB per float64 vector, far beyond any cache.</summary>
    public const int DefaultBenchmarkSize = 10_000_000;

    /// <summary>The benchmark dimension of <c>--quick</c>.</summary>
    public const int QuickBenchmarkSize = 1_000_000;

    /// <summary>The default timings per benchmarked step.</summary>
    public const int DefaultBenchmarkRepetitions = 20;

    /// <summary>The timings per benchmarked step of <c>--quick</c>.</summary>
    public const int QuickBenchmarkRepetitions = 4;
}
