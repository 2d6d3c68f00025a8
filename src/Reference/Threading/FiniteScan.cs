using System.Numerics;

namespace Verification.Reference.Threading;

/// <summary>
/// The first coordinate of a vector that is not finite, found chunk by chunk over the allowed cores: each chunk
/// reports its own first, and the smallest of those is the answer whatever the schedule.
/// </summary>
internal static class FiniteScan
{
    /// <summary>The index of the first NaN or infinity in <paramref name="values"/>, or −1.</summary>
    public static unsafe int FirstNonFinite(ReadOnlySpan<double> values)
    {
        int length = values.Length;
        if (!ReferenceParallelism.RunsInParallel(length))
        {
            return Sequential(values);
        }

        int first = int.MaxValue;
        fixed (double* start = values)
        {
            nint address = (nint)start;
            int size = ReferenceParallelism.ChunkSize;
            Parallel.For(0, ReferenceParallelism.ChunkCount(length), ReferenceParallelism.CreateOptions(), (c, loop) =>
            {
                int offset = c * size;
                if (offset > Volatile.Read(ref first))
                {
                    return;   // an earlier coordinate already failed; this chunk cannot hold the first
                }

                int found = Sequential(new ReadOnlySpan<double>((double*)address + offset, Math.Min(size, length - offset)));
                if (found >= 0)
                {
                    InterlockedMin(ref first, offset + found);
                }
            });
        }

        return first == int.MaxValue ? -1 : first;
    }

    // A double is finite iff its exponent bits are not all ones. Whole vectors are tested at once; the first vector
    // holding a non-finite entry is searched coordinate by coordinate.
    private static int Sequential(ReadOnlySpan<double> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<double>.Count;
            var exponent = new Vector<long>(0x7FF0_0000_0000_0000L);
            for (; i <= values.Length - width; i += width)
            {
                if (Vector.EqualsAny(Vector.AsVectorInt64(new Vector<double>(values[i..])) & exponent, exponent))
                {
                    break;
                }
            }
        }

        for (; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static void InterlockedMin(ref int target, int value)
    {
        int current = Volatile.Read(ref target);
        while (value < current)
        {
            int seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
