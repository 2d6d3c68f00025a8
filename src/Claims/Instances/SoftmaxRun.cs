using System.Text.Json.Serialization;
using FsCheck;
using FsCheck.Fluent;
using Verification.Claims.Catalogue;

namespace Verification.Claims.Instances;

/// <summary>
/// A run of Adam or StochGradAdam on a small softmax classifier (multinomial logistic regression, logits
/// z_i = W x̃_i with x̃_i = (x_i, 1)), full-batch gradients of the mean cross-entropy: the instance of StochGradAdam
/// Section 5's entropy claims (58)–(67).
/// </summary>
/// <param name="Classes">K ≥ 2.</param>
/// <param name="Features">p ≥ 1.</param>
/// <param name="X">x_{i,j} at index i·p + j, n ≥ 1 examples.</param>
/// <param name="Labels">y_i ∈ [0, K).</param>
/// <param name="Start">θ₁ = W₁ row-major, K × (p + 1) (each row: p weights, then the bias).</param>
/// <param name="L2">The L2 penalty λ ≥ 0 of the loss.</param>
/// <param name="Alpha">The step size μ &gt; 0.</param>
/// <param name="Beta1">β₁ ∈ [0, 1).</param>
/// <param name="Beta2">β₂ ∈ [0, 1).</param>
/// <param name="Epsilon">ε &gt; 0 (outside the root, as in (62)): at ε = 0 the step m̂/√v̂ is unbounded once a gradient underflows, and θ overflows.</param>
/// <param name="SamplingRate">s ∈ (0, 1]: 1 runs the reference Adam, below 1 the reference StochGradAdam (masked_adam).</param>
/// <param name="Seed">The mask seed of StochGradAdam.</param>
/// <param name="Steps">T ≥ 1.</param>
public sealed record SoftmaxRun(
    int Classes,
    int Features,
    double[] X,
    int[] Labels,
    double[] Start,
    double L2,
    double Alpha,
    double Beta1,
    double Beta2,
    double Epsilon,
    double SamplingRate,
    ulong Seed,
    int Steps)
{
    /// <summary>n.</summary>
    [JsonIgnore]
    public int Examples => Labels.Length;

    /// <summary>d = K(p + 1).</summary>
    [JsonIgnore]
    public int Dimension => Classes * (Features + 1);

    /// <summary>Whether the run uses the reference Adam (s = 1) rather than StochGradAdam.</summary>
    [JsonIgnore]
    public bool IsAdam => SamplingRate == 1.0;

    /// <summary>Whether θ₁ = 0, i.e. every initial prediction is uniform (maximal entropy, (60)).</summary>
    [JsonIgnore]
    public bool StartsUniform => Start.All(w => w == 0.0);

    /// <inheritdoc/>
    public override string ToString() =>
        $"K={Classes} p={Features} n={Examples} T={Steps} μ={Alpha} β=({Beta1}, {Beta2}) ε={Epsilon} λ={L2} s={SamplingRate} seed={Seed} " +
        $"x=[{string.Join(", ", X)}] y=[{string.Join(", ", Labels)}] θ1=[{string.Join(", ", Start)}]";
}

