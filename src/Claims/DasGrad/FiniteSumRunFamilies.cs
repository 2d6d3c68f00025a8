using FsCheck;
using FsCheck.Fluent;
using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>
/// Families of <see cref="FiniteSumRun"/>: the realistic small problems (centroid, least squares, logistic) and the
/// adversarial ones (online linear sign sequences, gradient scales from 1e-6 to 1e6, probabilities near the floor,
/// sparse coordinates, a long deterministic horizon, a non-monotone β_{1t} schedule, β₂ over all of (0, 1), up to six
/// coordinates, rows of mixed shapes). Every family keeps γ = β₁/√β₂ &lt; 1 and n^T ≤ 729, so expectations are exact
/// enumerations; every family carries the claims' <see cref="FiniteSumRunDomain"/> for the targeted search.
/// </summary>
internal static class FiniteSumRunFamilies
{
    /// <param name="trials">Gate trials of the larger families.</param>
    /// <param name="lambdaOnly">Leave out the family with an explicit β_{1t} schedule (the corollaries need β_{1t} = β₁λ^{t−1}).</param>
    public static IReadOnlyList<InstanceFamily<FiniteSumRun>> All(int trials = 25, bool lambdaOnly = false)
    {
        var families = new List<InstanceFamily<FiniteSumRun>>
        {
            Family("centroid", "Section 6 online centroid f_i = ½‖θ − x_i‖², x ∈ [−2, 2]^d, n ∈ {2, 3}, T ≤ 5",
                Problem(FiniteSumProblem.Centroid), Scale(2.0), Gen.Choose(2, 3), Gen.Choose(1, 5), AnyRule(), trials),
            Family("least-squares", "f_i = ½(⟨a_i, θ⟩ − b_i)², a, b ∈ [−1, 1]",
                Problem(FiniteSumProblem.LeastSquares), Scale(1.0), Gen.Choose(2, 3), Gen.Choose(1, 5), AnyRule(), trials),
            Family("logistic", "f_i = log(1 + exp(−y_i⟨a_i, θ⟩)), y = ±1",
                Problem(FiniteSumProblem.Logistic), Scale(1.0), Gen.Choose(2, 3), Gen.Choose(1, 5), AnyRule(), trials),
            Family("online-linear", "f_{t,i} = s_t⟨a_i, θ⟩ with s_t = ±[0.1, 1]: an adversarial online sequence",
                Problem(FiniteSumProblem.Linear), Scale(1.0), Gen.Choose(1, 3), Gen.Choose(1, 6), AnyRule(), trials),
            Family("extreme-scales", "linear or centroid data scaled by 10^[−6, 6]: G_∞ far below and far above 1",
                Gen.Elements(FiniteSumProblem.Linear, FiniteSumProblem.Centroid), Gen.Choose(-6, 6).Select(e => Math.Pow(10, e)), Gen.Choose(2, 3), Gen.Choose(1, 5), AnyRule(), trials),
            Family("near-floor-p", "fixed p with entries down to 1e-6, or a floor ε ∈ [1e-6, 1e-2]: huge importance weights",
                Gen.Elements(FiniteSumProblem.Linear, FiniteSumProblem.Centroid, FiniteSumProblem.LeastSquares), Scale(1.0), Gen.Choose(2, 3), Gen.Choose(1, 5),
                Gen.Elements(SamplingRule.Fixed, SamplingRule.Fixed, SamplingRule.OptimalFloor, SamplingRule.OptimalPlusConstant), trials, floor: true),
            Family("sparse", "70% of the data entries are exactly 0 (coordinates that never move)",
                Gen.Elements(FiniteSumProblem.Linear, FiniteSumProblem.LeastSquares), Scale(1.0), Gen.Choose(2, 3), Gen.Choose(1, 5), AnyRule(), trials, sparse: true),
            Family("long-deterministic", "n = 1 online linear, T ∈ [6, 30]: one path, long horizon",
                Problem(FiniteSumProblem.Linear), Scale(1.0), Gen.Constant(1), Gen.Choose(6, 30), AnyRule(), Math.Max(1, trials / 2)),
            Family("long-n2", "n = 2, T ∈ [6, 8] (up to 256 paths)",
                Gen.Elements(FiniteSumProblem.Linear, FiniteSumProblem.Centroid, FiniteSumProblem.Logistic), Scale(1.0), Gen.Constant(2), Gen.Choose(6, 8), AnyRule(), Math.Max(1, trials / 4)),
        };
        families.Add(Family("small-beta2", "β₂ logit-uniform over (0, 1) (down to 1e-4, so v̂ follows the last gradient), β₁ < √β₂",
            Gen.Elements(FiniteSumProblem.Linear, FiniteSumProblem.Centroid, FiniteSumProblem.LeastSquares, FiniteSumProblem.Logistic), Scale(1.0), Gen.Choose(1, 3), Gen.Choose(1, 5), AnyRule(), trials, betas: WideBetas()));
        families.Add(Family("wide", "d ∈ [4, 6], n ∈ [2, 4], T ≤ 3: more coordinates than the proofs' per-coordinate sums usually see",
            Gen.Elements(FiniteSumProblem.Linear, FiniteSumProblem.Centroid, FiniteSumProblem.LeastSquares), Scale(1.0), Gen.Choose(2, 4), Gen.Choose(1, 3), AnyRule(), Math.Max(1, trials / 2), dims: Gen.Choose(4, 6), betas: WideBetas()));
        families.Add(Family("mixed-rows", "each row one-hot, flat (±1 in every coordinate) or random in [−1, 1]^d: equal ∞-norms, unequal ℓ₂ norms and shapes; n ∈ [2, 3], d ∈ [2, 4], T ∈ [4, 6], β₂ over all of (0, 1)",
            Gen.Elements(FiniteSumProblem.Linear, FiniteSumProblem.LeastSquares, FiniteSumProblem.Logistic), Scale(1.0), Gen.Choose(2, 3), Gen.Choose(4, 6), AnyRule(), trials,
            dims: Gen.Choose(2, 4), betas: WideBetas(), rows: MixedRow));
        families.Add(Family("long-n2-exact", "n = 2, T = 9: 512 index paths, enumerated exactly, β₂ over all of (0, 1)",
            Gen.Elements(FiniteSumProblem.Linear, FiniteSumProblem.Centroid, FiniteSumProblem.Logistic), Scale(1.0), Gen.Constant(2), Gen.Constant(9), AnyRule(), Math.Max(1, trials / 5), dims: Gen.Choose(1, 3), betas: WideBetas()));
        if (!lambdaOnly)
        {
            families.Add(Family("beta1-schedule", "an arbitrary schedule β_{1t} ∈ [0, β₁] with β_{11} = β₁ (only β_{1t} ≤ β₁ is assumed)",
                Gen.Elements(FiniteSumProblem.Linear, FiniteSumProblem.Centroid), Scale(1.0), Gen.Choose(1, 3), Gen.Choose(2, 6), AnyRule(), trials, schedule: true));
        }

        var domain = new FiniteSumRunDomain(lambdaOnly);
        return families.Select(f => f with { Domain = domain }).ToList();
    }

