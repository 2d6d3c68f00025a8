using System.Text.Json.Serialization;
using FsCheck;
using FsCheck.Fluent;
using Verification.Claims.Catalogue;

namespace Verification.Claims.Instances;

/// <summary>
/// An online convex problem on the box F = [−R, R]^d and the hyperparameters of a regret-theorem run, all explicit so
/// that the instance round-trips through JSON: <c>linear</c> f_t(θ) = ⟨c_t, θ⟩ (θ* is the corner −R·sign(Σ_t c_t),
/// 0 where the sum is 0) or <c>quadratic</c> f_t(θ) = ½‖θ − x_t‖² (θ* = clip(mean_t x_t)).
/// </summary>
/// <param name="Problem"><c>linear</c> or <c>quadratic</c>.</param>
/// <param name="Dimension">d ≥ 1.</param>
/// <param name="Data">c_{t,i} or x_{t,i} at index (t − 1)·d + i, t = 1..T.</param>
/// <param name="Start">The start; the run begins at θ₁ = Π_F(Start).</param>
/// <param name="Radius">R &gt; 0.</param>
/// <param name="Alpha">α &gt; 0 of α_t = α/√t.</param>
/// <param name="Beta1">β₁ ∈ [0, 1).</param>
/// <param name="Beta2">β₂ ∈ [0, 1) with β₁²/√β₂ &lt; 1.</param>
/// <param name="Lambda">λ ∈ (0, 1) of β_{1,t} = β₁λ^{t−1}.</param>
/// <param name="SamplingRate">s ∈ (0, 1].</param>
/// <param name="MaskSeed">The seed of the reference's mask stream.</param>
public sealed record OnlineRun(
    string Problem, int Dimension, double[] Data, double[] Start, double Radius, double Alpha, double Beta1, double Beta2, double Lambda, double SamplingRate, ulong MaskSeed)
{
    /// <summary>The linear problem's name.</summary>
    public const string Linear = "linear";

    /// <summary>The quadratic problem's name.</summary>
    public const string Quadratic = "quadratic";

    /// <summary>T.</summary>
    [JsonIgnore]
    public int T => Data.Length / Dimension;

    /// <summary>c_t or x_t (1-based t).</summary>
    public ReadOnlySpan<double> Row(int t) => Data.AsSpan((t - 1) * Dimension, Dimension);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Problem} d={Dimension} T={T} R={Radius} α={Alpha} β=({Beta1}, {Beta2}) λ={Lambda} s={SamplingRate} seed={MaskSeed}";
}

/// <summary>
/// Families of <see cref="OnlineRun"/>: scales far below and above 1, sign flips, sparse data, quadratic losses, λ near 0
/// and 1, s = 1 and s ≈ 0, long horizons and Reddi et al.'s one-dimensional problem (f_t(x) = C·x if t mod 3 = 1, else −x, on
/// [−1, 1], C = 3), with a shrinker towards short, low-dimensional, round runs.
/// </summary>
public static class OnlineRunFamilies
{
    /// <summary>Reddi et al.'s constant C.</summary>
    public const double ReddiC = 3.0;

    /// <summary>The gate families: T ≤ 200, d ≤ 8.</summary>
    public static IReadOnlyList<InstanceFamily<OnlineRun>> All(int trials = 30) =>
    new InstanceFamily<OnlineRun>[]
    {
        Family("linear-unit", "c ∈ [−1, 1], d ∈ [1, 4], T ∈ [1, 60]", OnlineRun.Linear, Values(1.0), Gen.Choose(1, 4), Gen.Choose(1, 60), Lambdas(), Rates(), trials),
        Family("linear-tiny", "c ∈ [−1e-6, 1e-6]: G_∞ ≪ 1", OnlineRun.Linear, Values(1e-6), Gen.Choose(1, 4), Gen.Choose(1, 60), Lambdas(), Rates(), trials),
        Family("linear-huge", "c ∈ [−1e3, 1e3]: G_∞ ≫ 1", OnlineRun.Linear, Values(1e3), Gen.Choose(1, 4), Gen.Choose(1, 60), Lambdas(), Rates(), trials),
        Family("linear-sparse", "90% of the c_{t,i} are 0", OnlineRun.Linear, Gen.Frequency((9, Gen.Constant(0.0)), (1, Values(1.0))), Gen.Choose(1, 4), Gen.Choose(1, 60), Lambdas(), Rates(), trials),
        SignFlipFamily(trials),
        Family("quadratic", "f_t = ½‖θ − x_t‖², x ∈ [−2, 2]·R", OnlineRun.Quadratic, Values(2.0), Gen.Choose(1, 4), Gen.Choose(1, 60), Lambdas(), Rates(), trials),
        Family("lambda-extremes", "λ ∈ {1e-6, 0.01, 0.99, 1 − 1e-6}", OnlineRun.Linear, Values(1.0), Gen.Choose(1, 4), Gen.Choose(1, 60), Gen.Elements(1e-6, 0.01, 0.99, 1 - 1e-6), Rates(), trials),
        Family("all-one-mask", "s = 1: φ = g", OnlineRun.Linear, Values(1.0), Gen.Choose(1, 4), Gen.Choose(1, 60), Lambdas(), Gen.Constant(1.0), trials),
        Family("all-zero-mask", "s = 1e-9: the threshold ⌊s·2³²⌋ = 4 masks (almost) every coordinate, φ ≡ 0", OnlineRun.Linear, Values(1.0), Gen.Choose(1, 4), Gen.Choose(1, 60), Lambdas(), Gen.Constant(1e-9), trials / 2),
        Family("long-horizon", "T ∈ [150, 200], d ∈ [1, 8]", OnlineRun.Linear, Values(1.0), Gen.Choose(1, 8), Gen.Choose(150, 200), Lambdas(), Rates(), Math.Max(1, trials / 4)),
        Reddi("reddi", "Reddi et al.'s problem, T ∈ [30, 200]", Gen.Choose(30, 200), trials),
    }.Select(f => f with { Domain = Domain }).ToList();

