using Verification.Claims.Search;

namespace Verification.Claims.Catalogue;

/// <summary>
/// Pieces the hypothesis domains share: the logit coordinates of parameters in intervals (with the edge 0 reachable),
/// the evolution-strategy jitter of numeric data, and the deterministic shuffle of a move list.
/// </summary>
internal static class DomainMoves
{
    /// <summary>Below this logit a parameter snaps to the edge 0 (p ≈ 1.5e-8): Nelder–Mead can then reach the edge itself.</summary>
    public const double EdgeLogit = -18.0;

    /// <summary>logit p, with the edges 0 and 1 mapped to ∓40 (finite, so that a simplex can start there).</summary>
    public static double Logit(double p) => p <= 0.0 ? -40.0 : p >= 1.0 ? 40.0 : Math.Clamp(Math.Log(p / (1.0 - p)), -40.0, 40.0);

    /// <summary>The inverse of <see cref="Logit"/>, snapped to 0 below <see cref="EdgeLogit"/> and kept below 1.</summary>
    public static double FromLogit(double x) => x < EdgeLogit ? 0.0 : Math.Min(1.0 / (1.0 + Math.Exp(-x)), 1.0 - 1e-15);

    /// <summary>The inverse of <see cref="Logit"/> into the open interval (0, 1), both edges excluded.</summary>
    public static double FromLogitOpen(double x) => Math.Clamp(1.0 / (1.0 + Math.Exp(-x)), 1e-15, 1.0 - 1e-15);

    /// <summary>v clamped to ±<paramref name="max"/>, a non-finite value mapped to 0.</summary>
    public static double Clip(double v, double max) => double.IsFinite(v) ? Math.Clamp(v, -max, max) : 0.0;

    /// <summary>
    /// Every entry multiplied by exp(0.3·N(0, 1)), a few (5%) with their sign flipped: a small random move of all the
    /// data at once, which the discrete moves (one entry at a time) and the simplex (one scale per block) cannot make.
    /// </summary>
    public static double[] Jitter(double[] values, SearchRandom random, double max) =>
        values.Select(v => Clip(v * Math.Exp(0.3 * random.NextGaussian()) * (random.Chance(0.05) ? -1.0 : 1.0), max)).ToArray();

    /// <summary>
    /// β_{1t} schedules with β_{11} = β₁ and β_{1t} ∈ [0, β₁] that the λ-form never produces: alternating between β₁ and
    /// 0, rising linearly from 0 to β₁, and random — where a claim allows any schedule, these are where "β_{1t}
    /// non-increasing" matters.
    /// </summary>
    public static IEnumerable<double[]> Beta1Schedules(double beta1, int horizon, SearchRandom random)
    {
        yield return Enumerable.Range(0, horizon).Select(t => t == 0 ? beta1 : beta1 * (t % 2 == 0 ? 1.0 : 0.0)).ToArray();
        yield return Enumerable.Range(0, horizon).Select(t => t == 0 ? beta1 : beta1 * t / (double)horizon).ToArray();
        yield return Enumerable.Range(0, horizon).Select(t => t == 0 ? beta1 : beta1 * random.NextDouble()).ToArray();
    }

    /// <summary>An instance's text cut to one line of at most 160 characters, for the tightness column.</summary>
    public static string OneLine(object? instance)
    {
        string text = instance?.ToString() ?? "";
        return text.Length <= 160 ? text : text[..157] + "…";
    }

    /// <summary>A uniform draw in [−<paramref name="scale"/>, <paramref name="scale"/>].</summary>
    public static double Uniform(SearchRandom random, double scale) => (2 * random.NextDouble() - 1) * scale;

    /// <summary>
    /// The moves in a deterministic random order, those that are the instance itself or leave the domain dropped: the
    /// search takes the first few each round, so the order decides which kinds get their turn.
    /// </summary>
    public static IEnumerable<T> Shuffled<T>(List<T> moves, T instance, SearchRandom random, Func<T, bool> contains)
    {
        for (int i = moves.Count - 1; i > 0; i--)
        {
            int j = random.Next(0, i);
            (moves[i], moves[j]) = (moves[j], moves[i]);
        }

        return moves.Where(m => !ReferenceEquals(m, instance) && !Equals(m, instance) && contains(m));
    }
}
