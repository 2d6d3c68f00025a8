using System.Globalization;
using Verification.Claims.Catalogue;
using Verification.Claims.Search;

namespace Verification.Claims.DasGrad;

/// <summary>
/// The hypothesis domain of Lemma 4 (box case) over <see cref="ProjectionPair"/>s: any z₁, z₂ ∈ ℝ^d (d ≤ 16), a box
/// [lo, hi]^d with lo ≤ hi, and Q = diag(q) with q &gt; 0. Continuous coordinates: the logarithm of each weight q_k, of
/// the points' scale and of the box's scale (lo and hi together), and the box's offset. Discrete moves: another
/// coordinate, a point moved inside or outside the box or onto the other, a degenerate box, spikes of the weights
/// and the jitter of both points.
/// </summary>
internal sealed class ProjectionPairDomain : HypothesisDomain<ProjectionPair>
{
    private const int MaxDimension = 16;

    /// <summary>Largest |coordinate| and weight: q(z₁ − z₂)² stays far from overflow.</summary>
    private const double MaxMagnitude = 1e60;

    /// <summary>Smallest weight: q(z₁ − z₂)² stays far from underflow.</summary>
    private const double MinWeight = 1e-60;

    /// <inheritdoc/>
    public override string Summary => "F = [lo, hi]^d, lo ≤ hi; any z₁, z₂ ∈ ℝ^d (d ≤ 16, |z|, |lo|, |hi| ≤ 1e60); Q = diag(q), q ∈ [1e-60, 1e60]";

    /// <inheritdoc/>
    public override bool Contains(ProjectionPair p) =>
        p.First.Length is >= 1 and <= MaxDimension && p.Second.Length == p.First.Length && p.Weights.Length == p.First.Length
        && p.First.All(Bounded) && p.Second.All(Bounded) && Bounded(p.Lower) && Bounded(p.Upper) && p.Lower <= p.Upper
        && p.Weights.All(q => q is >= MinWeight and <= MaxMagnitude);

    /// <inheritdoc/>
    public override double[] Encode(ProjectionPair p) => [.. p.Weights.Select(q => Math.Log(q)), 0.0, 0.0, 0.0];

    /// <inheritdoc/>
    public override ProjectionPair Decode(ProjectionPair template, double[] x)
    {
        int d = template.First.Length;
        double pointScale = Math.Exp(Math.Clamp(x[d], -40.0, 40.0)), boxScale = Math.Exp(Math.Clamp(x[d + 1], -40.0, 40.0));

        // The offset moves the box by multiples of its own width (or of the points' scale when it is a single point).
        double width = template.Upper - template.Lower;
        double unit = width > 0.0 ? width : Math.Max(1e-300, template.First.Concat(template.Second).Max(Math.Abs));
        double shift = Math.Clamp(x[d + 2], -1e3, 1e3) * unit;
        return template with
        {
            Weights = x.Take(d).Select(v => Math.Exp(Math.Clamp(v, Math.Log(MinWeight), Math.Log(MaxMagnitude)))).ToArray(),
            First = template.First.Select(v => Clip(v * pointScale)).ToArray(),
            Second = template.Second.Select(v => Clip(v * pointScale)).ToArray(),
            Lower = Clip((template.Lower + shift) * boxScale),
            Upper = Clip((template.Upper + shift) * boxScale),
        };
    }

    /// <inheritdoc/>
    public override IEnumerable<ProjectionPair> Neighbours(ProjectionPair p, SearchRandom random)
    {
        int d = p.First.Length, k = random.Next(0, d - 1);
        double scale = Math.Max(Math.Max(Math.Abs(p.Lower), Math.Abs(p.Upper)), p.First.Concat(p.Second).Max(Math.Abs));
        scale = scale == 0.0 ? 1.0 : scale;
        double inside = p.Lower + random.NextDouble() * (p.Upper - p.Lower);
        var moves = new List<ProjectionPair>
        {
            p with
            {
                First = [.. p.First, DomainMoves.Uniform(random, 2 * scale)],
                Second = [.. p.Second, DomainMoves.Uniform(random, 2 * scale)],
                Weights = [.. p.Weights, Math.Exp(random.NextGaussian() * 5)],
            },
            p with { First = Replace(p.First, k, inside) },
            p with { Second = Replace(p.Second, k, p.Upper + random.NextDouble() * scale) },
            p with { Second = Replace(p.Second, k, p.Lower - random.NextDouble() * scale) },
            p with { Second = Replace(p.Second, k, p.First[k]) },
            p with { Second = Replace(p.Second, k, -p.Second[k]) },
            p with { Upper = p.Lower },
            p with { Lower = Math.Min(p.Lower, -p.Upper), Upper = Math.Max(p.Upper, -p.Lower) },
            p with { Weights = Replace(p.Weights, k, p.Weights[k] * random.Pick(WeightFactors)) },
            p with { Weights = p.Weights.Select(_ => 1.0).ToArray() },
            p with { First = DomainMoves.Jitter(p.First, random, MaxMagnitude), Second = DomainMoves.Jitter(p.Second, random, MaxMagnitude) },
        };
        return DomainMoves.Shuffled(moves, p, random, Contains);
    }

    /// <inheritdoc/>
    public override string Describe(ProjectionPair p) => string.Create(CultureInfo.InvariantCulture,
        $"d={p.First.Length} box=[{p.Lower:G3}, {p.Upper:G3}] max|z|={p.First.Concat(p.Second).Max(Math.Abs):G3} q ∈ [{p.Weights.Min():G3}, {p.Weights.Max():G3}]");

    private static readonly double[] WeightFactors = [1e-6, 1e6, 0.1, 10.0];

    private static bool Bounded(double v) => double.IsFinite(v) && Math.Abs(v) <= MaxMagnitude;

    private static double Clip(double v) => DomainMoves.Clip(v, MaxMagnitude);

    private static double[] Replace(double[] values, int k, double value)
    {
        var copy = (double[])values.Clone();
        copy[k] = Clip(value);
        return copy;
    }
}