    private static Gen<FiniteSumProblem> Problem(FiniteSumProblem p) => Gen.Constant(p);

    private static Gen<double> Scale(double s) => Gen.Constant(s);

    private static Gen<SamplingRule> AnyRule() =>
        Gen.Elements(SamplingRule.Uniform, SamplingRule.Optimal, SamplingRule.Optimal, SamplingRule.OptimalFloor, SamplingRule.OptimalPlusConstant, SamplingRule.Fixed);

    private static Gen<double> Unit() => Gen.Choose(-1000, 1000).Select(k => k / 1000.0);

    private static InstanceFamily<FiniteSumRun> Family(
        string name, string description, Gen<FiniteSumProblem> problem, Gen<double> scale, Gen<int> examples, Gen<int> horizon,
        Gen<SamplingRule> rule, int trials, bool floor = false, bool sparse = false, bool schedule = false,
        Gen<int>? dims = null, Gen<(double Beta1, double Beta2)>? betas = null, Func<int, Gen<double[]>>? rows = null)
    {
        Gen<double> entry = sparse ? Gen.Frequency((7, Gen.Constant(0.0)), (3, Unit())) : Unit();
        Gen<FiniteSumRun> gen =
            from kind in problem
            from s in scale
            from n in examples
            from t in horizon
            from d in dims ?? Gen.Choose(1, 3)
            from features in (rows?.Invoke(d) ?? entry.ArrayOf(d)).Select(row => row.Select(x => x * s).ToArray()).ArrayOf(n)
            from targets in (kind == FiniteSumProblem.Logistic ? Gen.Elements(-1.0, 1.0) : kind == FiniteSumProblem.LeastSquares ? Unit() : Gen.Constant(0.0)).ArrayOf(n)
            from stepScales in (kind == FiniteSumProblem.Linear
                ? from sign in Gen.Elements(-1.0, 1.0) from mag in Gen.Choose(1, 10) select sign * mag / 10.0
                : Gen.Constant(1.0)).ArrayOf(t)
            from radius in Gen.Elements(0.5, 1.0, 2.0)
            from theta in Unit().Select(x => x * radius).ArrayOf(d)
            from alpha in Gen.Elements(0.001, 0.01, 0.1, 0.5, 1.0, 2.0, 10.0)
            from pair in betas ?? Betas()
            from lambda in Gen.Frequency((1, Gen.Constant(0.0)), (1, Gen.Constant(0.999)), (3, Gen.Choose(0, 999).Select(k => k / 1000.0)))
            from sched in Gen.Choose(0, 1000).Select(k => k / 1000.0).ArrayOf(t)
            from r in rule
            from eps in floor ? Gen.Choose(-6, -2).Select(e => Math.Pow(10, e)) : Gen.Elements(0.01, 0.1, 0.5)
            from pRaw in (floor ? Gen.Frequency((1, Gen.Choose(1, 10).Select(k => k * 1e-6)), (2, Gen.Choose(1, 1000).Select(k => k / 1000.0))) : Gen.Choose(1, 1000).Select(k => k / 1000.0)).ArrayOf(n)
            from factor in Gen.Elements(1.0, 1.0, 2.0)
            select new FiniteSumRun(
                kind, features, targets, stepScales, t, radius, theta, alpha, pair.Beta1, pair.Beta2, lambda,
                schedule ? sched.Select((x, i) => i == 0 ? pair.Beta1 : x * pair.Beta1).ToArray() : null,
                r, eps, pRaw.Select(x => x / pRaw.Sum()).ToArray(), factor);
        return new InstanceFamily<FiniteSumRun>(name, description, gen, Shrink, trials);
    }

