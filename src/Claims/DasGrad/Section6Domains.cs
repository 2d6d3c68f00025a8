using System.Globalization;
using Verification.Claims.Catalogue;
using Verification.Claims.Search;

namespace Verification.Claims.DasGrad;

/// <summary>
/// The hypothesis domain of Section 6's centroid claims over <see cref="CentroidSpread"/>s: f_i(θ) = ½‖θ − x_i‖² for any
/// n ≤ 32 points x_i ∈ ℝ^d (d ≤ 8) and any θ, spreads 0 ≤ S1 ≤ S2. Continuous coordinates: the logit of S1/S2 (both
/// edges reachable: S1 = 0 and S1 = S2), ln S2, and the logarithms of the points' spread about x̄ and of θ's distance
/// from x̄. Discrete moves: another point or coordinate, an outlier, θ at x̄ or at a point or far away, the spread
/// edges and the jitter of the points and θ.
/// </summary>
internal sealed class CentroidSpreadDomain : HypothesisDomain<CentroidSpread>
{
    private const int MaxPoints = 32;

    private const int MaxDimension = 8;

    /// <summary>Largest |coordinate|: squared norms stay far from overflow.</summary>
    private const double MaxMagnitude = 1e50;

    private const double MaxSpread = 1e6;

    /// <inheritdoc/>
    public override string Summary => "f_i = ½‖θ − x_i‖², any x_1..x_n, θ ∈ ℝ^d (n ≤ 32, d ≤ 8, |entries| ≤ 1e50); 0 ≤ S1 ≤ S2 ≤ 1e6";

    /// <inheritdoc/>
    public override bool Contains(CentroidSpread c) =>
        c.N is >= 1 and <= MaxPoints && c.D is >= 1 and <= MaxDimension && c.X.All(x => x.Length == c.D)
        && c.X.All(x => x.All(Bounded)) && c.Theta.All(Bounded) && c.S1 >= 0.0 && c.S1 <= c.S2 && c.S2 <= MaxSpread;

    /// <inheritdoc/>
    public override double[] Encode(CentroidSpread c) =>
        [DomainMoves.Logit(c.S2 == 0.0 ? 0.0 : c.S1 / c.S2), c.S2 == 0.0 ? -40.0 : Math.Log(c.S2), 0.0, 0.0];

    /// <inheritdoc/>
    public override CentroidSpread Decode(CentroidSpread template, double[] x)
    {
        double[] mean = Mean(template);
        double s2 = x[1] <= -40.0 ? 0.0 : Math.Exp(Math.Min(x[1], Math.Log(MaxSpread)));
        double ratio = x[0] > 18.0 ? 1.0 : DomainMoves.FromLogit(x[0]);
        double spread = Math.Exp(Math.Clamp(x[2], -40.0, 40.0)), offset = Math.Exp(Math.Clamp(x[3], -40.0, 40.0));
        return template with
        {
            S1 = Math.Min(s2, ratio * s2),
            S2 = s2,
            X = template.X.Select(p => p.Select((v, k) => Clip(mean[k] + spread * (v - mean[k]))).ToArray()).ToArray(),
            Theta = template.Theta.Select((v, k) => Clip(mean[k] + offset * (v - mean[k]))).ToArray(),
        };
    }

    /// <inheritdoc/>
    public override IEnumerable<CentroidSpread> Neighbours(CentroidSpread c, SearchRandom random)
    {
        double[] mean = Mean(c);
        int i = random.Next(0, c.N - 1);
        double spread = Math.Max(1e-300, c.X.SelectMany(p => p.Select((v, k) => Math.Abs(v - mean[k]))).Max());
        double[] Around(double scale) => mean.Select(m => Clip(m + DomainMoves.Uniform(random, scale))).ToArray();
        var moves = new List<CentroidSpread>
        {
            c with { X = [.. c.X, Around(spread)] },
            c with { X = [.. c.X, Around(spread * random.Pick(OutlierFactors))] },
            c with { X = c.X.Select(p => (double[])[.. p, DomainMoves.Uniform(random, spread)]).ToArray(), Theta = [.. c.Theta, DomainMoves.Uniform(random, spread)] },
            c with { X = Shrinking.Replace(c.X, i, c.X[i].Select((v, k) => Clip(mean[k] + 10 * (v - mean[k]))).ToArray()) },
            c with { Theta = mean },
            c with { Theta = (double[])c.X[i].Clone() },
            c with { Theta = c.Theta.Select((v, k) => Clip(mean[k] + 100 * (v - mean[k] == 0.0 ? spread : v - mean[k]))).ToArray() },
            c with { S1 = 0.0 },
            c with { S1 = c.S2 },
            c with { S2 = Math.Min(MaxSpread, Math.Max(c.S2, 1e-3) * 10) },
            c with { X = c.X.Select(p => DomainMoves.Jitter(p, random, MaxMagnitude)).ToArray() },
            c with { Theta = DomainMoves.Jitter(c.Theta, random, MaxMagnitude) },
        };
        return DomainMoves.Shuffled(moves, c, random, Contains);
    }

