using System.Text.Json.Serialization;
using FsCheck;
using FsCheck.Fluent;
using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>
/// Section 6, online centroid (Fig. 2): points x_i(s) = x̄ + s(x_i − x̄), so the gradient variance
/// (1/n)Σ‖x_i(s) − x̄‖² grows like s². The claim "the larger the gradient variance, the larger DASGrad's benefit" is
/// checked on the error term of Lemma 2: benefit(s) = E_unif‖ĝ‖² − E_p*‖ĝ‖² = Var_i(‖θ − x_i(s)‖₂), for S1 ≤ S2.
/// </summary>
internal sealed record CentroidSpread(double[][] X, double[] Theta, double S1, double S2)
{
    [JsonIgnore]
    public int N => X.Length;

    [JsonIgnore]
    public int D => Theta.Length;

    public GradientSnapshot At(double s)
    {
        double[] mean = Enumerable.Range(0, D).Select(k => X.Sum(x => x[k]) / N).ToArray();
        double[][] g = X.Select(x => Theta.Select((th, k) => th - (mean[k] + s * (x[k] - mean[k]))).ToArray()).ToArray();
        return new GradientSnapshot(g, Enumerable.Repeat(1.0 / N, N).ToArray(), new double[D], 1.0);
    }

    public override string ToString() => $"x=[{string.Join("; ", X.Select(r => string.Join(", ", r)))}] θ=[{string.Join(", ", Theta)}] s=({S1}, {S2})";
}

/// <summary>
/// Section 6, distribution matching (Fig. 3): training labels y_i, a test class distribution π, a sampling p. The target
/// gradient is Σ_y π_y·mean_{i: y_i = y} g_i = Σ_i q_i g_i with q_i = π_{y_i}/c^train_{y_i}.
/// </summary>
internal sealed record ClassShift(int[] Labels, double[] TestShares, double[] P, double[][] Gradients)
{
    [JsonIgnore]
    public int N => Labels.Length;

    [JsonIgnore]
    public int K => TestShares.Length;

    [JsonIgnore]
    public int D => Gradients[0].Length;

    public int Count(int y) => Labels.Count(l => l == y);

    /// <summary>q_i = π_{y_i}/c^train_{y_i}.</summary>
    public double Q(int i) => TestShares[Labels[i]] / Count(Labels[i]);

    /// <summary>E_{i~p}[w_i g_i] for weights w.</summary>
    public double[] Expected(Func<int, double> weight) =>
        Enumerable.Range(0, D).Select(k => Enumerable.Range(0, N).Sum(i => P[i] * weight(i) * Gradients[i][k])).ToArray();

    [JsonIgnore]
    public double[] Target => Enumerable.Range(0, D).Select(k => Enumerable.Range(0, N).Sum(i => Q(i) * Gradients[i][k])).ToArray();

    [JsonIgnore]
    public bool Balanced => Enumerable.Range(0, K).All(y => Count(y) == Count(0));

    public override string ToString() => $"y=[{string.Join(", ", Labels)}] π=[{string.Join(", ", TestShares)}] p=[{string.Join(", ", P)}] g=[{string.Join("; ", Gradients.Select(r => string.Join(", ", r)))}]";
}

internal sealed class Section6 : IClaimSource
{
    private static readonly string[] SpreadHypotheses = ["f_i(θ) = ½‖θ − x_i‖², x_i(s) = x̄ + s(x_i − x̄), 0 ≤ S1 ≤ S2", "expectations enumerate the n indices"];

    private static readonly string[] ShiftHypotheses =
    [
        "every class y < K has a training example; π ∈ Δ_K; p ∈ Δ_n with p_i > 0",
        "q_i = π_{y_i}/c^train_{y_i} (the correct prior-shift target); expectations enumerate the n indices",
    ];

