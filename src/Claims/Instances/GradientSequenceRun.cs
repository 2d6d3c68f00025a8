using System.Text.Json.Serialization;
using FsCheck;
using FsCheck.Fluent;
using Verification.Claims.Catalogue;

namespace Verification.Claims.Instances;

/// <summary>
/// A run of an optimizer on a fixed gradient sequence (the gradients do not depend on θ): d coordinates, T steps,
/// the start point, the step size and the moment parameters. Used to compare two optimizers' trajectories.
/// </summary>
/// <param name="Dimension">d ≥ 1.</param>
/// <param name="Gradients">g_{t,j} at index (t − 1)·d + j, for t = 1..T.</param>
/// <param name="Start">θ₁ (length d).</param>
/// <param name="Alpha">The step size α &gt; 0.</param>
/// <param name="Beta1">β₁ ∈ [0, 1).</param>
/// <param name="Beta2">β₂ ∈ [0, 1).</param>
/// <param name="Seed">The mask seed.</param>
public sealed record GradientSequenceRun(int Dimension, double[] Gradients, double[] Start, double Alpha, double Beta1, double Beta2, ulong Seed)
{
    /// <summary>T.</summary>
    [JsonIgnore]
    public int T => Gradients.Length / Dimension;

    /// <summary>g_t (1-based t).</summary>
    public ReadOnlySpan<double> Gradient(int t) => Gradients.AsSpan((t - 1) * Dimension, Dimension);

    /// <inheritdoc/>
    public override string ToString() =>
        $"d={Dimension} T={T} α={Alpha} β=({Beta1}, {Beta2}) seed={Seed} g=[{string.Join(", ", Gradients.Select(g => g.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))}]";
}

/// <summary>Adversarial families of <see cref="GradientSequenceRun"/>, with a shrinker towards short, low-dimensional, round runs.</summary>
public static class GradientSequenceRunFamilies
{
    /// <summary>All families, <paramref name="trials"/> gate trials each (long horizons a tenth), each carrying the <see cref="GradientSequenceRunDomain"/>.</summary>
    public static IReadOnlyList<InstanceFamily<GradientSequenceRun>> All(int trials = 40) =>
    new InstanceFamily<GradientSequenceRun>[]
    {
        Family("unit-scale", "g ∈ [−1, 1], d ∈ [1, 4], T ∈ [1, 30]", Values(1.0), Gen.Choose(1, 30), Betas(), trials),
        Family("tiny-scale", "g ∈ [−1e-6, 1e-6]: G_∞ ≪ 1 (ε matters)", Values(1e-6), Gen.Choose(1, 30), Betas(), trials),
        Family("huge-scale", "g ∈ [−1e6, 1e6]: G_∞ ≫ 1", Values(1e6), Gen.Choose(1, 30), Betas(), trials),
        Family("sign-flips", "g_t = ±c, c ∈ (0, 10]", SignFlips(), Gen.Choose(1, 30), Betas(), trials),
        Family("sparse", "90% of the g_{t,j} are exactly 0", Gen.Frequency((9, Gen.Constant(0.0)), (1, Values(1.0))), Gen.Choose(1, 30), Betas(), trials),
        Family("beta-extremes", "β₁ ∈ {0, 0.5, 0.9, 0.999}, β₂ ∈ {0, 0.5, 0.999, 0.9999}", Values(1.0), Gen.Choose(1, 30), ExtremeBetas(), trials),
        Family("long-horizon", "T ∈ [100, 400]", Values(1.0), Gen.Choose(100, 400), Betas(), Math.Max(1, trials / 10)),
    }.Select(f => f with { Domain = Domain }).ToList();

    private static readonly GradientSequenceRunDomain Domain = new();

    private static InstanceFamily<GradientSequenceRun> Family(
        string name, string description, Gen<double> value, Gen<int> horizon, Gen<(double, double)> betas, int trials)
    {
        Gen<GradientSequenceRun> generator =
            from d in Gen.Choose(1, 4)
            from t in horizon
            from gradients in value.ArrayOf(d * t)
            from start in Gen.Choose(-1000, 1000).Select(k => k / 1000.0).ArrayOf(d)
            from alpha in Gen.Elements(1e-3, 1e-2, 0.1, 1.0)
            from b in betas
            from seed in Gen.Choose(0, 1000)
            select new GradientSequenceRun(d, gradients, start, alpha, b.Item1, b.Item2, (ulong)seed);
        return new InstanceFamily<GradientSequenceRun>(name, description, generator, Shrink, trials);
    }