    /// <inheritdoc/>
    public override string Describe(CentroidSpread c)
    {
        double[] mean = Mean(c);
        double distance = Math.Sqrt(c.Theta.Select((v, k) => (v - mean[k]) * (v - mean[k])).Sum());
        return string.Create(CultureInfo.InvariantCulture, $"n={c.N} d={c.D} S=({c.S1:G4}, {c.S2:G4}) ‖θ − x̄‖={distance:G3} max‖x_i − x̄‖={c.X.Max(p => Math.Sqrt(p.Select((v, k) => (v - mean[k]) * (v - mean[k])).Sum())):G3}");
    }

    private static readonly double[] OutlierFactors = [10.0, 100.0];

    private static double[] Mean(CentroidSpread c) => Enumerable.Range(0, c.D).Select(k => c.X.Sum(x => x[k]) / c.N).ToArray();

    private static bool Bounded(double v) => double.IsFinite(v) && Math.Abs(v) <= MaxMagnitude;

    private static double Clip(double v) => DomainMoves.Clip(v, MaxMagnitude);
}

/// <summary>
/// The hypothesis domain of Section 6's distribution-matching claims over <see cref="ClassShift"/>es: K ∈ [2, 8] classes,
/// each with a training example, n ≤ 32 examples, π in the simplex Δ_K (entries 0 allowed), p in the open simplex Δ_n
/// (p_i ≥ 1e-12) and any per-example gradients in ℝ^d (d ≤ 8). Continuous coordinates: p and π through softmaxes
/// of log-probabilities (π's entries snapping to 0), and the logarithm of each gradient row's scale. Discrete moves:
/// another example (of one class, or one per class, which keeps balanced classes balanced), another class, another
/// coordinate, relabelling, p uniform or with an entry at the floor, π uniform, one-hot or with an entry 0, one-hot
/// rows and the jitter of the gradients.
/// </summary>
internal sealed class ClassShiftDomain : HypothesisDomain<ClassShift>
{
    private const int MaxExamples = 32;

    private const int MaxClasses = 8;

    private const int MaxDimension = 8;

    private const double MaxMagnitude = 1e100;

    private const double MinP = 1e-12;

    /// <summary>π entries whose log-share (relative to the largest) falls below this become exactly 0.</summary>
    private const double ZeroShareLog = -30.0;

    /// <inheritdoc/>
    public override string Summary => "K ∈ [2, 8], every class has a training example, n ≤ 32; π ∈ Δ_K; p ∈ Δ_n with p_i ≥ 1e-12; any g_i ∈ ℝ^d (d ≤ 8, scales ≤ 1e100)";

    /// <inheritdoc/>
    public override bool Contains(ClassShift c) =>
        c.K is >= 2 and <= MaxClasses && c.N is >= 2 and <= MaxExamples && c.Labels.All(y => y >= 0 && y < c.K)
        && Enumerable.Range(0, c.K).All(y => c.Count(y) > 0)
        && c.TestShares.All(v => v >= 0.0) && Math.Abs(c.TestShares.Sum() - 1.0) <= 1e-12
        && c.P.Length == c.N && c.P.All(v => v >= MinP) && Math.Abs(c.P.Sum() - 1.0) <= 1e-12
        && c.Gradients.Length == c.N && c.Gradients.All(g => g.Length == c.Gradients[0].Length) && c.D is >= 1 and <= MaxDimension
        && c.Gradients.All(g => g.All(v => double.IsFinite(v) && Math.Abs(v) <= MaxMagnitude));

    /// <inheritdoc/>
    public override double[] Encode(ClassShift c) =>
        [.. c.P.Select(v => Math.Log(v)), .. c.TestShares.Select(v => v == 0.0 ? 2 * ZeroShareLog : Math.Log(v)), .. new double[c.N]];

    /// <inheritdoc/>
    public override ClassShift Decode(ClassShift template, double[] x)
    {
        int n = template.N, k = template.K;
        double[] p = Softmax(x.Take(n).Select(v => Math.Clamp(v, -27.0, 0.0)).ToArray(), floor: MinP, zeroBelow: double.NegativeInfinity);
        double[] shares = Softmax(x.Skip(n).Take(k).ToArray(), floor: 0.0, zeroBelow: ZeroShareLog);
        return template with
        {
            P = p,
            TestShares = shares,
            Gradients = template.Gradients.Select((row, i) => row.Select(v => DomainMoves.Clip(v * Math.Exp(Math.Clamp(x[n + k + i], -40.0, 40.0)), MaxMagnitude)).ToArray()).ToArray(),
        };
    }

