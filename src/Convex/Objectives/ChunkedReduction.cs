using Verification.Reference.Threading;

namespace Verification.Convex.Objectives;

/// <summary>
/// A deterministic parallel sum over examples: examples are cut into chunks of a fixed size, each chunk's partial sum
/// is formed sequentially (in any thread), and the partials are added in chunk order. The result is therefore the same
/// bit for bit whatever the number of threads, which <c>Parallel.For</c> with a shared accumulator would not give.
/// The threads are those <see cref="ReferenceParallelism"/> allows; with one, the chunks run in order on the caller.
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
            void Chunk(int c)
            {
                Span<double> partial = partials.AsSpan(c * width, width);
                partial.Clear();
                body(c * ChunkSize, Math.Min(Count, (c + 1) * ChunkSize), partial);
            }

            if (ReferenceParallelism.MaxDegreeOfParallelism == 1)
            {
                for (int c = 0; c < ChunkCount; c++)
                {
                    Chunk(c);
                }
            }
            else
            {
                Parallel.For(0, ChunkCount, ReferenceParallelism.CreateOptions(), Chunk);
            }

            if (!ReferenceParallelism.RunsInParallel(width))
            {
                result.Clear();
                AddPartials(partials, width, 0, result);
                return;
            }

            // Wide sums (IMDB's 89,529 coordinates) add their partials column block by column block on the allowed
            // cores; each coordinate still sums the chunks in chunk order, so the bits are those of the loop above.
            double[] sum = new double[width];
            Parallel.For(0, ReferenceParallelism.ChunkCount(width), ReferenceParallelism.CreateOptions(), b =>
            {
                int start = b * ReferenceParallelism.ChunkSize;
                AddPartials(partials, width, start, sum.AsSpan(start, Math.Min(ReferenceParallelism.ChunkSize, width - start)));
            });
            sum.CopyTo(result);
        }
    }

    // target[k] += Σ_c partial_c[start + k], chunk by chunk in order (target starts at 0).
    private void AddPartials(double[] partials, int width, int start, Span<double> target)
    {
        for (int c = 0; c < ChunkCount; c++)
        {
            DenseKernels.Axpy(1.0, partials.AsSpan(c * width + start, target.Length), target);
        }
    }
}
