namespace Verification.Benchmarks;

/// <summary>
/// The STREAM triad a[i] = b[i] + q·c[i] (McCalpin): 24 bytes moved per element (two reads, one write; write-allocate
/// traffic not counted, as STREAM does). Its rate is the memory-bandwidth bound the optimizer steps are compared to.
/// </summary>
public static class StreamTriad
{
    /// <summary>Bytes STREAM counts per triad element.</summary>
    public const int BytesPerElement = 24;

    /// <summary>One triad pass over the arrays.</summary>
    public static void Run(double[] a, double[] b, double[] c, double q)
    {
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = b[i] + q * c[i];
        }
    }
}