    /// <summary>β pairs with γ = β₁/√β₂ &lt; 1, extremes over-represented.</summary>
    public static Gen<(double Beta1, double Beta2)> Betas()
    {
        Gen<double> beta1 = Gen.Frequency((1, Gen.Constant(0.0)), (1, Gen.Constant(0.9)), (1, Gen.Constant(0.99)), (3, Gen.Choose(0, 999).Select(k => k / 1000.0)));
        Gen<double> beta2 = Gen.Frequency((1, Gen.Constant(0.999)), (1, Gen.Constant(0.99)), (1, Gen.Constant(0.9999)), (3, Gen.Choose(1, 9999).Select(k => k / 10000.0)));
        return (from b1 in beta1 from b2 in beta2 select (b1, b2)).Where(p => p.Item1 < Math.Sqrt(p.Item2));
    }

    /// <summary>
    /// A row of one of three shapes at the gradient bound (‖a_i‖_∞ = 1 before the family's scale): one-hot, flat (±1 in
    /// every coordinate), or random in [−1, 1]^d. Rows at the same ∞-norm with different ℓ₂ norms are where importance
    /// weights move mass between coordinates most.
    /// </summary>
    private static Gen<double[]> MixedRow(int d) =>
        from shape in Gen.Choose(0, 2)
        from k in Gen.Choose(0, d - 1)
        from signs in Gen.Elements(1.0, -1.0).ArrayOf(d)
        from random in Unit().ArrayOf(d)
        select shape switch
        {
            0 => Enumerable.Range(0, d).Select(j => j == k ? signs[j] : 0.0).ToArray(),
            1 => signs,
            _ => random,
        };

