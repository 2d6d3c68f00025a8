using FsCheck;
using FsCheck.Fluent;
using Verification.Claims.Catalogue;

namespace Verification.Claims.Instances;

/// <summary>
/// The adversarial families of per-coordinate histories: gradient scales far below and above 1 (so G_∞ &lt; 1 and
/// G_∞ &gt; 1 both occur), sign flips, all-zero and all-one masks, sparse coordinates, short and long horizons, and
/// β pairs across their ranges; and a realistic family recorded from StochGradAdam on MNIST logistic regression
/// (<see cref="RecordedHistories"/>).
/// </summary>
public static class CoordinateHistoryFamilies
{
    /// <summary>
    /// All families; <paramref name="gammaBelowOne"/> restricts β pairs to β₁²/√β₂ &lt; 1 (Lemma 4.4's hypothesis). Every
    /// family carries the claim's whole <see cref="CoordinateHistoryDomain"/>, through which the targeted search moves.
    /// </summary>
    public static IReadOnlyList<InstanceFamily<CoordinateHistory>> All(bool gammaBelowOne = false, int trials = 150)
    {
        var domain = new CoordinateHistoryDomain(gammaBelowOne);
        IEnumerable<InstanceFamily<CoordinateHistory>> families =
        [
            Family("unit-scale", "g ∈ [−1, 1], keep rate uniform in [0, 1], T ∈ [1, 40]", Values(1.0), Mask(), Horizon(1, 40), gammaBelowOne, trials),
            Family("tiny-scale", "g ∈ [−1e-6, 1e-6]: G_∞ ≪ 1", Values(1e-6), Mask(), Horizon(1, 40), gammaBelowOne, trials),
            Family("huge-scale", "g ∈ [−1e6, 1e6]: G_∞ ≫ 1", Values(1e6), Mask(), Horizon(1, 40), gammaBelowOne, trials),
            Family("sign-flips", "g_t = ±c with alternating sign, c ∈ (0, 10]", SignFlips(), Mask(), Horizon(1, 40), gammaBelowOne, trials),
            Family("all-zero-mask", "every coordinate masked: φ ≡ 0", Values(1.0), Gen.Constant(0.0), Horizon(1, 40), gammaBelowOne, trials / 2),
            Family("all-one-mask", "nothing masked: φ = g (s = 1)", Values(1.0), Gen.Constant(1.0), Horizon(1, 40), gammaBelowOne, trials / 2),
            Family("sparse", "90% of the g_t are exactly 0", Sparse(), Mask(), Horizon(1, 40), gammaBelowOne, trials),
            Family("long-horizon", "T ∈ [200, 1500], g ∈ [−1, 1]", Values(1.0), Mask(), Horizon(200, 1500), gammaBelowOne, Math.Max(1, trials / 10)),
            .. StructuredHistories.All(gammaBelowOne, trials),
            RecordedHistories.MnistFamily(gammaBelowOne, Math.Max(1, trials / 3)),
        ];
        return families.Select(f => f with { Domain = domain }).ToList();
    }

    private static InstanceFamily<CoordinateHistory> Family(
        string name, string description, Gen<double> value, Gen<double> keepRate, Gen<int> horizon, bool gammaBelowOne, int trials)
    {
        Gen<CoordinateHistory> generator =
            from t in horizon
            from gradients in value.ArrayOf(t)
            from rate in keepRate
            from keep in Gen.Choose(0, 999).Select(k => k < rate * 1000).ArrayOf(t)
            from factor in Gen.Elements(1.0, 1.0, 1.5, 10.0)
            from betas in Betas(gammaBelowOne)
            select new CoordinateHistory(gradients, keep, factor, betas.Beta1, betas.Beta2);
        return new InstanceFamily<CoordinateHistory>(name, description, generator, h => Shrink(h, gammaBelowOne), trials);
    }