    public IEnumerable<IClaim> Claims
    {
        get
        {
            IReadOnlyList<InstanceFamily<CentroidSpread>> spread = SpreadFamilies();
            yield return Das.Le(
                "DAS-S6-benefit-grows-with-spread", "Section 6 (Fig. 2): DASGrad's benefit on the error term grows with the gradient variance",
                "Var_i‖θ − x_i(S1)‖₂ ≤ Var_i‖θ − x_i(S2)‖₂, i.e. (E_unif − E_p*)‖ĝ‖² at S1 ≤ at S2 (both divided by E_unif‖ĝ‖² at S2)",
                SpreadHypotheses, spread, slack: Das.Normalised,
                evaluate: c =>
                {
                    GradientSnapshot a = c.At(c.S1), b = c.At(c.S2);
                    return Das.Over(OptimalProbabilities.NormVariance(a), OptimalProbabilities.NormVariance(b), b.MeanSquaredNorm);
                });
            yield return Das.Le(
                "DAS-S6-relative-benefit-grows-with-spread", "Section 6 (Fig. 2), the relative reading: E_unif‖ĝ‖²/E_p*‖ĝ‖² grows with the gradient variance",
                "E_unif‖ĝ‖²/E_p*‖ĝ‖² at S1 ≤ at S2",
                SpreadHypotheses, spread,
                c =>
                {
                    GradientSnapshot a = c.At(c.S1), b = c.At(c.S2);
                    return new Sides(Vec.Ratio(a.MeanSquaredNorm, Vec.Sq(a.MeanNorm)), Vec.Ratio(b.MeanSquaredNorm, Vec.Sq(b.MeanNorm)));
                });
            yield return Das.Eq(
                "DAS-S6-benefit-identity", "Section 6 via §4.3: the benefit equals the variance of the per-example gradient norms",
                "E_unif‖ĝ‖² − E_p*‖ĝ‖² = Var_i‖θ − x_i(S2)‖₂ (both divided by E_unif‖ĝ‖²)",
                SpreadHypotheses, spread, slack: Das.Normalised,
                evaluate: c =>
                {
                    GradientSnapshot b = c.At(c.S2);
                    return Das.Over(b.SecondMoment(b.Uniform) - b.SecondMoment(b.Optimal), OptimalProbabilities.NormVariance(b), b.MeanSquaredNorm);
                });

            IReadOnlyList<InstanceFamily<ClassShift>> shift = ShiftFamilies();
            yield return Das.Eq(
                "DAS-S6-weights-correct-unbiased", "Section 6 (Fig. 3), correct prior-shift weights w_i = q_i/p_i",
                "E_{i~p}[(q_i/p_i) g_i]_k = Σ_i q_i g_{i,k} (worst k, both divided by Σ_i q_i|g_{i,k}|)",
                ShiftHypotheses, shift, slack: Das.Normalised, evaluate: c => Worst(c, c.Expected(i => c.Q(i) / c.P[i])));
            yield return Das.Eq(
                "DAS-S6-weights-printed-a-unbiased", "Section 6 (Fig. 3), printed weights, reading A: w_i = (c^test_{y_i}/n^test)/(n p_i)",
                "E_{i~p}[(π_{y_i}/(n p_i)) g_i]_k = Σ_i q_i g_{i,k} (worst k, both divided by Σ_i q_i|g_{i,k}|)",
                ShiftHypotheses, shift, slack: Das.Normalised, evaluate: c => Worst(c, c.Expected(i => c.TestShares[c.Labels[i]] / (c.N * c.P[i]))));
            yield return Das.Eq(
                "DAS-S6-weights-printed-b-unbiased", "Section 6 (Fig. 3), printed weights, reading B: w_i = (c^test_{y_i}/n^test)/p_i",
                "E_{i~p}[(π_{y_i}/p_i) g_i]_k = Σ_i q_i g_{i,k} (worst k, both divided by Σ_i q_i|g_{i,k}|)",
                ShiftHypotheses, shift, slack: Das.Normalised, evaluate: c => Worst(c, c.Expected(i => c.TestShares[c.Labels[i]] / c.P[i])));
            yield return Das.Le(
                "DAS-S6-weights-printed-direction", "Section 6 (Fig. 3), printed weights (either reading): is the expected step at least parallel to the target gradient?",
                "sin∠(E_p[(π_{y_i}/(n p_i)) g_i], Σ_i q_i g_i) ≤ 0 (a positive multiple of the target)",
                ShiftHypotheses, shift,
                c => new Sides(Sine(c.Expected(i => c.TestShares[c.Labels[i]] / (c.N * c.P[i])), c.Target), 0.0),
                ("the training classes are balanced (c^train_y equal for all y)", c => c.Balanced),
                new RoundingSlack(1e-9, 1e-9));
        }
    }

