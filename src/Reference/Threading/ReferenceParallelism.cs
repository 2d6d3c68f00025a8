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
    /// Passes over fewer elements than this run on the calling thread: 2^15. Measured on the 2-core development machine
    /// with the threshold and chunks lowered to 2^11 and 2^10, an Adam step took the same time on one and on two threads
    /// at 2^12 to 2^14 elements (17, 33, 67 µs: the caller had finished before a second worker joined) and 78 µs against
    /// 128 µs at 2^15; a masked_adam step 171 µs against 184 µs at 2^15 and 212 µs against 381 µs at 2^16.
    /// </summary>
    public const int Threshold = 1 << 15;

    /// <summary>
    /// Elements per chunk: 2^14, so that a pass at the threshold has two chunks and a step on 10⁷ elements 611 to
    /// balance; chunks of 2^12 and 2^16 timed the same as 2^14 within the noise of the shared 2-core machine. A
    /// multiple of 4, so a chunk's mask starts on a Philox block.
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