    /// <summary>β₁ ∈ [0, 0.999], β₂ ∈ [0, 0.9999] on a grid, with the extremes over-represented.</summary>
    public static Gen<(double Beta1, double Beta2)> Betas(bool gammaBelowOne)
    {
        Gen<double> beta1 = Gen.Frequency((1, Gen.Constant(0.0)), (1, Gen.Constant(0.9)), (1, Gen.Constant(0.999)), (4, Gen.Choose(0, 999).Select(k => k / 1000.0)));
        Gen<double> beta2 = Gen.Frequency((1, Gen.Constant(0.0)), (1, Gen.Constant(0.999)), (1, Gen.Constant(0.9999)), (4, Gen.Choose(0, 9999).Select(k => k / 10000.0)));
        Gen<(double, double)> pairs = from b1 in beta1 from b2 in beta2 select (b1, b2);
        return gammaBelowOne ? pairs.Where(p => p.Item1 * p.Item1 < Math.Sqrt(p.Item2)) : pairs;
    }

    private static Gen<double> Values(double scale) => Gen.Choose(-1_000_000, 1_000_000).Select(k => k / 1e6 * scale);

    private static Gen<double> SignFlips() => Gen.Choose(1, 10_000).Select(k => k / 1000.0);

    private static Gen<double> Sparse() => Gen.Frequency((9, Gen.Constant(0.0)), (1, Values(1.0)));

    private static Gen<double> Mask() => Gen.Frequency((1, Gen.Constant(0.0)), (1, Gen.Constant(1.0)), (4, Gen.Choose(1, 999).Select(k => k / 1000.0)));

    private static Gen<int> Horizon(int lo, int hi) => Gen.Choose(lo, hi);

    /// <summary>Simpler histories: shorter, fewer nonzeros, rounder values, an exact G_∞, simpler β.</summary>
    public static IEnumerable<CoordinateHistory> Shrink(CoordinateHistory h, bool gammaBelowOne)
    {
        if (h.T > 1)
        {
            // Halving first: a history of 10⁴ steps shrinks in a dozen moves instead of thousands.
            int half = h.T / 2;
            yield return h with { Gradients = h.Gradients[..half], Keep = h.Keep[..half] };
            yield return h with { Gradients = h.Gradients[half..], Keep = h.Keep[half..] };
            yield return h with { Gradients = h.Gradients[..^1], Keep = h.Keep[..^1] };
            yield return h with { Gradients = h.Gradients[1..], Keep = h.Keep[1..] };
        }

        if (h.GInfFactor != 1.0)
        {
            yield return h with { GInfFactor = 1.0 };
        }

        // β moves only towards 0 or to one decimal, so shrinking cannot cycle.
        foreach ((double b1, double b2) in new[] { (0.0, h.Beta2), (h.Beta1, 0.0), (Math.Round(h.Beta1, 1), h.Beta2), (h.Beta1, Math.Round(h.Beta2, 1)) })
        {
            bool valid = !gammaBelowOne || b1 * b1 < Math.Sqrt(b2);
            if (valid && (b1 != h.Beta1 || b2 != h.Beta2) && b1 < 1.0 && b2 < 1.0)
            {
                yield return h with { Beta1 = b1, Beta2 = b2 };
            }
        }

        for (int t = 0; t < h.T; t++)
        {
            if (h.Gradients[t] != 0.0)
            {
                yield return h with { Gradients = Replace(h.Gradients, t, 0.0) };
                double round = RoundToOneDigit(h.Gradients[t]);
                if (round != h.Gradients[t])
                {
                    yield return h with { Gradients = Replace(h.Gradients, t, round) };
                }
            }

            if (!h.Keep[t])
            {
                yield return h with { Keep = Replace(h.Keep, t, true) };
            }
        }
    }

    private static double RoundToOneDigit(double x)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(x))));
        return Math.Round(x / magnitude) * magnitude;
    }

    private static TItem[] Replace<TItem>(TItem[] items, int index, TItem value)
    {
        var copy = (TItem[])items.Clone();
        copy[index] = value;
        return copy;
    }
}