    private static Sides Worst(ClassShift c, double[] expected)
    {
        double[] target = c.Target;
        Sides worst = new(0, 0);
        for (int k = 0; k < c.D; k++)
        {
            double scale = Enumerable.Range(0, c.N).Sum(i => c.Q(i) * Math.Abs(c.Gradients[i][k]));
            Sides s = Das.Over(expected[k], target[k], scale);
            if (Math.Abs(s.Left - s.Right) >= Math.Abs(worst.Left - worst.Right))
            {
                worst = s;
            }
        }

        return worst;
    }

    /// <summary>The sine of the angle between a and b (1 + |cos| when they point apart; 0 when either is 0).</summary>
    private static double Sine(double[] a, double[] b)
    {
        double na = Vec.Norm(a), nb = Vec.Norm(b);
        if (na == 0 || nb == 0)
        {
            return na == nb ? 0.0 : 1.0;
        }

        double dot = Vec.Dot(a, b);
        if (dot < 0)
        {
            return 1 - dot / (na * nb);
        }

        // ‖a − (⟨a,b⟩/‖b‖²)b‖/‖a‖: no √(1 − cos²), which loses half the digits near parallel vectors.
        double c = dot / Vec.Sq(b);
        return Vec.Norm(a.Select((x, k) => x - c * b[k]).ToArray()) / na;
    }

    private static readonly CentroidSpreadDomain SpreadDomain = new();

    private static readonly ClassShiftDomain ShiftDomain = new();

    private static Gen<double> Unit() => Gen.Choose(-1000, 1000).Select(k => k / 1000.0);

    private static IReadOnlyList<InstanceFamily<CentroidSpread>> SpreadFamilies() =>
    [
        SpreadFamily("centroid", "x ∈ [−1, 1]^d, θ ∈ [−2, 2]^d, n ∈ [2, 6], s ∈ [0, 3]", 1.0, 2.0),
        SpreadFamily("far-theta", "θ far from the data (‖θ − x̄‖ ≫ spread): norms nearly equal", 1.0, 100.0),
        SpreadFamily("near-centre", "θ near x̄: norms dominated by the spread", 1.0, 0.01),
    ];

    private static InstanceFamily<CentroidSpread> SpreadFamily(string name, string description, double xScale, double thetaScale)
    {
        Gen<CentroidSpread> gen =
            from n in Gen.Choose(2, 6)
            from d in Gen.Choose(1, 3)
            from x in Unit().Select(v => v * xScale).ArrayOf(d).ArrayOf(n)
            from theta in Unit().Select(v => v * thetaScale).ArrayOf(d)
            from s1 in Gen.Choose(0, 300).Select(k => k / 100.0)
            from s2 in Gen.Choose(0, 300).Select(k => k / 100.0)
            select new CentroidSpread(x, theta, Math.Min(s1, s2), Math.Max(s1, s2));
        return new InstanceFamily<CentroidSpread>(name, description, gen, ShrinkSpread, 100, SpreadDomain);
    }

