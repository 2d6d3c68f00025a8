using System.Globalization;
using Verification.Claims.Catalogue;
using Verification.Claims.Search;

namespace Verification.Claims.Instances;

/// <summary>
/// The hypothesis domain of Section 7.1's "s = 1 is Adam" claims: β₁, β₂ ∈ [0, 1), α &gt; 0, any start θ₁ and any
/// fixed gradient sequence g_1..g_T ∈ ℝ^d (T ≤ <see cref="MaxHorizon"/>, d ≤ 8), any mask seed. Continuous
/// coordinates: logits of β₁ and β₂ (snapped to the edge 0), ln α, ln of the start's scale and a reshaping
/// g_t ↦ e^c t^(−δ) g_t of the whole sequence. Discrete moves: longer horizons (the sequence repeated), another
/// coordinate, signs, spikes, zeros, power laws, other starts and seeds, the edges of the β ranges and the jitter.
/// </summary>
public sealed class GradientSequenceRunDomain : HypothesisDomain<GradientSequenceRun>
{
    /// <summary>The longest run: two optimizers step O(Td) each, so 10³ steps of 8 coordinates stay well under a millisecond.</summary>
    public const int MaxHorizon = 1000;

    private const int MaxDimension = 8;

    /// <summary>Largest |g| and |θ₁|: squares (the second moment) stay far from overflow.</summary>
    private const double MaxMagnitude = 1e100;

    /// <inheritdoc/>
    public override string Summary =>
        "s = 1; β₁, β₂ ∈ [0, 1); α > 0; any θ₁ and fixed g_1..g_T ∈ ℝ^d (T ≤ 1,000, d ≤ 8, scales 1e-100…1e100); any seed";

    /// <inheritdoc/>
    public override bool Contains(GradientSequenceRun r) =>
        r.Dimension is >= 1 and <= MaxDimension && r.Gradients.Length % r.Dimension == 0 && r.T is >= 1 and <= MaxHorizon
        && r.Start.Length == r.Dimension
        && r.Gradients.All(v => double.IsFinite(v) && Math.Abs(v) <= MaxMagnitude) && r.Start.All(v => double.IsFinite(v) && Math.Abs(v) <= MaxMagnitude)
        && r.Alpha is > 0.0 and <= MaxMagnitude && r.Beta1 is >= 0.0 and < 1.0 && r.Beta2 is >= 0.0 and < 1.0;

    /// <inheritdoc/>
    public override double[] Encode(GradientSequenceRun r) =>
        [DomainMoves.Logit(r.Beta1), DomainMoves.Logit(r.Beta2), Math.Log(r.Alpha), 0.0, 0.0, 0.0];

    /// <inheritdoc/>
    public override GradientSequenceRun Decode(GradientSequenceRun template, double[] x)
    {
        double scale = Math.Exp(Math.Clamp(x[3], -50.0, 50.0)), tilt = Math.Clamp(x[4], -3.0, 3.0), startScale = Math.Exp(Math.Clamp(x[5], -50.0, 50.0));
        int d = template.Dimension;
        return template with
        {
            Beta1 = DomainMoves.FromLogit(x[0]),
            Beta2 = DomainMoves.FromLogit(x[1]),
            Alpha = Math.Exp(Math.Clamp(x[2], -40.0, 40.0)),
            Gradients = template.Gradients.Select((g, k) => Clip(g * scale * Math.Pow(k / d + 1, -tilt))).ToArray(),
            Start = template.Start.Select(s => Clip(s * startScale)).ToArray(),
        };
    }

