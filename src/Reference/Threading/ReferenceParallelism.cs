namespace Verification.Reference.Threading;

/// <summary>
/// How many cores the reference uses for its element-wise optimizer steps and the objectives' bulk passes.
/// </summary>
/// <remarks>
/// Work is cut into chunks whose boundaries depend only on the length (<see cref="ChunkSize"/>), every element is a
/// pure function of its own inputs (StochGradAdam's mask included: each chunk draws its own coordinates from the
/// counter-based generator), and sums over chunks are added in chunk order. So the bits never depend on this setting,
/// on the thread count or on the schedule; only the time does.
/// </remarks>
public static class ReferenceParallelism
{
    /// <summary>
    /// Passes over fewer elements than this run on the calling thread: 2^15, the length from which a step on two
    /// threads measured faster than on one on the development machine (below it Parallel.For's dispatch costs more
    /// than the work it shares).
    /// </summary>
    public const int Threshold = 1 << 15;

    /// <summary>
    /// Elements per chunk: 2^14, so that a chunk's arrays (θ, g, m, v: 512 KB) stay in a core's L2 cache while its mask
    /// is drawn and applied, and a step on 10⁷ elements still has hundreds of chunks to balance. A multiple of 4, so a
    /// chunk's mask starts on a Philox block.
    /// </summary>
    public const int ChunkSize = 1 << 14;

    private static int s_maxDegreeOfParallelism = -1;

    /// <summary>
    /// The most threads one pass may use: −1 (the default) for every core, 1 for the sequential path on the calling
    /// thread, or any other positive number (which may exceed the core count).
    /// </summary>
    public static int MaxDegreeOfParallelism
    {
        get => Volatile.Read(ref s_maxDegreeOfParallelism);
        set
        {
            if (value is 0 or < -1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The degree of parallelism must be -1 (every core) or at least 1.");
            }

            Volatile.Write(ref s_maxDegreeOfParallelism, value);
        }
    }

    /// <summary>Options for a <see cref="Parallel"/> loop that honours <see cref="MaxDegreeOfParallelism"/>.</summary>
    public static ParallelOptions CreateOptions() => new() { MaxDegreeOfParallelism = MaxDegreeOfParallelism };

    /// <summary>Whether a pass over <paramref name="length"/> elements is split across threads.</summary>
    public static bool RunsInParallel(int length) => length >= Threshold && MaxDegreeOfParallelism != 1;

    /// <summary>The number of <see cref="ChunkSize"/> chunks that cover <paramref name="length"/> elements.</summary>
    public static int ChunkCount(int length) => (int)(((long)length + ChunkSize - 1) / ChunkSize);
}
