using System.Text.Json.Serialization;

namespace Verification.Claims.Instances;

/// <summary>
/// One coordinate i of a run: the gradient history g_{1:T,i}, the mask Ω_{1:T,i}, the moment parameters, and the
/// bound G_∞ claimed for the gradients (the tightest valid one, max_t |g_{t,i}|, times a factor ≥ 1).
/// </summary>
/// <param name="Gradients">g_{t,i} for t = 1..T.</param>
/// <param name="Keep">Ω_{t,i}: whether step t kept the coordinate.</param>
/// <param name="GInfFactor">G_∞ / max_t |g_{t,i}| (≥ 1: every factor ≥ 1 satisfies the bounded-gradient hypothesis).</param>
/// <param name="Beta1">β₁ ∈ [0, 1).</param>
/// <param name="Beta2">β₂ ∈ [0, 1).</param>
public sealed record CoordinateHistory(double[] Gradients, bool[] Keep, double GInfFactor, double Beta1, double Beta2)
{
    /// <summary>T.</summary>
    [JsonIgnore]
    public int T => Gradients.Length;

    /// <summary>φ_{t,i} = Ω_{t,i} g_{t,i} (a select: +0 where masked).</summary>
    [JsonIgnore]
    public double[] Phi => Gradients.Select((g, t) => Keep[t] ? g : 0.0).ToArray();

    /// <summary>G_∞ = factor · max_t |g_{t,i}|.</summary>
    [JsonIgnore]
    public double GInf => GInfFactor * Gradients.Select(Math.Abs).DefaultIfEmpty(0.0).Max();

    /// <summary>γ = β₁²/√β₂ (StochGradAdam Lemma 4.4's definition).</summary>
    [JsonIgnore]
    public double GammaSga => Beta2 == 0.0 ? (Beta1 == 0.0 ? 0.0 : double.PositiveInfinity) : Beta1 * Beta1 / Math.Sqrt(Beta2);

    /// <inheritdoc/>
    public override string ToString() =>
        $"T={T} g=[{string.Join(", ", Gradients.Select(g => g.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))}] keep=[{string.Join("", Keep.Select(k => k ? '1' : '0'))}] GInfFactor={GInfFactor} β=({Beta1}, {Beta2})";
}
