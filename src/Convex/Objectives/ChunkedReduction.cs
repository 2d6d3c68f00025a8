namespace Verification.Convex.Objectives;

/// <summary>
/// A deterministic parallel sum over examples: examples are cut into chunks of a fixed size, each chunk's partial sum
/// is formed sequentially (in any thread), and the partials are added in chunk order. The result is therefore the same
/// bit for bit whatever the number of threads, which <c>Parallel.For</c> with a shared accumulator would not give.
/// </summary>
internal sealed class ChunkedReduction
{
    private readonly Lock _gate = new();
    private double[] _partials = [];

    public ChunkedReduction(int count, int chunkSize)
    {
        Count = count;
        ChunkSize = chunkSize;
        ChunkCount = (count + chunkSize - 1) / chunkSize;
    }

    public delegate void ChunkBody(int start, int end, Span<double> partial);

    public int Count { get; }

    public int ChunkSize { get; }

    public int ChunkCount { get; }

    /// <summary>Sets <paramref name="result"/> to Σ_chunks body(chunk), in chunk order.</summary>
    public void Sum(ChunkBody body, Span<double> result)
    {
        int width = result.Length;
        lock (_gate)
        {
            long needed = (long)ChunkCount * width;
            if (_partials.Length < needed)
            {
                _partials = new double[needed];
            }

            double[] partials = _partials;
            Parallel.For(0, ChunkCount, c =>
            {
                Span<double> partial = partials.AsSpan(c * width, width);
                partial.Clear();
                body(c * ChunkSize, Math.Min(Count, (c + 1) * ChunkSize), partial);
            });

            result.Clear();
            for (int c = 0; c < ChunkCount; c++)
            {
                DenseKernels.Axpy(1.0, partials.AsSpan(c * width, width), result);
            }
        }
    }
}
