using System.Globalization;
using Verification.Claims.Catalogue;
using Verification.Claims.Search;

namespace Verification.Claims.DasGrad;

/// <summary>
/// The hypothesis domain of the DASGrad claims over <see cref="FiniteSumRun"/>s, as the reconstruction states it:
/// β₁ ∈ [0, 1), β₂ ∈ (0, 1) with γ = β₁/√β₂ &lt; 1; β_{1t} = β₁λ^{t−1} with λ ∈ [0, 1), or (where the claim allows it)
/// any schedule β_{1t} ∈ [0, β₁] with β_{11} = β₁, rising or not; α &gt; 0; the box F = [−R, R]^d with θ₁ ∈ F; any data;
/// any sampling rule with p in the simplex; G_∞ at least the exact sup of the gradients. Expectations stay exact, so
/// n^T is capped at <see cref="MaxPaths"/>. Continuous coordinates: logits of β₁ (as a fraction of √β₂), β₂, λ and ε,
/// logarithms of α, R, the G_∞ factor, a data scale and the scale of each example's row and each coordinate's column.
/// Discrete moves: an evolution-strategy jitter of all the data, θ₁ at corners, T up and down, n and d up, sampling rules, rising and dipping β_{1t} schedules, sign flips of the online sequence, probabilities at the
/// floor, and the edges of the β and λ ranges.
/// </summary>
internal sealed class FiniteSumRunDomain(bool lambdaOnly) : HypothesisDomain<FiniteSumRun>
{
    /// <summary>
    /// Index paths enumerated at most (2⁹ = 512, 3⁶ = 729, 4⁴ = 256): a run costs a few milliseconds there, while
    /// 2¹² paths cost about 100 ms (measured), which would leave the targeted search a handful of evaluations.
    /// </summary>
    public const int MaxPaths = 729;

    private const int MaxExamples = 4;

    private const int MaxDimension = 6;

    private const double MaxMagnitude = 1e8;

    /// <inheritdoc/>
    public override string Summary =>
        "β₁ ∈ [0, 1), β₂ ∈ (0, 1), γ = β₁/√β₂ < 1; " + (lambdaOnly ? "β₁ₜ = β₁λ^{t−1}, λ ∈ [0, 1)" : "β₁ₜ = β₁λ^{t−1} or any β₁ₜ ∈ [0, β₁] with β₁₁ = β₁ (rising allowed)")
        + "; α > 0; F = [−R, R]^d, θ₁ ∈ F; n ≤ 4, d ≤ 6, n^T ≤ 729 (exact expectations); any sampling rule, p in the simplex; G_∞ ≥ sup ‖∇f‖_∞";

    /// <inheritdoc/>
    public override bool Contains(FiniteSumRun r) =>
        r.N is >= 1 and <= MaxExamples && r.D is >= 1 and <= MaxDimension && r.Horizon >= 1 && Math.Pow(r.N, r.Horizon) <= MaxPaths
        && r.Features.All(row => row.Length == r.D && row.All(Finite)) && r.Targets.Length == r.N && r.Targets.All(Finite)
        && (r.Problem != FiniteSumProblem.Logistic || r.Targets.All(y => y is 1.0 or -1.0))
        && r.StepScales.Length == r.Horizon && r.StepScales.All(Finite)
        && r.Radius > 0 && r.Radius <= MaxMagnitude && r.Theta1.Length == r.D && r.Theta1.All(x => Math.Abs(x) <= r.Radius)
        && r.Alpha > 0 && r.Alpha <= MaxMagnitude
        && r.Beta1 is >= 0.0 and < 1.0 && r.Beta2 is > 0.0 and < 1.0 && r.Gamma < 1.0
        && r.Lambda is >= 0.0 and < 1.0
        && (r.Beta1Schedule is null || (!lambdaOnly && r.Beta1Schedule.Length == r.Horizon && r.Beta1Schedule[0] == r.Beta1 && r.Beta1Schedule.All(b => b >= 0.0 && b <= r.Beta1)))
        && r.Epsilon is > 0.0 and < 1.0
        && r.FixedP.Length == r.N && r.FixedP.All(p => p > 0.0) && Math.Abs(r.FixedP.Sum() - 1.0) <= 1e-12
        && r.GInfFactor >= 1.0 && r.GInfFactor <= MaxMagnitude;

    /// <inheritdoc/>
    public override double[] Encode(FiniteSumRun r)
    {
        var x = new List<double>
        {
            DomainMoves.Logit(r.Beta1 / Math.Sqrt(r.Beta2)), DomainMoves.Logit(r.Beta2), DomainMoves.Logit(r.Lambda), DomainMoves.Logit(r.Epsilon),
            Math.Log(r.Alpha), Math.Log(r.Radius), Math.Log(r.GInfFactor), 0.0,
        };
        x.AddRange(Enumerable.Repeat(0.0, r.N + r.D));   // log-scales of each example's row and of each coordinate's column
        return [.. x];
    }

