namespace Verification.Claims.DasGrad;

/// <summary>
/// Shared shrink moves. Every move lowers a well-founded measure (fewer items, more exact zeros, more values with a
/// single significant digit, parameters at their simplest value), so shrinking always terminates.
/// </summary>
internal static class Shrinking
{
    /// <summary>x rounded to one significant digit (0 stays 0).</summary>
    public static double OneDigit(double x)
    {
        if (x == 0.0 || !double.IsFinite(x))
        {
            return x;
        }

        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(x))));
        double r = Math.Round(x / magnitude) * magnitude;
        return double.IsFinite(r) && r != 0.0 ? r : x;
    }

    /// <summary>Whether <see cref="OneDigit"/> leaves x unchanged.</summary>
    public static bool IsRound(double x) => OneDigit(x) == x;

    /// <summary>Simpler versions of a scalar: 0 (when allowed), then one significant digit.</summary>
    public static IEnumerable<double> Scalar(double x, bool allowZero)
    {
        if (allowZero && x != 0.0)
        {
            yield return 0.0;
        }

        double r = OneDigit(x);
        if (r != x)
        {
            yield return r;
        }
    }

    public static T[] Without<T>(T[] items, int index) => [.. items[..index], .. items[(index + 1)..]];

    public static T[] Replace<T>(T[] items, int index, T value)
    {
        var copy = (T[])items.Clone();
        copy[index] = value;
        return copy;
    }

    public static double[][] Replace(double[][] rows, int i, int k, double value)
    {
        double[][] copy = rows.Select(r => (double[])r.Clone()).ToArray();
        copy[i][k] = value;
        return copy;
    }

    public static double[][] WithoutColumn(double[][] rows, int k) => rows.Select(r => Without(r, k)).ToArray();

    /// <summary>Proposals that zero or round one entry of a matrix.</summary>
    public static IEnumerable<double[][]> Entries(double[][] rows, bool allowZero = true)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            for (int k = 0; k < rows[i].Length; k++)
            {
                foreach (double s in Scalar(rows[i][k], allowZero))
                {
                    yield return Replace(rows, i, k, s);
                }
            }
        }
    }

    /// <summary>p without entry i, renormalised (null if nothing is left with mass).</summary>
    public static double[]? DropProbability(double[] p, int i)
    {
        double[] rest = Without(p, i);
        double sum = rest.Sum();
        return sum > 0 ? rest.Select(x => x / sum).ToArray() : null;
    }
}
