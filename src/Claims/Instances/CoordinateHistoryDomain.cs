using System.Globalization;
using Verification.Claims.Catalogue;
using Verification.Claims.Search;

namespace Verification.Claims.Instances;

/// <summary>
/// The hypothesis domain of the per-coordinate StochGradAdam claims: β₁, β₂ ∈ [0, 1) (with γ = β₁²/√β₂ &lt; 1 where
/// Lemma 4.4 assumes it), any finite gradient history of length T ∈ [1, 10⁴], any mask, G_∞ at least max_t |g_t|.
/// Continuous coordinates: logit β₁, logit β₂ (snapped to the edge 0 below logit −18), ln of the G_∞ factor, and a
/// reshaping g_t ↦ e^c t^(−δ) g_t of the whole history (scale and power-law tilt). Discrete moves: longer horizons
/// (the history continued in its own pattern), shorter ones, masks, signs, spikes, power-law and constant rewrites,
/// and the edges of the β ranges.
/// </summary>
public sealed class CoordinateHistoryDomain(bool gammaBelowOne, int maxHorizon = CoordinateHistoryDomain.MaxHorizon) : HypothesisDomain<CoordinateHistory>
{
    /// <summary>The longest horizon: the per-coordinate claims are O(T), so 10⁴ steps cost microseconds.</summary>
    public const int MaxHorizon = 10_000;

    /// <summary>Largest gradient magnitude the moves produce: squares stay far from overflow.</summary>
    private const double MaxMagnitude = 1e100;

    /// <inheritdoc/>
    public override string Summary =>
        $"β₁, β₂ ∈ [0, 1){(gammaBelowOne ? ", γ = β₁²/√β₂ < 1" : "")}; T ∈ [1, {maxHorizon.ToString("N0", CultureInfo.InvariantCulture)}]; any g_t (scales 1e-100…1e100), |g_t| ≤ G_∞; any mask";

    /// <inheritdoc/>
    public override bool Contains(CoordinateHistory h) =>
        h.T >= 1 && h.T <= maxHorizon && h.Keep.Length == h.T
        && h.Beta1 is >= 0.0 and < 1.0 && h.Beta2 is >= 0.0 and < 1.0
        && (!gammaBelowOne || h.GammaSga < 1.0 || h.Beta1 == 0.0)
        && h.GInfFactor >= 1.0 && double.IsFinite(h.GInfFactor)
        && h.Gradients.All(g => double.IsFinite(g) && Math.Abs(g) <= MaxMagnitude);

    /// <inheritdoc/>
    public override double[] Encode(CoordinateHistory h) => [DomainMoves.Logit(h.Beta1), DomainMoves.Logit(h.Beta2), Math.Log(h.GInfFactor), 0.0, 0.0];

    /// <inheritdoc/>
    public override CoordinateHistory Decode(CoordinateHistory template, double[] x)
    {
        double beta1 = DomainMoves.FromLogit(x[0]), beta2 = DomainMoves.FromLogit(x[1]);
        if (gammaBelowOne && beta1 > 0.0 && beta1 * beta1 >= Math.Sqrt(beta2))
        {
            // Keep γ < 1 by lowering β₁ to just inside the boundary, where the bounds' constants blow up.
            beta1 = Math.Sqrt(Math.Sqrt(beta2)) * (1 - 1e-9);
        }

        double scale = Math.Exp(Math.Clamp(x[3], -50.0, 50.0)), tilt = Math.Clamp(x[4], -3.0, 3.0);
        double[] g = template.Gradients.Select((v, t) => DomainMoves.Clip(v * scale * Math.Pow(t + 1, -tilt), MaxMagnitude)).ToArray();
        return template with { Beta1 = beta1, Beta2 = beta2, GInfFactor = Math.Exp(Math.Clamp(x[2], 0.0, 10.0)), Gradients = g };
    }