    private static IEnumerable<CentroidSpread> ShrinkSpread(CentroidSpread c)
    {
        if (c.N > 2)
        {
            for (int i = 0; i < c.N; i++)
            {
                yield return c with { X = Shrinking.Without(c.X, i) };
            }
        }

        if (c.D > 1)
        {
            for (int k = 0; k < c.D; k++)
            {
                yield return c with { X = Shrinking.WithoutColumn(c.X, k), Theta = Shrinking.Without(c.Theta, k) };
            }
        }

        foreach (double[][] x in Shrinking.Entries(c.X))
        {
            yield return c with { X = x };
        }

        for (int k = 0; k < c.D; k++)
        {
            foreach (double v in Shrinking.Scalar(c.Theta[k], allowZero: true))
            {
                yield return c with { Theta = Shrinking.Replace(c.Theta, k, v) };
            }
        }

        foreach (double s in Shrinking.Scalar(c.S1, allowZero: true))
        {
            yield return c with { S1 = s };
        }

        foreach (double s in Shrinking.Scalar(c.S2, allowZero: false))
        {
            if (s >= c.S1)
            {
                yield return c with { S2 = s };
            }
        }
    }

    private static IReadOnlyList<InstanceFamily<ClassShift>> ShiftFamilies() =>
    [
        ShiftFamily("random", "K ∈ {2, 3} classes, n ∈ [K, 7], p and π random", Gen.Choose(1, 1000).Select(k => k / 1000.0)),
        ShiftFamily("near-floor-p", "some p_i ∈ [1e-6, 1e-5]", Gen.Frequency((1, Gen.Choose(1, 10).Select(k => k * 1e-6)), (2, Gen.Choose(1, 1000).Select(k => k / 1000.0)))),
        ShiftFamily("balanced-train", "every class has the same number of training examples", Gen.Choose(1, 1000).Select(k => k / 1000.0), balanced: true),
    ];

    private static InstanceFamily<ClassShift> ShiftFamily(string name, string description, Gen<double> pEntry, bool balanced = false)
    {
        Gen<ClassShift> gen =
            from k in Gen.Choose(2, 3)
            from per in Gen.Choose(1, 2)
            from extra in Gen.Choose(0, 4)
            from more in Gen.Choose(0, k - 1).ArrayOf(extra)
            let labels = balanced ? Enumerable.Range(0, k * per).Select(i => i % k).ToArray() : [.. Enumerable.Range(0, k), .. more]
            from d in Gen.Choose(1, 3)
            from g in Unit().ArrayOf(d).ArrayOf(labels.Length)
            from shares in Gen.Choose(1, 1000).ArrayOf(k)
            from p in pEntry.ArrayOf(labels.Length)
            select new ClassShift(labels, shares.Select(x => x / (double)shares.Sum()).ToArray(), p.Select(x => x / p.Sum()).ToArray(), g);
        return new InstanceFamily<ClassShift>(name, description, gen, ShrinkShift, 100, ShiftDomain);
    }

    private static IEnumerable<ClassShift> ShrinkShift(ClassShift c)
    {
        for (int i = 0; i < c.N; i++)
        {
            double[]? p = Shrinking.DropProbability(c.P, i);
            if (c.Count(c.Labels[i]) > 1 && p is not null)
            {
                yield return c with { Labels = Shrinking.Without(c.Labels, i), P = p, Gradients = Shrinking.Without(c.Gradients, i) };
            }
        }

        if (c.D > 1)
        {
            for (int k = 0; k < c.D; k++)
            {
                yield return c with { Gradients = Shrinking.WithoutColumn(c.Gradients, k) };
            }
        }

        if (c.P.Any(x => x != 1.0 / c.N))
        {
            yield return c with { P = Enumerable.Repeat(1.0 / c.N, c.N).ToArray() };
        }

        if (c.TestShares.Any(x => x != 1.0 / c.K))
        {
            yield return c with { TestShares = Enumerable.Repeat(1.0 / c.K, c.K).ToArray() };
        }

        foreach (double[][] g in Shrinking.Entries(c.Gradients))
        {
            yield return c with { Gradients = g };
        }
    }
}
