using System.Globalization;
using Verification.Claims.Catalogue;
using Verification.Claims.Search;

namespace Verification.Claims.Instances;

/// <summary>
/// The hypothesis domain of Section 5's entropy claims (58)–(67) over <see cref="SoftmaxRun"/>s: a softmax classifier
/// with K ∈ [2, 10] classes, p features and n examples, any data and labels and any start θ₁, the mean cross-entropy
/// with L2 penalty λ ≥ 0, Adam (s = 1) or StochGradAdam masked_adam (s &lt; 1) with constant μ &gt; 0, β₁, β₂ ∈ [0, 1),
/// γ = β₁²/√β₂ &lt; 1 and ε ∈ {1e-8, 1e-3} outside the root, and every iterate finite. Continuous coordinates: logits of
/// β₁/β₂^{1/4}, β₂ and s (edges β₁ = 0 and s = 1 reachable), logarithms of μ, λ (0 reachable) and of the data's and
/// the start's scales. Discrete moves: longer runs, another example, class or feature, relabelling, θ₁ = 0, spikes,
/// the jitter of x and θ₁, the other ε, s = 1, other seeds and the edges of the β ranges.
/// </summary>
public sealed class SoftmaxRunDomain : HypothesisDomain<SoftmaxRun>
{
    /// <summary>Longest run: a trace is O(T·n·K·p), so 10³ steps of the largest problem stay near a millisecond.</summary>
    public const int MaxSteps = 1000;

    /// <summary>The claims' entropy rounding allowance is sized for at most ten classes.</summary>
    private const int MaxClasses = 10;

    private const int MaxFeatures = 6;

    private const int MaxExamples = 10;

    /// <summary>Largest |x| and |θ₁|: logits up to about 1e13, where softmax and the scaled comparisons stay meaningful.</summary>
    private const double MaxMagnitude = 1e6;

    private const double MinL2 = 1e-8;

    private const double MaxL2 = 10.0;

    private const double MinRate = 1e-6;

    /// <inheritdoc/>
    public override string Summary =>
        "softmax regression, K ∈ [2, 10], p ≤ 6, n ≤ 10, any x, y and θ₁ (|x|, |θ₁| ≤ 1e6), λ ∈ {0} ∪ [1e-8, 10]; Adam (s = 1) or masked_adam (s ∈ [1e-6, 1)), "
        + "μ ∈ [1e-6, 1e3], β₁, β₂ ∈ [0, 1), γ = β₁²/√β₂ < 1, ε ∈ {1e-8, 1e-3}; T ≤ 1,000; every iterate finite";

    /// <inheritdoc/>
    public override bool Contains(SoftmaxRun r) =>
        r.Classes is >= 2 and <= MaxClasses && r.Features is >= 1 and <= MaxFeatures && r.Examples is >= 1 and <= MaxExamples
        && r.X.Length == r.Examples * r.Features && r.Labels.All(y => y >= 0 && y < r.Classes) && r.Start.Length == r.Dimension
        && r.X.All(v => double.IsFinite(v) && Math.Abs(v) <= MaxMagnitude) && r.Start.All(v => double.IsFinite(v) && Math.Abs(v) <= MaxMagnitude)
        && (r.L2 == 0.0 || r.L2 is >= MinL2 and <= MaxL2)
        && r.Alpha is >= 1e-6 and <= 1e3
        && r.Beta1 is >= 0.0 and < 1.0 && r.Beta2 is >= 0.0 and < 1.0 && (r.Beta1 == 0.0 || r.Beta1 * r.Beta1 < Math.Sqrt(r.Beta2))
        && r.Epsilon is 1e-8 or 1e-3 && r.SamplingRate is >= MinRate and <= 1.0 && r.Steps is >= 1 and <= MaxSteps
        && SoftmaxRunFamilies.StaysFinite(r);   // last: it runs the trace (cached for the claim's evaluation)

    /// <inheritdoc/>
    public override double[] Encode(SoftmaxRun r) =>
    [
        DomainMoves.Logit(r.Beta2 == 0.0 ? 0.0 : r.Beta1 / Math.Sqrt(Math.Sqrt(r.Beta2))),
        DomainMoves.Logit(r.Beta2),
        Math.Log(r.Alpha),
        r.L2 == 0.0 ? -40.0 : Math.Log(r.L2),
        DomainMoves.Logit(r.SamplingRate),
        0.0,
        0.0,
    ];

    /// <inheritdoc/>
    public override SoftmaxRun Decode(SoftmaxRun template, double[] x)
    {
        double beta2 = DomainMoves.FromLogit(x[1]);

        // β₁ as a fraction of its bound β₂^{1/4}, so that every coordinate keeps γ < 1; the fraction snaps to 0 at the edge.
        double beta1 = Math.Min(DomainMoves.FromLogit(x[0]) * Math.Sqrt(Math.Sqrt(beta2)) * (1 - 1e-12), 1.0 - 1e-15);
        double dataScale = Math.Exp(Math.Clamp(x[5], -30.0, 30.0)), startScale = Math.Exp(Math.Clamp(x[6], -30.0, 30.0));
        return template with
        {
            Beta1 = beta1,
            Beta2 = beta2,
            Alpha = Math.Exp(Math.Clamp(x[2], Math.Log(1e-6), Math.Log(1e3))),
            L2 = x[3] < Math.Log(MinL2) ? 0.0 : Math.Exp(Math.Min(x[3], Math.Log(MaxL2))),
            SamplingRate = x[4] > 18.0 ? 1.0 : Math.Max(MinRate, 1.0 / (1.0 + Math.Exp(-x[4]))),
            X = template.X.Select(v => Clip(v * dataScale)).ToArray(),
            Start = template.Start.Select(v => Clip(v * startScale)).ToArray(),
        };
    }