    /// <summary>The domain every Theorem 4.5 family carries for the targeted search.</summary>
    private static readonly OnlineRunDomain Domain = new();

    /// <summary>
    /// Reddi et al.'s problem at long horizons, generated with T ∈ [1000, 3000] (few trials: each is a full run). The
    /// shrinker may shorten a counterexample's T below 1000. The family carries the <see cref="ReddiRunDomain"/>.
    /// </summary>
    public static IReadOnlyList<InstanceFamily<OnlineRun>> ReddiLong(int trials = 4) =>
        [Reddi("reddi-long", "Reddi et al.'s problem, generated with T ∈ [1000, 3000] (a shrunk counterexample may be shorter)", Gen.Choose(1000, 3000), trials) with { Domain = new ReddiRunDomain() }];

    private static InstanceFamily<OnlineRun> Family(
        string name, string description, string problem, Gen<double> value, Gen<int> dimension, Gen<int> horizon, Gen<double> lambda, Gen<double> rate, int trials)
    {
        Gen<OnlineRun> generator =
            from d in dimension
            from t in horizon
            from radius in Gen.Elements(0.1, 1.0, 10.0)
            from data in value.ArrayOf(d * t)
            from start in Gen.Choose(-1000, 1000).Select(k => k / 1000.0).ArrayOf(d)
            from run in Parameters(problem, d, problem == OnlineRun.Quadratic ? data.Select(x => x * radius).ToArray() : data, start.Select(x => x * radius).ToArray(), radius, lambda, rate)
            select run;
        return new InstanceFamily<OnlineRun>(name, description, generator, Shrink, trials);
    }

    private static InstanceFamily<OnlineRun> SignFlipFamily(int trials)
    {
        Gen<OnlineRun> generator =
            from d in Gen.Choose(1, 4)
            from t in Gen.Choose(1, 60)
            from magnitude in Gen.Choose(1, 10_000).Select(k => k / 1000.0).ArrayOf(d)
            from radius in Gen.Elements(0.1, 1.0, 10.0)
            from start in Gen.Choose(-1000, 1000).Select(k => k / 1000.0 * radius).ArrayOf(d)
            from run in Parameters(
                OnlineRun.Linear, d, Enumerable.Range(0, d * t).Select(k => (k / d % 2 == 0 ? 1.0 : -1.0) * magnitude[k % d]).ToArray(),
                start.Select(x => Math.Clamp(x, -radius, radius)).ToArray(), radius, Lambdas(), Rates())
            select run;
        return new InstanceFamily<OnlineRun>("linear-sign-flips", "c_{t,i} = ±a_i, the sign alternating in t", generator, Shrink, trials);
    }

    private static InstanceFamily<OnlineRun> Reddi(string name, string description, Gen<int> horizon, int trials)
    {
        Gen<OnlineRun> generator =
            from t in horizon
            from start in Gen.Choose(-1000, 1000).Select(k => k / 1000.0)
            from alpha in Gen.Elements(0.1, 0.5, 1.0)
            from lambda in Lambdas()
            from rate in Gen.Elements(1.0, 1.0, 0.9, 0.5)
            from seed in Gen.Choose(0, 1000)
            select new OnlineRun(
                OnlineRun.Linear, 1, Enumerable.Range(1, t).Select(k => k % 3 == 1 ? ReddiC : -1.0).ToArray(), [start], 1.0, alpha,
                0.0, 1.0 / (1.0 + ReddiC * ReddiC), lambda, rate, (ulong)seed);
        return new InstanceFamily<OnlineRun>(name, description + " (β₁ = 0, β₂ = 1/(1 + C²))", generator, Shrink, trials);
    }