    /// <inheritdoc/>
    public override IEnumerable<GradientSequenceRun> Neighbours(GradientSequenceRun r, SearchRandom random)
    {
        int d = r.Dimension, t = r.T;
        double scale = Math.Max(1e-300, r.Gradients.Max(Math.Abs));
        int entry = random.Next(0, r.Gradients.Length - 1);
        var moves = new List<GradientSequenceRun>
        {
            Repeat(r, Math.Min(MaxHorizon, 2 * t)),
            Repeat(r, Math.Min(MaxHorizon, 10 * t)),
            Repeat(r, Math.Min(MaxHorizon, t + 1)),
            AddCoordinate(r, random),
            r with { Gradients = r.Gradients.Select(Math.Abs).ToArray() },
            r with { Gradients = r.Gradients.Select((g, k) => k / d % 2 == 0 ? Math.Abs(g) : -Math.Abs(g)).ToArray() },
            r with { Gradients = With(r.Gradients, entry, Clip((r.Gradients[entry] == 0.0 ? scale : r.Gradients[entry]) * random.Pick(SpikeFactors))) },
            r with { Gradients = With(r.Gradients, entry, 0.0) },
            r with { Gradients = r.Gradients.Select((g, k) => (g < 0.0 ? -1.0 : 1.0) * scale * Math.Pow(k / d + 1, -random.Pick(PowerLawExponents))).ToArray() },
            r with { Gradients = DomainMoves.Jitter(r.Gradients, random, MaxMagnitude) },
            r with { Start = new double[d] },
            r with { Start = r.Start.Select(_ => DomainMoves.Uniform(random, Math.Max(1.0, r.Start.Max(Math.Abs)))).ToArray() },
            r with { Seed = r.Seed + 1 },
            r with { Alpha = r.Alpha * random.Pick(AlphaFactors) },
            r with { Beta1 = 0.0 },
            r with { Beta2 = 0.0 },
            r with { Beta1 = 1.0 - (1.0 - r.Beta1) / 10.0 },
            r with { Beta2 = 1.0 - (1.0 - r.Beta2) / 10.0 },
        };
        return DomainMoves.Shuffled(moves, r, random, Contains);
    }

    /// <inheritdoc/>
    public override string Describe(GradientSequenceRun r) => string.Create(CultureInfo.InvariantCulture,
        $"d={r.Dimension} T={r.T} α={r.Alpha:G3} β=({r.Beta1:G4}, {r.Beta2:G4}) max|g|={r.Gradients.Max(Math.Abs):G3} min|g≠0|={r.Gradients.Where(g => g != 0.0).Select(Math.Abs).DefaultIfEmpty(0.0).Min():G3} max|θ₁|={r.Start.Max(Math.Abs):G3}");

    private static readonly double[] SpikeFactors = [10.0, 1e3, 1e-3, -1.0];

    private static readonly double[] PowerLawExponents = [0.0, 0.5, 1.0, 2.0];

    private static readonly double[] AlphaFactors = [1e-3, 0.1, 10.0, 1e3];

    private static double Clip(double v) => DomainMoves.Clip(v, MaxMagnitude);

    private static double[] With(double[] values, int k, double value)
    {
        var copy = (double[])values.Clone();
        copy[k] = value;
        return copy;
    }

    /// <summary>The sequence repeated until it has <paramref name="horizon"/> steps (periodic sequences stay periodic).</summary>
    private static GradientSequenceRun Repeat(GradientSequenceRun r, int horizon) =>
        horizon <= r.T ? r : r with { Gradients = Enumerable.Range(0, horizon * r.Dimension).Select(k => r.Gradients[k % r.Gradients.Length]).ToArray() };

    /// <summary>One more coordinate, its gradients drawn at the sequence's scale and its start at the start's.</summary>
    private static GradientSequenceRun AddCoordinate(GradientSequenceRun r, SearchRandom random)
    {
        int d = r.Dimension;
        double scale = Math.Max(1e-300, r.Gradients.Max(Math.Abs)), startScale = r.Start.Max(Math.Abs);
        double[] g = new double[r.T * (d + 1)];
        for (int t = 0; t < r.T; t++)
        {
            Array.Copy(r.Gradients, t * d, g, t * (d + 1), d);
            g[t * (d + 1) + d] = DomainMoves.Uniform(random, scale);
        }

        return r with { Dimension = d + 1, Gradients = g, Start = [.. r.Start, DomainMoves.Uniform(random, startScale)] };
    }
}