    /// <inheritdoc/>
    public override IEnumerable<SoftmaxRun> Neighbours(SoftmaxRun r, SearchRandom random)
    {
        int n = r.Examples, i = random.Next(0, n - 1), k = random.Next(0, r.Start.Length - 1), j = random.Next(0, r.X.Length - 1);
        double dataScale = Math.Max(1e-12, r.X.Max(Math.Abs)), startScale = r.Start.Max(Math.Abs);
        double bound = r.Beta2 == 0.0 ? 0.0 : Math.Sqrt(Math.Sqrt(r.Beta2));
        var moves = new List<SoftmaxRun>
        {
            r with { Steps = Math.Min(MaxSteps, 2 * r.Steps) },
            r with { Steps = Math.Min(MaxSteps, 10 * r.Steps) },
            r with { Steps = Math.Min(MaxSteps, r.Steps + 1) },
            r with
            {
                X = [.. r.X, .. Enumerable.Range(0, r.Features).Select(_ => DomainMoves.Uniform(random, dataScale))],
                Labels = [.. r.Labels, random.Next(0, r.Classes - 1)],
            },
            AddClass(r, random, startScale),
            AddFeature(r, random, dataScale, startScale),
            r with { Labels = Replace(r.Labels, i, (r.Labels[i] + random.Next(1, r.Classes - 1)) % r.Classes) },
            r with { Labels = r.Labels.Select(_ => r.Labels[i]).ToArray() },
            r with { Start = new double[r.Start.Length] },
            r with { Start = Replace(r.Start, k, Clip((r.Start[k] == 0.0 ? Math.Max(1.0, startScale) : r.Start[k]) * random.Pick(SpikeFactors))) },
            r with { Start = DomainMoves.Jitter(r.Start, random, MaxMagnitude) },
            r with { X = Replace(r.X, j, Clip((r.X[j] == 0.0 ? dataScale : r.X[j]) * random.Pick(SpikeFactors))) },
            r with { X = DomainMoves.Jitter(r.X, random, MaxMagnitude) },
            r with { Epsilon = r.Epsilon == 1e-8 ? 1e-3 : 1e-8 },
            r with { L2 = 0.0 },
            r with { SamplingRate = 1.0 },
            r with { SamplingRate = r.SamplingRate == 1.0 ? 0.5 : r.SamplingRate },
            r with { Seed = r.Seed + 1 },
            r with { Alpha = r.Alpha * random.Pick(AlphaFactors) },
            r with { Beta1 = 0.0 },
            r with { Beta2 = 1.0 - (1.0 - r.Beta2) / 10.0 },
            r with { Beta1 = bound * (1.0 - (1.0 - (bound == 0.0 ? 0.0 : r.Beta1 / bound)) / 10.0) * (1 - 1e-12) },
        };
        return DomainMoves.Shuffled(moves, r, random, Contains);
    }

    /// <inheritdoc/>
    public override string Describe(SoftmaxRun r) => string.Create(CultureInfo.InvariantCulture,
        $"K={r.Classes} p={r.Features} n={r.Examples} T={r.Steps} μ={r.Alpha:G3} β=({r.Beta1:G4}, {r.Beta2:G4}) ε={r.Epsilon:G1} λ={r.L2:G3} s={r.SamplingRate:G3} max|x|={r.X.Max(Math.Abs):G3} max|θ₁|={r.Start.Max(Math.Abs):G3}");

    private static readonly double[] SpikeFactors = [10.0, 1e3, -1.0];

    private static readonly double[] AlphaFactors = [0.1, 10.0];

    private static double Clip(double v) => DomainMoves.Clip(v, MaxMagnitude);

    private static TItem[] Replace<TItem>(TItem[] items, int k, TItem value)
    {
        var copy = (TItem[])items.Clone();
        copy[k] = value;
        return copy;
    }

    /// <summary>One more class (no example need carry it), its row of θ₁ zero for a uniform start and drawn otherwise.</summary>
    private static SoftmaxRun AddClass(SoftmaxRun r, SearchRandom random, double startScale) =>
        r with
        {
            Classes = r.Classes + 1,
            Start = [.. r.Start, .. Enumerable.Range(0, r.Features + 1).Select(_ => DomainMoves.Uniform(random, startScale))],
        };

    /// <summary>One more feature: a column of x, and a weight in every row of θ₁ before the bias.</summary>
    private static SoftmaxRun AddFeature(SoftmaxRun r, SearchRandom random, double dataScale, double startScale)
    {
        int p = r.Features;
        double[] x = Enumerable.Range(0, r.Examples).SelectMany(i => (double[])[.. r.X[(i * p)..((i + 1) * p)], DomainMoves.Uniform(random, dataScale)]).ToArray();
        double[] start = Enumerable.Range(0, r.Classes)
            .SelectMany(k => (double[])[.. r.Start[(k * (p + 1))..(k * (p + 1) + p)], DomainMoves.Uniform(random, startScale), r.Start[k * (p + 1) + p]]).ToArray();
        return r with { Features = p + 1, X = x, Start = start };
    }
}