    private static Gen<OnlineRun> Parameters(string problem, int d, double[] data, double[] start, double radius, Gen<double> lambda, Gen<double> rate) =>
        from alpha in Gen.Elements(1e-3, 1e-2, 0.1, 0.5, 1.0)
        from betas in CoordinateHistoryFamilies.Betas(gammaBelowOne: true)
        from l in lambda
        from s in rate
        from seed in Gen.Choose(0, 1000)
        select new OnlineRun(problem, d, data, start, radius, alpha, betas.Beta1, betas.Beta2, l, s, (ulong)seed);

    private static Gen<double> Values(double scale) => Gen.Choose(-1_000_000, 1_000_000).Select(k => k / 1e6 * scale);

    private static Gen<double> Lambdas() => Gen.Frequency((1, Gen.Constant(0.5)), (4, Gen.Choose(1, 999).Select(k => k / 1000.0)));

    private static Gen<double> Rates() => Gen.Frequency((1, Gen.Constant(1.0)), (4, Gen.Choose(1, 99).Select(k => k / 100.0)));

    /// <summary>Simpler runs: shorter, fewer coordinates, start 0, seed 0, simpler β, λ, s, α, R, and data.</summary>
    public static IEnumerable<OnlineRun> Shrink(OnlineRun r)
    {
        int d = r.Dimension, t = r.T;
        bool reddi = IsReddi(r);   // Reddi's problem stays Reddi's problem: only its horizon and parameters shrink
        if (t > 1)
        {
            yield return r with { Data = r.Data[..((t / 2) * d)] };
            yield return r with { Data = r.Data[..((t - 1) * d)] };
            if (!reddi)
            {
                yield return r with { Data = r.Data[d..] };
            }
        }

        if (d > 1)
        {
            yield return KeepCoordinates(r, 0, 1);
            yield return KeepCoordinates(r, d - 1, 1);
            yield return KeepCoordinates(r, 0, d - 1);
            yield return KeepCoordinates(r, 1, d - 1);
        }

        if (r.Start.Any(x => x != 0.0))
        {
            yield return r with { Start = new double[d] };
        }

        if (r.MaskSeed != 0)
        {
            yield return r with { MaskSeed = 0 };
        }

        foreach ((double b1, double b2) in new[] { (0.0, r.Beta2), (r.Beta1, 0.0), (Math.Round(r.Beta1, 1), r.Beta2), (r.Beta1, Math.Round(r.Beta2, 1)) })
        {
            if ((b1 != r.Beta1 || b2 != r.Beta2) && b1 < 1.0 && b2 < 1.0 && (b1 == 0.0 || b1 * b1 < Math.Sqrt(b2)))
            {
                yield return r with { Beta1 = b1, Beta2 = b2 };
            }
        }

        double lambda = Math.Round(r.Lambda, 1);
        if (r.Lambda != 0.5)
        {
            yield return r with { Lambda = 0.5 };
        }

        if (lambda > 0.0 && lambda < 1.0 && lambda != r.Lambda)
        {
            yield return r with { Lambda = lambda };
        }

        if (r.SamplingRate != 1.0)
        {
            yield return r with { SamplingRate = 1.0 };
            double rate = Math.Round(r.SamplingRate, 1);
            if (rate > 0.0 && rate != r.SamplingRate)
            {
                yield return r with { SamplingRate = rate };
            }
        }

        double alpha = Shrinking.RoundToOneDigit(r.Alpha);
        if (alpha != r.Alpha)
        {
            yield return r with { Alpha = alpha };
        }

        double radius = Shrinking.RoundToOneDigit(r.Radius);
        if (radius != r.Radius)
        {
            yield return r with { Radius = radius, Start = r.Start.Select(x => Math.Clamp(x, -radius, radius)).ToArray() };
        }

        foreach (double[] start in Shrinking.SimplerEntries(r.Start))
        {
            yield return r with { Start = start };
        }

        // Entry by entry only for small runs: a long run's data (Reddi's ±C pattern) is simple already, and each
        // candidate costs a full run.
        foreach (double[] data in r.Data.Length <= 400 && !reddi ? Shrinking.SimplerEntries(r.Data) : [])
        {
            yield return r with { Data = data };
        }
    }

    /// <summary>Whether the run is Reddi et al.'s problem: d = 1, R = 1, c_t = C if t mod 3 = 1 else −1.</summary>
    public static bool IsReddi(OnlineRun r) =>
        r.Dimension == 1 && r.Radius == 1.0 && r.Problem == OnlineRun.Linear
        && r.Data.Select((c, k) => c == ((k + 1) % 3 == 1 ? ReddiC : -1.0)).All(ok => ok);

    private static OnlineRun KeepCoordinates(OnlineRun r, int first, int keep)
    {
        var data = new double[r.T * keep];
        for (int t = 0; t < r.T; t++)
        {
            Array.Copy(r.Data, t * r.Dimension + first, data, t * keep, keep);
        }

        return r with { Dimension = keep, Data = data, Start = r.Start[first..(first + keep)] };
    }
}
