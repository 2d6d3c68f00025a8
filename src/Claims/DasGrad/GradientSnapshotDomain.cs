using System.Globalization;
using Verification.Claims.Catalogue;
using Verification.Claims.Search;

namespace Verification.Claims.DasGrad;

/// <summary>
/// The hypothesis domain of the one-step DASGrad claims over <see cref="GradientSnapshot"/>s: any n ≤ 64 per-example
/// gradients in ℝ^d (d ≤ 16), any p in the open simplex (entries down to 1e-12), any direction u, G_∞ ≥ max|g|.
/// Continuous coordinates: the logarithm of each row's scale, p through a softmax of log-probabilities, the G_∞
/// factor. Discrete moves: rows and columns added, rows zeroed, rescaled or negated, one-hot rows, p set to
/// uniform, to p* or with one entry at the floor, a new direction. No move removes a row or a column: with one
/// example or one coordinate many bounds hold with equality, and simplifying is the shrinker's job.
/// </summary>
internal sealed class GradientSnapshotDomain : HypothesisDomain<GradientSnapshot>
{
    private const int MaxExamples = 64;

    private const int MaxDimension = 16;

    private const double MaxMagnitude = 1e100;

    /// <inheritdoc/>
    public override string Summary => "any g_1..g_n ∈ ℝ^d (n ≤ 64, d ≤ 16, scales 1e-100…1e100); p in the simplex with p_i ≥ 1e-12; any direction u; G_∞ ≥ max|g|";

    /// <inheritdoc/>
    public override bool Contains(GradientSnapshot s) =>
        s.N is >= 1 and <= MaxExamples && s.Gradients.All(r => r.Length == s.Gradients[0].Length) && s.D is >= 1 and <= MaxDimension
        && s.Gradients.All(r => r.All(v => double.IsFinite(v) && Math.Abs(v) <= MaxMagnitude))
        && s.P.Length == s.N && s.P.All(p => p >= 1e-12) && Math.Abs(s.P.Sum() - 1.0) <= 1e-12
        && s.Direction.Length == s.D && s.Direction.All(double.IsFinite)
        && s.GInfFactor >= 1.0 && double.IsFinite(s.GInfFactor);

    /// <inheritdoc/>
    public override double[] Encode(GradientSnapshot s) =>
        [.. Enumerable.Repeat(0.0, s.N), .. s.P.Select(p => Math.Log(p)), Math.Log(s.GInfFactor)];

    /// <inheritdoc/>
    public override GradientSnapshot Decode(GradientSnapshot template, double[] x)
    {
        int n = template.N;
        double[] logits = x.Skip(n).Take(n).Select(v => Math.Clamp(v, -27.0, 0.0)).ToArray();
        double top = logits.Max();
        double[] w = logits.Select(v => Math.Exp(v - top)).ToArray();
        double sum = w.Sum();
        double[] p = w.Select(v => Math.Max(1e-12, v / sum)).ToArray();
        double total = p.Sum();
        return template with
        {
            Gradients = template.Gradients.Select((row, i) => row.Select(v => DomainMoves.Clip(v * Math.Exp(Math.Clamp(x[i], -40.0, 40.0)), MaxMagnitude)).ToArray()).ToArray(),
            P = p.Select(v => v / total).ToArray(),
            GInfFactor = Math.Exp(Math.Clamp(x[^1], 0.0, 20.0)),
        };
    }

    /// <inheritdoc/>
    public override IEnumerable<GradientSnapshot> Neighbours(GradientSnapshot s, SearchRandom random)
    {
        int i = random.Next(0, s.N - 1), k = random.Next(0, s.D - 1);
        double scale = Math.Max(1e-12, s.Gradients.Max(Vec.NormInf));
        var moves = new List<GradientSnapshot>
        {
            AddRow(s, s.Gradients[i].Select(v => -v).ToArray()),
            AddRow(s, Enumerable.Range(0, s.D).Select(_ => (2 * random.NextDouble() - 1) * scale).ToArray()),
            AddRow(s, new double[s.D]),
            s with { Gradients = s.Gradients.Select(r => (double[])[.. r, (2 * random.NextDouble() - 1) * scale]).ToArray(), Direction = [.. s.Direction, 2 * random.NextDouble() - 1] },
            s with { Gradients = Shrinking.Replace(s.Gradients, i, s.Gradients[i].Select((v, j) => j == k ? (v == 0.0 ? scale : v) : 0.0).ToArray()) },
            s with { Gradients = Shrinking.Replace(s.Gradients, i, new double[s.D]) },
            s with { Gradients = Shrinking.Replace(s.Gradients, i, s.Gradients[i].Select(v => v * random.Pick(RowFactors)).ToArray()) },
            s with { P = Enumerable.Repeat(1.0 / s.N, s.N).ToArray() },
            s with { P = Floored(s.Optimal) },
            s with { P = Floored(s.P.Select((p, j) => j == i ? 1e-9 : p).ToArray()) },
            s with { Direction = Enumerable.Range(0, s.D).Select(_ => 2 * random.NextDouble() - 1).ToArray() },
            s with { GInfFactor = 1.0 },
            s with { Gradients = s.Gradients.Select(row => DomainMoves.Jitter(row, random, MaxMagnitude)).ToArray() },
        };
        return DomainMoves.Shuffled(moves, s, random, Contains);
    }

    /// <inheritdoc/>
    public override string Describe(GradientSnapshot s) => string.Create(CultureInfo.InvariantCulture,
        $"n={s.N} d={s.D} ‖g_i‖ ∈ [{s.Norms.Min():G3}, {s.Norms.Max():G3}] p ∈ [{s.P.Min():G3}, {s.P.Max():G3}] factor={s.GInfFactor:G3}");

    private static readonly double[] RowFactors = [-1.0, 10.0, 0.1, 1e3];

    /// <summary>p renormalised with every entry at least 1e-12 (p* puts 0 on zero rows, outside the open simplex).</summary>
    private static double[] Floored(double[] p)
    {
        double[] q = p.Select(v => Math.Max(1e-12, v)).ToArray();
        double sum = q.Sum();
        return q.Select(v => v / sum).ToArray();
    }

    private static GradientSnapshot AddRow(GradientSnapshot s, double[] row) =>
        s with { Gradients = [.. s.Gradients, row], P = Floored([.. s.P.Select(p => p * s.N / (s.N + 1.0)), 1.0 / (s.N + 1.0)]) };
}
