using Verification.Convex.Features;
using Verification.Convex.Objectives;
using Verification.Reference.Random;

namespace Verification.Properties.Convex;

/// <summary>Small random problem instances, each a pure function of a seed (Philox, RandomStream.Instances).</summary>
internal static class Instances
{
    public static double Uniform(PhiloxStream s, ulong step, ulong index, double lo, double hi) => lo + (hi - lo) * s.UniformDouble(step, index);

    public static BinaryLogisticRegression Binary(ulong seed, int n = 20, int p = 15, double density = 0.3)
    {
        var s = new PhiloxStream(seed, RandomStream.Instances);
        var pointers = new int[n + 1];
        var columns = new List<int>();
        var values = new List<double>();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++)
            {
                if (s.UniformDouble((ulong)i, (ulong)(2 * j)) < density)
                {
                    columns.Add(j);
                    values.Add(Uniform(s, (ulong)i, (ulong)(2 * j + 1), -2, 2));
                }
            }

            pointers[i + 1] = columns.Count;
        }

        int[] labels = Enumerable.Range(0, n).Select(i => s.UniformDouble(1_000_000, (ulong)i) < 0.5 ? 0 : 1).ToArray();
        double lambda = Math.Pow(10, Uniform(s, 1_000_001, 0, -3, 0));
        return new BinaryLogisticRegression(new CsrMatrix(n, p, pointers, columns.ToArray(), values.ToArray()), labels, lambda);
    }

    public static MultinomialLogisticRegression Multinomial(ulong seed, int n = 15, int p = 6, int k = 4)
    {
        var s = new PhiloxStream(seed, RandomStream.Instances);
        var x = new double[n * p];
        for (int j = 0; j < x.Length; j++)
        {
            // A quarter of the entries are exact zeros, as background pixels are.
            x[j] = s.UniformDouble(0, (ulong)(2 * j)) < 0.25 ? 0.0 : Uniform(s, 0, (ulong)(2 * j + 1), -1.5, 1.5);
        }

        int[] labels = Enumerable.Range(0, n).Select(i => (int)(s.UInt32(1, (ulong)i) % (uint)k)).ToArray();
        double lambda = Math.Pow(10, Uniform(s, 2, 0, -3, 0));
        return new MultinomialLogisticRegression(x, p, labels, k, lambda);
    }

    public static double[] Vector(ulong seed, ulong step, int d, double scale)
    {
        var s = new PhiloxStream(seed, RandomStream.Instances);
        return Enumerable.Range(0, d).Select(j => Uniform(s, 10_000 + step, (ulong)j, -scale, scale)).ToArray();
    }
}
