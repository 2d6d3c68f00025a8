using Verification.Reference.Random;

namespace Verification.Audit.Experiments.Runs;

/// <summary>What a seed is used for.</summary>
public enum SeedRole
{
    /// <summary>Runs that are plotted and quoted.</summary>
    Evaluation,

    /// <summary>Runs that only choose hyperparameters (step sizes); never plotted.</summary>
    Tuning,
}

/// <summary>One seed of an experiment: its role, its index within the role and the 64-bit value every draw is keyed by.</summary>
/// <param name="Role">Evaluation or tuning.</param>
/// <param name="Index">0-based index within the role.</param>
/// <param name="Value">The seed handed to the data subsets, the samplers and the masks.</param>
public readonly record struct RunSeed(SeedRole Role, int Index, ulong Value)
{
    /// <summary>A file-name-safe label: <c>eval-03</c> or <c>tune-01</c>.</summary>
    public string Label => $"{(Role == SeedRole.Evaluation ? "eval" : "tune")}-{Index:D2}";
}

/// <summary>
/// The seeds of one run of the experiments, all derived from the base seed through Philox so that every seed is a
/// distinct key (hence distinct streams for data subsets, sampling and masks) and the tuning seeds are disjoint from the
/// evaluation seeds by construction (checked).
/// </summary>
public sealed class SeedPlan
{
    // The Instances stream at steps far above the experiments' data-subset purposes (which are small integers).
    private const ulong EvaluationStep = 0x5EED_0001UL;
    private const ulong TuningStep = 0x5EED_0002UL;

    /// <summary>Derives <paramref name="evaluationCount"/> evaluation and <paramref name="tuningCount"/> tuning seeds from <paramref name="baseSeed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one evaluation seed, or a negative tuning count.</exception>
    public SeedPlan(ulong baseSeed, int evaluationCount, int tuningCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(evaluationCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(tuningCount);
        BaseSeed = baseSeed;
        var stream = new PhiloxStream(baseSeed, RandomStream.Instances);
        Evaluation = Enumerable.Range(0, evaluationCount).Select(k => new RunSeed(SeedRole.Evaluation, k, Draw(stream, EvaluationStep, k))).ToArray();
        Tuning = Enumerable.Range(0, tuningCount).Select(k => new RunSeed(SeedRole.Tuning, k, Draw(stream, TuningStep, k))).ToArray();
        if (Evaluation.Concat(Tuning).Select(s => s.Value).Distinct().Count() != evaluationCount + tuningCount)
        {
            // 2^-64-scale odds; a collision would silently share a stream between a tuning and an evaluation run.
            throw new InvalidOperationException($"Base seed {baseSeed} derives two equal experiment seeds; choose another --seed.");
        }
    }

    /// <summary>The base seed (<c>--seed</c>).</summary>
    public ulong BaseSeed { get; }

    /// <summary>Seeds whose runs are plotted and quoted.</summary>
    public IReadOnlyList<RunSeed> Evaluation { get; }

    /// <summary>Seeds whose runs only choose step sizes.</summary>
    public IReadOnlyList<RunSeed> Tuning { get; }

    /// <summary>Tuning seeds first, then evaluation seeds.</summary>
    public IEnumerable<RunSeed> All => Tuning.Concat(Evaluation);

    private static ulong Draw(PhiloxStream stream, ulong step, int k) =>
        ((ulong)stream.UInt32(step, 2 * (ulong)k) << 32) | stream.UInt32(step, 2 * (ulong)k + 1);
}