    /// <inheritdoc/>
    public override IEnumerable<CoordinateHistory> Neighbours(CoordinateHistory h, SearchRandom random)
    {
        var moves = new List<CoordinateHistory>
        {
            Extend(h, Math.Min(maxHorizon, 2 * h.T)),
            Extend(h, Math.Min(maxHorizon, 10 * h.T)),
            Extend(h, Math.Min(maxHorizon, h.T + 1)),
            h with { Gradients = h.Gradients[..Math.Max(1, h.T / 2)], Keep = h.Keep[..Math.Max(1, h.T / 2)] },
            h with { Gradients = h.Gradients[(h.T / 2)..], Keep = h.Keep[(h.T / 2)..] },
            h with { Keep = Enumerable.Repeat(true, h.T).ToArray() },
            h with { Keep = Flip(h.Keep, random.Next(0, h.T - 1)) },
            h with { Keep = h.Keep.Select(_ => random.Chance(0.5)).ToArray() },
            h with { Gradients = h.Gradients.Select(Math.Abs).ToArray() },
            h with { Gradients = h.Gradients.Select((g, t) => t % 2 == 0 ? Math.Abs(g) : -Math.Abs(g)).ToArray() },
            h with { Gradients = PowerLaw(h, random.Pick(PowerLawExponents)) },
            h with { Gradients = Spike(h.Gradients, 0, random.Pick(SpikeFactors)) },
            h with { Gradients = Spike(h.Gradients, h.T - 1, random.Pick(SpikeFactors)) },
            h with { Gradients = Spike(h.Gradients, random.Next(0, h.T - 1), 0.0) },
            h with { GInfFactor = 1.0 },
            h with { Beta1 = 0.0 },
            h with { Beta2 = gammaBelowOne && h.Beta1 > 0.0 ? h.Beta2 : 0.0 },
            h with { Beta2 = 1.0 - (1.0 - h.Beta2) / 10.0 },
            h with { Beta1 = 1.0 - (1.0 - h.Beta1) / 10.0 },
            h with { Gradients = DomainMoves.Jitter(h.Gradients, random, MaxMagnitude) },
        };

        return DomainMoves.Shuffled(moves, h, random, Contains);
    }

    /// <inheritdoc/>
    public override string Describe(CoordinateHistory h)
    {
        int nonzero = h.Gradients.Count(g => g != 0.0), kept = h.Keep.Count(k => k);
        string first = string.Join(", ", h.Gradients.Take(4).Select(g => g.ToString("G3", CultureInfo.InvariantCulture)));
        return string.Create(CultureInfo.InvariantCulture,
            $"T={h.T}, β=({h.Beta1:G4}, {h.Beta2:G4}), g=[{first}{(h.T > 4 ? ", …" : "")}] ({nonzero} nonzero, max |g| {h.Gradients.Max(Math.Abs):G3}), {kept}/{h.T} kept, G_∞ factor {h.GInfFactor:G3}");
    }

    private static readonly double[] PowerLawExponents = [0.0, 0.25, 0.5, 0.75, 1.0, 1.5];

    private static readonly double[] SpikeFactors = [10.0, 100.0, 1e4];

    private static bool[] Flip(bool[] keep, int t)
    {
        var copy = (bool[])keep.Clone();
        copy[t] = !copy[t];
        return copy;
    }

    private static double[] Spike(double[] g, int t, double factor)
    {
        var copy = (double[])g.Clone();
        double magnitude = g.Max(Math.Abs);
        copy[t] = factor == 0.0 ? 0.0 : DomainMoves.Clip((g[t] == 0.0 ? magnitude : g[t]) * factor, MaxMagnitude);
        return copy;
    }

    /// <summary>g_t = c t^(−a) with the history's largest magnitude as c and its signs kept (positive where 0).</summary>
    private static double[] PowerLaw(CoordinateHistory h, double a)
    {
        double c = h.Gradients.Max(Math.Abs);
        c = c == 0.0 ? 1.0 : c;
        return h.Gradients.Select((g, t) => (g < 0.0 ? -1.0 : 1.0) * c * Math.Pow(t + 1, -a)).ToArray();
    }

    /// <summary>
    /// The history continued to <paramref name="horizon"/> steps in its own pattern: magnitudes along the power law
    /// fitted to the second half (log–log least squares over the nonzero entries), signs and mask bits repeating with
    /// period 2 (constant and alternating patterns continue as they are).
    /// </summary>
    public static CoordinateHistory Extend(CoordinateHistory h, int horizon)
    {
        if (horizon <= h.T)
        {
            return h;
        }

        int from = h.T / 2;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int count = 0;
        for (int t = from; t < h.T; t++)
        {
            if (h.Gradients[t] != 0.0)
            {
                double lx = Math.Log(t + 1), ly = Math.Log(Math.Abs(h.Gradients[t]));
                (sx, sy, sxx, sxy, count) = (sx + lx, sy + ly, sxx + lx * lx, sxy + lx * ly, count + 1);
            }
        }

        double slope = count >= 2 && sxx * count - sx * sx > 1e-12 ? (sxy * count - sx * sy) / (sxx * count - sx * sx) : 0.0;
        slope = Math.Clamp(slope, -3.0, 3.0);
        double intercept = count == 0 ? 0.0 : (sy - slope * sx) / count;
        var g = new double[horizon];
        var keep = new bool[horizon];
        Array.Copy(h.Gradients, g, h.T);
        Array.Copy(h.Keep, keep, h.T);
        for (int t = h.T; t < horizon; t++)
        {
            int source = t - (h.T >= 2 ? 2 : 1);
            double sign = g[source] < 0.0 ? -1.0 : 1.0;
            g[t] = count == 0 ? 0.0 : DomainMoves.Clip(sign * Math.Exp(intercept + slope * Math.Log(t + 1)), MaxMagnitude);
            keep[t] = keep[source];
        }

        return h with { Gradients = g, Keep = keep };
    }
}
