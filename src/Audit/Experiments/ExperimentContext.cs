using System.Collections.Concurrent;
using Verification.Audit.Experiments.Runs;

namespace Verification.Audit.Experiments;

/// <summary>What every experiment gets: where the data is, the seed, the scale, the device and a progress sink.</summary>
/// <param name="DataDirectory">An explicit data folder, or null for the default search (VERIFICATION_DATA_DIR, then ../shared/data).</param>
/// <param name="Seed">The base seed; experiments derive every random draw from it through Philox.</param>
/// <param name="Quick">Small scale (the default of the main command: the whole audit under 10 minutes on 2 cores).</param>
/// <param name="Device">Where optimizer steps run.</param>
/// <param name="Progress">Reports (fraction done in [0, 1], what is running).</param>
public sealed record ExperimentContext(string? DataDirectory, ulong Seed, bool Quick, ComputeDevice Device, IProgress<(double Fraction, string Status)> Progress)
{
    /// <summary>
    /// The smallest configuration that still runs every code path of an experiment (a few hundred examples, tens of
    /// steps): for the structural tests only. Overrides <see cref="Quick"/>.
    /// </summary>
    internal bool Tiny { get; init; }

    /// <summary>Where run results are written and read back (in memory by default).</summary>
    public RunStore Store { get; init; } = new(null);

    /// <summary>Runs executed at once (default: every core). Results do not depend on it.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Stops starting and stepping runs (Ctrl-C); finished runs are kept.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// The evaluation and tuning seeds: 3 + 2 at the tiny (test) scale, 5 + 2 in quick mode, 10 + 2 in full mode, all
    /// derived from <see cref="Seed"/>.
    /// </summary>
    public SeedPlan Seeds => new(Seed, Tiny ? 3 : Quick ? 5 : 10, 2);

    private ConcurrentDictionary<string, Lazy<object>> SharedObjects { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The object <paramref name="create"/> makes for <paramref name="key"/>, made once per context however many runs ask
    /// at once (data sets, problems, optima shared by the runs of an experiment). Shared objects must be read-only.
    /// </summary>
    public T Shared<T>(string key, Func<T> create)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(create);
        object value = SharedObjects.GetOrAdd(key, _ => new Lazy<object>(() => create(), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        return value as T ?? throw new InvalidOperationException($"Shared object '{key}' is a {value.GetType().Name}, not a {typeof(T).Name}.");
    }
}

/// <summary>Where optimizer steps run.</summary>
public enum ComputeDevice
{
    /// <summary>The double-precision CPU reference.</summary>
    Reference,

    /// <summary>The OpenCL accelerator (float64), cross-checked bit for bit against the reference.</summary>
    Accelerator,

    /// <summary>
    /// The TorchSharp backend (float64) on libtorch's CUDA device where one is installed and visible, else on the CPU
    /// (<c>VERIFICATION_TORCH_DEVICE</c> chooses); cross-checked bit for bit against the reference.
    /// </summary>
    Torch,
}