/// <summary>
/// Families of <see cref="SoftmaxRun"/>: unit data, data and logit scales from 1e-6 to 1e6, uniform starts (θ₁ = 0) and
/// confident starts, two classes and ten, one example and several, long horizons, large steps; with a shrinker towards
/// short, small, round runs that keeps every hypothesis (K ≥ 2, labels in range, β ∈ [0, 1) with γ = β₁²/√β₂ &lt; 1, μ &gt; 0, ε &gt; 0, s ∈ (0, 1], finite iterates).
/// </summary>
public static class SoftmaxRunFamilies
{
    /// <summary>All families, <paramref name="trials"/> gate trials each (long horizons a fifth), each carrying the <see cref="SoftmaxRunDomain"/>.</summary>
    public static IReadOnlyList<InstanceFamily<SoftmaxRun>> All(int trials = 30) =>
    new InstanceFamily<SoftmaxRun>[]
    {
        Family("unit", "x, θ₁ ∈ [−1, 1], K ∈ [2, 5], p ∈ [1, 4], n ∈ [1, 6], T ∈ [1, 40]", Gen.Choose(2, 5), Gen.Choose(1, 6), Scale(1.0), Scale(1.0), Gen.Choose(1, 40), Steps(), trials),
        Family("uniform-start", "θ₁ = 0: every initial prediction uniform (H = log K)", Gen.Choose(2, 5), Gen.Choose(1, 6), Scale(1.0), Scale(0.0), Gen.Choose(1, 40), Steps(), trials),
        Family("tiny-scale", "x ∈ [−1e-6, 1e-6], θ₁ ∈ [−1e-6, 1e-6]: predictions near uniform, gradients near constant", Gen.Choose(2, 5), Gen.Choose(1, 6), Scale(1e-6), Scale(1e-6), Gen.Choose(1, 40), Steps(), trials),
        Family("huge-scale", "x ∈ [−1e6, 1e6]: saturated softmax (p one-hot to the last bit)", Gen.Choose(2, 5), Gen.Choose(1, 6), Scale(1e6), Scale(1.0), Gen.Choose(1, 40), Steps(), trials),
        Family("logit-scales", "θ₁ scaled by 10^[−6, 6]: from uniform to confident (possibly wrong) initial predictions", Gen.Choose(2, 5), Gen.Choose(1, 6), Scale(1.0), Gen.Choose(-6, 6).Select(e => Math.Pow(10, e)), Gen.Choose(1, 40), Steps(), trials),
        Family("binary", "K = 2, n = 1 (the smallest problem)", Gen.Constant(2), Gen.Constant(1), Scale(1.0), Scale(1.0), Gen.Choose(1, 40), Steps(), trials),
        Family("many-classes", "K = 10, n ∈ [4, 8]", Gen.Constant(10), Gen.Choose(4, 8), Scale(1.0), Scale(1.0), Gen.Choose(1, 40), Steps(), Math.Max(1, trials / 2)),
        Family("large-steps", "μ ∈ {1, 10, 100}: overshooting steps", Gen.Choose(2, 5), Gen.Choose(1, 6), Scale(1.0), Scale(1.0), Gen.Choose(1, 40), Gen.Elements(1.0, 10.0, 100.0), trials),
        Family("long-horizon", "T ∈ [300, 1000]", Gen.Choose(2, 4), Gen.Choose(1, 4), Scale(1.0), Scale(1.0), Gen.Choose(300, 1000), Steps(), Math.Max(1, trials / 5)),
    }.Select(f => f with { Domain = Domain }).ToList();

    private static readonly SoftmaxRunDomain Domain = new();

    private static Gen<double> Scale(double s) => Gen.Constant(s);

    private static Gen<double> Steps() => Gen.Elements(1e-3, 1e-2, 0.1, 0.5, 1.0);

    private static Gen<double> Unit() => Gen.Choose(-1000, 1000).Select(k => k / 1000.0);

    private static InstanceFamily<SoftmaxRun> Family(
        string name, string description, Gen<int> classes, Gen<int> examples, Gen<double> dataScale, Gen<double> startScale, Gen<int> horizon, Gen<double> alpha, int trials)
    {
        Gen<SoftmaxRun> generator =
            from k in classes
            from n in examples
            from p in Gen.Choose(1, 4)
            from xs in dataScale
            from x in Unit().Select(v => v * xs).ArrayOf(n * p)
            from y in Gen.Choose(0, k - 1).ArrayOf(n)
            from ss in startScale
            from start in Unit().Select(v => v * ss).ArrayOf(k * (p + 1))
            from l2 in Gen.Elements(0.0, 0.0, 1e-3, 0.1)
            from a in alpha
            from betas in CoordinateHistoryFamilies.Betas(gammaBelowOne: true)
            from eps in Gen.Elements(1e-8, 1e-8, 1e-3)
            from s in Gen.Frequency((1, Gen.Constant(1.0)), (1, Gen.Choose(1, 99).Select(r => r / 100.0)))
            from seed in Gen.Choose(0, 1000)
            from t in horizon
            select new SoftmaxRun(k, p, x, y, start, l2, a, betas.Beta1, betas.Beta2, eps, s, (ulong)seed, t);
        return new InstanceFamily<SoftmaxRun>(name, description, generator.Where(StaysFinite), r => Shrink(r).Where(StaysFinite), trials);
    }