    /// <inheritdoc/>
    public override IEnumerable<ClassShift> Neighbours(ClassShift c, SearchRandom random)
    {
        int i = random.Next(0, c.N - 1), y = random.Next(0, c.K - 1), column = random.Next(0, c.D - 1);
        double scale = Math.Max(1e-300, c.Gradients.Max(Vec.NormInf));
        double[] Row() => Enumerable.Range(0, c.D).Select(_ => DomainMoves.Uniform(random, scale)).ToArray();
        int perClass = c.Count(0);
        var moves = new List<ClassShift>
        {
            AddExamples(c, [y], Row),
            AddExamples(c, Enumerable.Range(0, c.K).ToArray(), Row),
            AddClass(c, c.Balanced ? perClass : 1, Row, random),
            c with { Gradients = c.Gradients.Select(g => (double[])[.. g, DomainMoves.Uniform(random, scale)]).ToArray() },
            c.Count(c.Labels[i]) > 1 ? c with { Labels = Shrinking.Replace(c.Labels, i, (c.Labels[i] + 1 + random.Next(0, c.K - 2)) % c.K) } : c,
            c with { P = Enumerable.Repeat(1.0 / c.N, c.N).ToArray() },
            c with { P = Floored(c.P.Select((v, j) => j == i ? 1e-9 : v).ToArray()) },
            c with { TestShares = Enumerable.Repeat(1.0 / c.K, c.K).ToArray() },
            c with { TestShares = Enumerable.Range(0, c.K).Select(j => j == y ? 1.0 : 0.0).ToArray() },
            c with { TestShares = Normalised(c.TestShares.Select((v, j) => j == y ? 0.0 : v).ToArray()) },
            c with { Gradients = Shrinking.Replace(c.Gradients, i, c.Gradients[i].Select((v, j) => j == column ? (v == 0.0 ? scale : v) : 0.0).ToArray()) },
            c with { Gradients = Shrinking.Replace(c.Gradients, i, c.Gradients[i].Select(v => -v).ToArray()) },
            c with { Gradients = c.Gradients.Select(g => DomainMoves.Jitter(g, random, MaxMagnitude)).ToArray() },
        };
        return DomainMoves.Shuffled(moves, c, random, Contains);
    }

    /// <inheritdoc/>
    public override string Describe(ClassShift c) => string.Create(CultureInfo.InvariantCulture,
        $"n={c.N} K={c.K} d={c.D} classes=[{string.Join(",", Enumerable.Range(0, c.K).Select(c.Count))}] π ∈ [{c.TestShares.Min():G3}, {c.TestShares.Max():G3}] p ∈ [{c.P.Min():G3}, {c.P.Max():G3}] max|g|={c.Gradients.Max(Vec.NormInf):G3}");

    /// <summary>exp of the log-probabilities, normalised; entries below <paramref name="zeroBelow"/> (relative to the largest) are 0, the rest at least <paramref name="floor"/>.</summary>
    private static double[] Softmax(double[] logs, double floor, double zeroBelow)
    {
        double top = logs.Max();
        double[] w = logs.Select(v => v - top < zeroBelow ? 0.0 : Math.Exp(v - top)).ToArray();
        double sum = w.Sum();
        double[] q = w.Select(v => v == 0.0 && floor == 0.0 ? 0.0 : Math.Max(floor, v / sum)).ToArray();
        return Normalised(q);
    }

    private static double[] Normalised(double[] v)
    {
        double sum = v.Sum();
        return sum == 0.0 ? v : v.Select(x => x / sum).ToArray();
    }

    private static double[] Floored(double[] p) => Normalised(p.Select(v => Math.Max(MinP, v)).ToArray());

    /// <summary>One new example per label in <paramref name="labels"/>, each with a fresh row and probability 1/(n + 1) before renormalising.</summary>
    private static ClassShift AddExamples(ClassShift c, int[] labels, Func<double[]> row)
    {
        int n = c.N + labels.Length;
        return c with
        {
            Labels = [.. c.Labels, .. labels],
            Gradients = [.. c.Gradients, .. labels.Select(_ => row())],
            P = Floored([.. c.P.Select(v => v * c.N / n), .. labels.Select(_ => 1.0 / n)]),
        };
    }

    /// <summary>Class K with <paramref name="examples"/> training examples and a test share drawn in (0, 1/K].</summary>
    private static ClassShift AddClass(ClassShift c, int examples, Func<double[]> row, SearchRandom random)
    {
        ClassShift grown = AddExamples(c, Enumerable.Repeat(c.K, examples).ToArray(), row);
        double share = random.NextDouble() / c.K;
        return grown with { TestShares = Normalised([.. c.TestShares.Select(v => v * (1 - share)), share]) };
    }
}