    /// <inheritdoc/>
    public override FiniteSumRun Decode(FiniteSumRun template, double[] x)
    {
        double beta2 = Math.Clamp(DomainMoves.FromLogit(x[1]), 1e-12, 1.0 - 1e-15);
        double beta1 = DomainMoves.FromLogit(x[0]) * Math.Sqrt(beta2) * (1 - 1e-12);
        double radius = Math.Exp(Math.Clamp(x[5], -20.0, 18.0));
        double scale = Math.Exp(Math.Clamp(x[7], -20.0, 18.0));
        return template with
        {
            Beta1 = beta1,
            Beta2 = beta2,
            Lambda = Math.Min(DomainMoves.FromLogit(x[2]), 1.0 - 1e-15),
            Epsilon = Math.Clamp(DomainMoves.FromLogit(x[3]), 1e-15, 1.0 - 1e-15),
            Alpha = Math.Exp(Math.Clamp(x[4], -20.0, 18.0)),
            Radius = radius,
            GInfFactor = Math.Exp(Math.Clamp(x[6], 0.0, 18.0)),
            Features = template.Features.Select((row, i) => row.Select((v, k) => DomainMoves.Clip(v * scale * Factor(x[8 + i]) * Factor(x[8 + template.N + k]), MaxMagnitude)).ToArray()).ToArray(),
            Targets = template.Problem == FiniteSumProblem.LeastSquares ? template.Targets.Select(v => DomainMoves.Clip(v * scale, MaxMagnitude)).ToArray() : template.Targets,
            Theta1 = template.Theta1.Select(t => Math.Clamp(t / template.Radius * radius, -radius, radius)).ToArray(),
            Beta1Schedule = template.Beta1Schedule is { } s && template.Beta1 > 0
                ? s.Select((b, t) => t == 0 ? beta1 : Math.Min(beta1, b / template.Beta1 * beta1)).ToArray()
                : template.Beta1Schedule is { } z ? z.Select((_, t) => t == 0 ? beta1 : 0.0).ToArray() : null,
        };
    }

    /// <inheritdoc/>
    public override IEnumerable<FiniteSumRun> Neighbours(FiniteSumRun r, SearchRandom random)
    {
        var moves = new List<FiniteSumRun>
        {
            WithHorizon(r, r.Horizon + 1, random), WithHorizon(r, r.Horizon - 1, random), WithHorizon(r, r.Horizon * 2, random),
            // No move removes an example or a coordinate: with one of either, many bounds hold with equality, and a
            // climb that got there would stay; simplifying is the shrinker's job once a violation is found.
            AddExample(r, random), AddExample(r, random),
            AddDimension(r, random),
            r with { Sampling = random.Pick(Rules) },
            r with { Lambda = 0.0, Beta1Schedule = null }, r with { Lambda = 1.0 - (1.0 - r.Lambda) / 10.0, Beta1Schedule = null },
            r with { Beta2 = Math.Max(1e-6, r.Beta2 / 10.0), Beta1 = Math.Min(r.Beta1, Math.Sqrt(Math.Max(1e-6, r.Beta2 / 10.0)) * 0.999), Beta1Schedule = Cap(r.Beta1Schedule, Math.Min(r.Beta1, Math.Sqrt(Math.Max(1e-6, r.Beta2 / 10.0)) * 0.999)) },
            r with { Beta2 = 1.0 - (1.0 - r.Beta2) / 10.0 },
            r with { Beta1 = 0.0, Beta1Schedule = r.Beta1Schedule?.Select(_ => 0.0).ToArray() },
            r with { Beta1 = Math.Sqrt(r.Beta2) * 0.999, Beta1Schedule = null },
            FlipStep(r, random.Next(0, r.Horizon - 1)),
            ScaleEntry(r, random),
            r with { Sampling = SamplingRule.Fixed, FixedP = Floor(r.N, random.Next(0, r.N - 1)) },
            r with { GInfFactor = 1.0 },
            Jitter(r, random),
            Jitter(r, random),
            r with { Theta1 = r.Theta1.Select(_ => random.Pick(ThetaCorners) * r.Radius).ToArray() },
        };
        if (!lambdaOnly && r.Beta1 > 0)
        {
            moves.AddRange(DomainMoves.Beta1Schedules(r.Beta1, r.Horizon, random).Select(schedule => r with { Beta1Schedule = schedule }));
        }

        return DomainMoves.Shuffled(moves, r, random, Contains);
    }

    /// <inheritdoc/>
    public override string Describe(FiniteSumRun r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Problem} n={r.N} d={r.D} T={r.Horizon} {r.Sampling} α={r.Alpha:G3} β=({r.Beta1:G3}, {r.Beta2:G3}) {(r.Beta1Schedule is null ? $"λ={r.Lambda:G3}" : "β₁ₜ schedule")} R={r.Radius:G3} max|a|={r.Features.SelectMany(a => a).Select(Math.Abs).DefaultIfEmpty(0).Max():G3}");

    private static readonly SamplingRule[] Rules = [SamplingRule.Uniform, SamplingRule.Optimal, SamplingRule.OptimalFloor, SamplingRule.OptimalPlusConstant, SamplingRule.Fixed];