    private static Gen<(double, double)> Betas() =>
        from b1 in Gen.Frequency((1, Gen.Constant(0.0)), (1, Gen.Constant(0.9)), (4, Gen.Choose(0, 999).Select(k => k / 1000.0)))
        from b2 in Gen.Frequency((1, Gen.Constant(0.0)), (1, Gen.Constant(0.999)), (4, Gen.Choose(0, 9999).Select(k => k / 10000.0)))
        select (b1, b2);

    private static Gen<(double, double)> ExtremeBetas() =>
        from b1 in Gen.Elements(0.0, 0.5, 0.9, 0.999)
        from b2 in Gen.Elements(0.0, 0.5, 0.999, 0.9999)
        select (b1, b2);

    private static Gen<double> Values(double scale) => Gen.Choose(-1_000_000, 1_000_000).Select(k => k / 1e6 * scale);

    private static Gen<double> SignFlips() =>
        from c in Gen.Choose(1, 10_000)
        from sign in Gen.Elements(-1.0, 1.0)
        select sign * c / 1000.0;

    /// <summary>Simpler runs: fewer steps, fewer coordinates, start 0, seed 0, β towards 0, rounder numbers, zeros.</summary>
    public static IEnumerable<GradientSequenceRun> Shrink(GradientSequenceRun r)
    {
        int d = r.Dimension, t = r.T;
        if (t > 1)
        {
            yield return r with { Gradients = r.Gradients[..((t / 2) * d)] };
            yield return r with { Gradients = r.Gradients[..((t - 1) * d)] };
            yield return r with { Gradients = r.Gradients[d..] };
        }

        if (d > 1)
        {
            yield return KeepCoordinates(r, 1);
            yield return KeepCoordinates(r, d - 1);
        }

        if (r.Start.Any(x => x != 0.0))
        {
            yield return r with { Start = new double[d] };
        }

        if (r.Seed != 0)
        {
            yield return r with { Seed = 0 };
        }

        foreach ((double b1, double b2) in new[] { (0.0, r.Beta2), (r.Beta1, 0.0), (Math.Round(r.Beta1, 1), r.Beta2), (r.Beta1, Math.Round(r.Beta2, 1)) })
        {
            if ((b1 != r.Beta1 || b2 != r.Beta2) && b1 < 1.0 && b2 < 1.0)
            {
                yield return r with { Beta1 = b1, Beta2 = b2 };
            }
        }

        double alpha = Shrinking.RoundToOneDigit(r.Alpha);
        if (alpha != r.Alpha)
        {
            yield return r with { Alpha = alpha };
        }

        foreach (double[] g in Shrinking.SimplerEntries(r.Gradients))
        {
            yield return r with { Gradients = g };
        }
    }

    private static GradientSequenceRun KeepCoordinates(GradientSequenceRun r, int keep)
    {
        var g = new double[r.T * keep];
        for (int t = 0; t < r.T; t++)
        {
            Array.Copy(r.Gradients, t * r.Dimension, g, t * keep, keep);
        }

        return r with { Dimension = keep, Gradients = g, Start = r.Start[..keep] };
    }
}

/// <summary>Shrinking helpers that only move towards simpler values (0, or one significant digit), so shrinking terminates.</summary>
public static class Shrinking
{
    /// <summary>x rounded to one significant digit (0 stays 0; idempotent).</summary>
    public static double RoundToOneDigit(double x)
    {
        if (x == 0.0 || !double.IsFinite(x))
        {
            return x;
        }

        // The shortest decimal with one significant digit, parsed back: -0.3 rather than -0.30000000000000004.
        System.Globalization.CultureInfo invariant = System.Globalization.CultureInfo.InvariantCulture;
        return double.Parse(x.ToString("G1", invariant), invariant);
    }

    /// <summary>Copies of <paramref name="values"/> with one nonzero entry set to 0 or rounded to one digit.</summary>
    public static IEnumerable<double[]> SimplerEntries(double[] values)
    {
        for (int k = 0; k < values.Length; k++)
        {
            if (values[k] == 0.0)
            {
                continue;
            }

            yield return With(values, k, 0.0);
            double round = RoundToOneDigit(values[k]);
            if (round != values[k])
            {
                yield return With(values, k, round);
            }
        }
    }

    private static double[] With(double[] values, int index, double value)
    {
        var copy = (double[])values.Clone();
        copy[index] = value;
        return copy;
    }
}