    /// <summary>
    /// Whether the reference run keeps every iterate finite, the hypothesis that makes (58)–(67) defined: even with
    /// γ = β₁²/√β₂ &lt; 1, Adam's step μm̂/(√v̂ + ε) can grow θ until the logits overflow. The trace is cached, so the
    /// claims reuse it.
    /// </summary>
    public static bool StaysFinite(SoftmaxRun run) => Verification.Claims.StochGradAdam.SoftmaxTrace.TryFor(run) is not null;

    /// <summary>Simpler runs: fewer steps, examples and features, θ₁ = 0, rounder numbers, simpler β, λ = 0, s = 1, seed 0, ε = 1e-8.</summary>
    public static IEnumerable<SoftmaxRun> Shrink(SoftmaxRun r)
    {
        int n = r.Examples, p = r.Features;
        if (r.Steps > 1)
        {
            yield return r with { Steps = r.Steps / 2 };
            yield return r with { Steps = r.Steps - 1 };
        }

        for (int i = 0; n > 1 && i < n; i++)
        {
            yield return r with
            {
                X = [.. r.X[..(i * p)], .. r.X[((i + 1) * p)..]],
                Labels = [.. r.Labels[..i], .. r.Labels[(i + 1)..]],
            };
        }

        for (int j = 0; p > 1 && j < p; j++)
        {
            yield return WithoutFeature(r, j);
        }

        if (!r.StartsUniform)
        {
            yield return r with { Start = new double[r.Start.Length] };
        }

        if (r.L2 != 0.0)
        {
            yield return r with { L2 = 0.0 };
        }

        if (r.SamplingRate != 1.0)
        {
            yield return r with { SamplingRate = 1.0 };
        }

        if (r.Seed != 0)
        {
            yield return r with { Seed = 0 };
        }

        if (r.Epsilon != 1e-8)
        {
            yield return r with { Epsilon = 1e-8 };
        }

        foreach ((double b1, double b2) in new[] { (0.0, r.Beta2), (r.Beta1, 0.0), (Math.Round(r.Beta1, 1), r.Beta2), (r.Beta1, Math.Round(r.Beta2, 1)) })
        {
            // Rounding 0.96 to one decimal gives 1.0, outside [0, 1), and β₂ = 0 breaks γ < 1: such candidates are not proposed.
            if ((b1 != r.Beta1 || b2 != r.Beta2) && b1 < 1.0 && b2 < 1.0 && (b1 == 0.0 || b1 * b1 < Math.Sqrt(b2)))
            {
                yield return r with { Beta1 = b1, Beta2 = b2 };
            }
        }

        double alpha = Shrinking.RoundToOneDigit(r.Alpha);
        if (alpha != r.Alpha)
        {
            yield return r with { Alpha = alpha };
        }

        foreach (double[] x in Shrinking.SimplerEntries(r.X))
        {
            yield return r with { X = x };
        }

        foreach (double[] start in Shrinking.SimplerEntries(r.Start))
        {
            yield return r with { Start = start };
        }

        for (int i = 0; i < n; i++)
        {
            if (r.Labels[i] != 0)
            {
                int[] labels = (int[])r.Labels.Clone();
                labels[i] = 0;
                yield return r with { Labels = labels };
            }
        }
    }

    private static SoftmaxRun WithoutFeature(SoftmaxRun r, int j)
    {
        int p = r.Features;
        double[] x = Enumerable.Range(0, r.X.Length).Where(k => k % p != j).Select(k => r.X[k]).ToArray();
        double[] start = Enumerable.Range(0, r.Start.Length).Where(k => k % (p + 1) != j).Select(k => r.Start[k]).ToArray();
        return r with { Features = p - 1, X = x, Start = start };
    }
}
