namespace Verification.Benchmarks;

/// <summary>
/// The STREAM triad a[i] = b[i] + q·c[i] (McCalpin): 24 bytes moved per element (two reads, one write; write-allocate
/// traffic not counted, as STREAM does). Its rate is the memory-bandwidth bound the optimizer steps are compared to.
/// </summary>
public static class StreamTriad
{
    /// <summary>Bytes STREAM counts per triad element.</summary>
    public const int BytesPerElement = 24;

    /// <summary>Elements per chunk of <see cref="RunAllCores"/>: 2^16 doubles (512 KiB per array) keeps scheduling overhead small.</summary>
    public const int ChunkLength = 1 << 16;

    /// <summary>One triad pass over the arrays on every core, in fixed chunks: the bandwidth bound of the multi-threaded steps.</summary>
    public static void RunAllCores(double[] a, double[] b, double[] c, double q)
    {
        int chunks = (a.Length + ChunkLength - 1) / ChunkLength;
        Parallel.For(0, chunks, k =>
        {
            int end = Math.Min(a.Length, (k + 1) * ChunkLength);
            for (int i = k * ChunkLength; i < end; i++)
            {
                a[i] = b[i] + q * c[i];
            }
        });
    }

    /// <summary>One triad pass over the arrays.</summary>
    public static void Run(double[] a, double[] b, double[] c, double q)
    {
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = b[i] + q * c[i];
        }
    }
}