    private static bool Finite(double v) => double.IsFinite(v) && Math.Abs(v) <= MaxMagnitude;

    private static double[]? Cap(double[]? schedule, double beta1) => schedule?.Select((b, t) => t == 0 ? beta1 : Math.Min(b, beta1)).ToArray();

    private static double[] Floor(int n, int at)
    {
        double[] p = Enumerable.Repeat(1.0, n).Select((_, i) => i == at ? 1e-6 : 1.0).ToArray();
        double sum = p.Sum();
        return p.Select(v => v / sum).ToArray();
    }

    private static FiniteSumRun WithHorizon(FiniteSumRun r, int horizon, SearchRandom random)
    {
        if (horizon < 1 || horizon == r.Horizon)
        {
            return r;
        }

        double[] steps = Enumerable.Range(0, horizon).Select(t => t < r.Horizon ? r.StepScales[t] : r.StepScales[t % r.Horizon] * (random.Chance(0.5) ? -1.0 : 1.0)).ToArray();
        double[]? schedule = r.Beta1Schedule is { } s
            ? Enumerable.Range(0, horizon).Select(t => t < s.Length ? s[t] : s[t % s.Length]).ToArray()
            : null;
        return r with { Horizon = horizon, StepScales = steps, Beta1Schedule = schedule };
    }

    /// <summary>
    /// One more example: random, or an existing row with one coordinate zeroed or raised to the largest entry (rows of
    /// unequal norms and shapes are where importance weights reshape the gradient most); the horizon is cut to keep
    /// n^T within <see cref="MaxPaths"/>.
    /// </summary>
    private static FiniteSumRun AddExample(FiniteSumRun r, SearchRandom random)
    {
        double top = Math.Max(1e-12, r.Features.SelectMany(a => a).Select(Math.Abs).DefaultIfEmpty(1.0).Max());
        double[] source = r.Features[random.Next(0, r.N - 1)];
        int k = random.Next(0, r.D - 1);
        double[] row = random.Next(0, 2) switch
        {
            0 => Enumerable.Range(0, r.D).Select(_ => (2 * random.NextDouble() - 1) * top).ToArray(),
            1 => source.Select((v, j) => j == k ? 0.0 : v).ToArray(),
            _ => source.Select((v, j) => j == k ? (v < 0 ? -top : top) : v).ToArray(),
        };
        double target = r.Problem == FiniteSumProblem.Logistic ? (random.Chance(0.5) ? 1.0 : -1.0) : r.Problem == FiniteSumProblem.LeastSquares ? 2 * random.NextDouble() - 1 : 0.0;
        double[] p = [.. r.FixedP.Select(v => v * r.N / (r.N + 1.0)), 1.0 / (r.N + 1.0)];
        FiniteSumRun grown = r with { Features = [.. r.Features, row], Targets = [.. r.Targets, target], FixedP = p };
        int horizon = r.Horizon;
        while (horizon > 1 && Math.Pow(grown.N, horizon) > MaxPaths)
        {
            horizon--;
        }

        return horizon == r.Horizon ? grown : grown with
        {
            Horizon = horizon,
            StepScales = grown.StepScales[..horizon],
            Beta1Schedule = grown.Beta1Schedule?[..horizon],
        };
    }

    private static FiniteSumRun AddDimension(FiniteSumRun r, SearchRandom random) =>
        r with
        {
            Features = r.Features.Select(a => (double[])[.. a, (2 * random.NextDouble() - 1) * Math.Max(1e-12, a.Select(Math.Abs).DefaultIfEmpty(1.0).Max())]).ToArray(),
            Theta1 = [.. r.Theta1, (2 * random.NextDouble() - 1) * r.Radius],
        };

    private static FiniteSumRun FlipStep(FiniteSumRun r, int t) => r with { StepScales = Shrinking.Replace(r.StepScales, t, -r.StepScales[t]) };

    private static FiniteSumRun ScaleEntry(FiniteSumRun r, SearchRandom random)
    {
        int i = random.Next(0, r.N - 1), k = random.Next(0, r.D - 1);
        double factor = random.Pick(EntryFactors);
        double value = r.Features[i][k] == 0.0 ? factor : r.Features[i][k] * factor;
        return r with { Features = Shrinking.Replace(r.Features, i, k, DomainMoves.Clip(value, MaxMagnitude)) };
    }

    private static readonly double[] EntryFactors = [-1.0, 0.0, 0.1, 10.0, 2.0];

    private static readonly double[] ThetaCorners = [-1.0, 0.0, 1.0, 0.5, -0.5];

    private static double Factor(double logScale) => Math.Exp(Math.Clamp(logScale, -20.0, 20.0));

    /// <summary>Every data entry and step scale multiplied by e^(0.3·N(0,1)), a few signs flipped: an evolution-strategy step in all the data at once.</summary>
    private static FiniteSumRun Jitter(FiniteSumRun r, SearchRandom random) =>
        r with
        {
            Features = r.Features.Select(row => DomainMoves.Jitter(row, random, MaxMagnitude)).ToArray(),
            StepScales = DomainMoves.Jitter(r.StepScales, random, MaxMagnitude),
        };
}