    /// <summary>β₂ logit-uniform in [1e-4, 1 − 1e-6], β₁ = u·√β₂ with u ∈ [0, 1) (0 included): the whole γ &lt; 1 region.</summary>
    public static Gen<(double Beta1, double Beta2)> WideBetas() =>
        from l in Gen.Choose(-9200, 13800).Select(k => k / 1000.0)
        from u in Gen.Frequency((1, Gen.Constant(0.0)), (1, Gen.Constant(0.999)), (4, Gen.Choose(0, 999).Select(k => k / 1000.0)))
        let beta2 = 1.0 / (1.0 + Math.Exp(-l))
        select (u * Math.Sqrt(beta2), beta2);

    public static IEnumerable<FiniteSumRun> Shrink(FiniteSumRun r)
    {
        if (r.Horizon > 1)
        {
            yield return r with
            {
                Horizon = r.Horizon - 1,
                StepScales = r.StepScales[..^1],
                Beta1Schedule = r.Beta1Schedule?[..^1],
            };
        }

        if (r.N > 1)
        {
            for (int i = 0; i < r.N; i++)
            {
                yield return r with
                {
                    Features = Shrinking.Without(r.Features, i),
                    Targets = Shrinking.Without(r.Targets, i),
                    FixedP = Shrinking.DropProbability(r.FixedP, i) ?? Enumerable.Repeat(1.0 / (r.N - 1), r.N - 1).ToArray(),
                };
            }
        }

        if (r.D > 1)
        {
            for (int k = 0; k < r.D; k++)
            {
                yield return r with { Features = Shrinking.WithoutColumn(r.Features, k), Theta1 = Shrinking.Without(r.Theta1, k) };
            }
        }

        if (r.Sampling != SamplingRule.Uniform)
        {
            yield return r with { Sampling = SamplingRule.Uniform };
        }

        if (r.Beta1Schedule is not null)
        {
            yield return r with { Beta1Schedule = null };
        }

        if (r.Beta1 != 0.0)
        {
            yield return r with { Beta1 = 0.0, Beta1Schedule = r.Beta1Schedule?.Select(_ => 0.0).ToArray() };
        }

        if (r.Lambda != 0.0 && r.Beta1Schedule is null)
        {
            yield return r with { Lambda = 0.0 };
        }

        if (r.GInfFactor != 1.0)
        {
            yield return r with { GInfFactor = 1.0 };
        }

        if (r.Radius != 1.0)
        {
            yield return r with { Radius = 1.0, Theta1 = r.Theta1.Select(x => Math.Clamp(x, -1.0, 1.0)).ToArray() };
        }

        if (r.Alpha != 1.0)
        {
            yield return r with { Alpha = 1.0 };
        }

        foreach (double b2 in Shrinking.Scalar(r.Beta2, allowZero: false))
        {
            if (r.Beta1 < Math.Sqrt(b2) && b2 < 1.0)
            {
                yield return r with { Beta2 = b2 };
            }
        }

        foreach (double l in Shrinking.Scalar(r.Lambda, allowZero: false))
        {
            if (l < 1.0 && r.Beta1Schedule is null)
            {
                yield return r with { Lambda = l };
            }
        }

        foreach (double e in Shrinking.Scalar(r.Epsilon, allowZero: false))
        {
            yield return r with { Epsilon = e };
        }

        foreach (double[][] features in Shrinking.Entries(r.Features))
        {
            yield return r with { Features = features };
        }

        for (int i = 0; i < r.N; i++)
        {
            foreach (double b in Shrinking.Scalar(r.Targets[i], allowZero: r.Problem != FiniteSumProblem.Logistic))
            {
                yield return r with { Targets = Shrinking.Replace(r.Targets, i, b) };
            }
        }

        for (int t = 0; t < r.Horizon; t++)
        {
            foreach (double s in Shrinking.Scalar(r.StepScales[t], allowZero: r.Problem == FiniteSumProblem.Linear))
            {
                yield return r with { StepScales = Shrinking.Replace(r.StepScales, t, s) };
            }
        }

        for (int k = 0; k < r.D; k++)
        {
            foreach (double x in Shrinking.Scalar(r.Theta1[k], allowZero: true))
            {
                yield return r with { Theta1 = Shrinking.Replace(r.Theta1, k, Math.Clamp(x, -r.Radius, r.Radius)) };
            }
        }

        if (r.Sampling == SamplingRule.Fixed && r.FixedP.Any(p => p != 1.0 / r.N))
        {
            yield return r with { FixedP = Enumerable.Repeat(1.0 / r.N, r.N).ToArray() };
        }
    }
}
