using Verification.Convex.Features;
using Verification.Convex.Objectives;
using Verification.Properties.Support;
using Verification.Reference.Problems;
using Verification.Reference.Random;
using Verification.Reference.Threading;

namespace Verification.Properties.Convex;

/// <summary>
/// The objectives' bulk passes (value and gradient, per-example norms, Hessian diagonal and products) give the same
/// bits on 1 thread (chunks in order on the caller), 2, 7 and every core. The binary problem is wider than
/// <see cref="ReferenceParallelism.Threshold"/>, so its partial sums are also added column block by column block.
/// </summary>
[Collection(ThreadSettingCollection.Name)]
public class ParallelObjectiveTests
{
    private static readonly int[] Degrees = [2, 7, -1];

    [Fact]
    public void Binary_passes_are_the_same_bits_on_any_thread_count()
    {
        BinaryLogisticRegression f = WideBinary();
        Assert.True(f.Dimension > ReferenceParallelism.Threshold);
        AssertSameOnEveryThreadCount(f, f);
    }

    [Fact]
    public void Multinomial_passes_are_the_same_bits_on_any_thread_count()
    {
        MultinomialLogisticRegression f = Instances.Multinomial(23, n: 2500, p: 40, k: 5);
        AssertSameOnEveryThreadCount(f, f);
    }

    [Fact]
    public void Binary_bulk_norms_are_the_per_example_norms_bit_for_bit()
    {
        BinaryLogisticRegression f = WideBinary();
        double[] theta = Instances.Vector(5, 2, f.Dimension, 0.3);
        double[] bulk = ThreadSetting.With(7, () =>
        {
            var norms = new double[f.ExampleCount];
            f.ExampleGradientNorms(theta, norms);
            return norms;
        });
        double[] single = Enumerable.Range(0, f.ExampleCount).Select(i => f.ExampleGradientNorm(i, theta)).ToArray();
        Bits.Equal(single, bulk, "‖∇f_i‖");
    }

    private static void AssertSameOnEveryThreadCount<T>(T f, IFiniteSumObjective examples)
        where T : ISmoothConvexObjective
    {
        double[] theta = Instances.Vector(5, 1, examples.Dimension, 0.5);
        double[] v = Instances.Vector(5, 3, examples.Dimension, 1.0);
        double[][] expected = ThreadSetting.With(1, () => Passes(f, examples, theta, v));
        foreach (int degree in Degrees)
        {
            double[][] actual = ThreadSetting.With(degree, () => Passes(f, examples, theta, v));
            string[] names = ["F, ∇F", "F", "‖∇f_i‖", "diag H", "H v"];
            for (int k = 0; k < names.Length; k++)
            {
                Bits.Equal(expected[k], actual[k], $"{typeof(T).Name}, {degree} threads: {names[k]}");
            }
        }
    }

    private static double[][] Passes(ISmoothConvexObjective f, IFiniteSumObjective examples, double[] theta, double[] v)
    {
        int d = examples.Dimension;
        var gradient = new double[d + 1];
        gradient[d] = f.ValueAndGradient(theta, gradient.AsSpan(0, d));
        double[] value = [f.Value(theta)];
        var norms = new double[examples.ExampleCount];
        examples.ExampleGradientNorms(theta, norms);
        IHessianOperator h = f.Hessian(theta);
        var diagonal = new double[d];
        h.Diagonal(diagonal);
        var product = new double[d];
        h.Multiply(v, product);
        return [gradient, value, norms, diagonal, product];
    }

    // 3,000 rows of 60 nonzeros over 40,000 columns (d = 40,001): each row's columns and values from its own Philox
    // draws, so the instance is cheap to build however wide it is.
    private static BinaryLogisticRegression WideBinary()
    {
        const int n = 3000, p = 40_000, perRow = 60;
        var s = new PhiloxStream(77, RandomStream.Instances);
        var pointers = new int[n + 1];
        var columns = new List<int>(n * perRow);
        var values = new List<double>(n * perRow);
        var draws = new uint[perRow];
        var uniforms = new double[perRow];
        for (int i = 0; i < n; i++)
        {
            s.FillUInt32((ulong)i, 0, draws);
            s.FillUniformDouble((ulong)i, 1_000, uniforms);
            foreach ((int column, int k) in draws.Select((w, k) => ((int)(w % p), k)).DistinctBy(x => x.Item1).OrderBy(x => x.Item1))
            {
                columns.Add(column);
                values.Add(4.0 * uniforms[k] - 2.0);
            }

            pointers[i + 1] = columns.Count;
        }

        int[] labels = Enumerable.Range(0, n).Select(i => (int)(s.UInt32(1_000_000, (ulong)i) & 1)).ToArray();
        return new BinaryLogisticRegression(new CsrMatrix(n, p, pointers, columns.ToArray(), values.ToArray()), labels, 1e-2);
    }
}
