namespace Verification.Reference.Threading;

/// <summary>
/// Runs an element-wise pass over θ and g in the fixed chunks of <see cref="ReferenceParallelism"/>, on every allowed
/// core above <see cref="ReferenceParallelism.Threshold"/> elements and in one piece on the calling thread below it.
/// </summary>
internal static class ElementChunks
{
    /// <summary>
    /// The work on elements <c>start .. start + theta.Length − 1</c>; <paramref name="theta"/> and
    /// <paramref name="gradient"/> are those elements of the whole vectors.
    /// </summary>
    public delegate void Body(int start, Span<double> theta, ReadOnlySpan<double> gradient);

    /// <summary>Runs <paramref name="body"/> over every element of <paramref name="theta"/> (with the same-length <paramref name="gradient"/>).</summary>
    public static unsafe void For(Span<double> theta, ReadOnlySpan<double> gradient, Body body)
    {
        if (gradient.Length != theta.Length)
        {
            throw new ArgumentException($"The gradient has {gradient.Length} entries, θ has {theta.Length}.", nameof(gradient));
        }

        int length = theta.Length;
        if (!ReferenceParallelism.RunsInParallel(length))
        {
            body(0, theta, gradient);
            return;
        }

        // A span cannot enter a lambda, so the workers get the pinned addresses; fixed keeps them valid until
        // Parallel.For returns, and each worker touches only its own chunk.
        fixed (double* thetaStart = theta, gradientStart = gradient)
        {
            nint t = (nint)thetaStart, g = (nint)gradientStart;
            int size = ReferenceParallelism.ChunkSize;
            Parallel.For(0, ReferenceParallelism.ChunkCount(length), ReferenceParallelism.CreateOptions(), c =>
            {
                int start = c * size;
                int count = Math.Min(size, length - start);
                body(start, new Span<double>((double*)t + start, count), new ReadOnlySpan<double>((double*)g + start, count));
            });
        }
    }
}
