using Verification.Claims.Catalogue;
using Verification.Claims.Instances;

namespace Verification.Claims.StochGradAdam;

/// <summary>
/// StochGradAdam Section 5, eqs. (58)–(67): entropy of softmax predictions, the Adam update (62), the entropy
/// decrease (63)–(65) and the logit and prediction changes (66)–(67), on runs of the reference Adam (s = 1) and
/// StochGradAdam (masked_adam, s &lt; 1) on small softmax classifiers. P is the prediction on each training example;
/// "H(P)" of a model is read as the mean over the examples (the histograms of Fig. 1 are over data points).
/// </summary>
internal sealed class EntropyReduction : IClaimSource
{
    private const string Paper = "StochGradAdam";

    /// <summary>Rounding allowed in entropies of at most ten classes (each is a sum of ≤ 10 terms ≤ log 10).</summary>
    private const double EntropyRounding = 1e-13;

    private static readonly string[] Hypotheses =
    [
        "z_i = W x̃_i, x̃_i = (x_i, 1); P_i = softmax(z_i) (59); loss: mean cross-entropy + (λ/2)‖θ‖², full-batch gradients",
        "Adam (s = 1) or StochGradAdam masked_adam (s < 1): constant μ, β₁, β₂ ∈ [0, 1), ε ∈ {1e-8, 1e-3} outside the root (ε > 0: at ε = 0 θ overflows once a gradient underflows), corrections 1 − β^t",
        "γ = β₁²/√β₂ < 1 and every iterate finite (runs whose θ overflows are not generated)",
        "H of a model = (1/n) Σ_i H(P_i) over the n training examples; natural logarithm",
    ];

    private static readonly (string, Func<SoftmaxRun, bool>) UniformStart = ("θ₁ = 0 (every initial prediction uniform, H = log K)", r => r.StartsUniform);

    public IEnumerable<IClaim> Claims
    {
        get
        {
            IReadOnlyList<InstanceFamily<SoftmaxRun>> families = SoftmaxRunFamilies.All();

            // (58), (59): the entropy of a softmax has the closed form log Σ e^z − Σ p z.
            yield return Equal(
                "SGA-5.1-eq58-eq59-entropy-of-softmax", "Section 5.1, eqs. (58) and (59): (58) evaluated on (59)'s p",
                "−Σ_k p_k log p_k = log Σ_j e^{z_j} − Σ_k p_k z_k for p = softmax(z), at every θ_t and example (worst (t, i) shown; both sides divided by |log Σ e^z| + Σ p|z| + 1)",
                families, r => Worst(EntropyClosedFormTerms(Trace(r))));

            // (58), (60), (61): 0 ≤ H ≤ log n, with log n attained at the uniform distribution.
            yield return Claim(
                "SGA-5.1-eq60-maximal", "Section 5.1, eq. (60): the uniform distribution has the maximal entropy",
                "max_{t,i} H(P_{t,i}) ≤ log K", families,
                r => new Sides(Trace(r).H.Skip(1).SelectMany(h => h).Max(), Math.Log(r.Classes)));
            yield return Equal(
                "SGA-5.1-eq60-uniform-attains", "Section 5.1, eq. (60): H(uniform) = log n",
                "H(softmax(0, …, 0)) = log K (the reference softmax of K equal logits)", families,
                r => new Sides(SoftmaxTrace.Entropy(SoftmaxTrace.Softmax(new double[r.Classes])), Math.Log(r.Classes)));
            yield return Claim(
                "SGA-5.1-eq61-normalized-at-most-one", "Section 5.1, eq. (61): H_normalized ≤ 1",
                "max_{t,i} H(P_{t,i})/log K ≤ 1", families,
                r => new Sides(Trace(r).H.Skip(1).SelectMany(h => h).Max() / Math.Log(r.Classes), 1.0));
            yield return Claim(
                "SGA-5.1-eq61-normalized-at-least-zero", "Section 5.1, eq. (61): H_normalized ≥ 0",
                "0 ≤ min_{t,i} H(P_{t,i})/log K", families,
                r => new Sides(0.0, Trace(r).H.Skip(1).SelectMany(h => h).Min() / Math.Log(r.Classes)));

            // (62): the reference optimizer's step is the printed update rule.
            yield return Equal(
                "SGA-5.2-eq62-update-rule", "Section 5.2, eq. (62), against the reference optimizer (Adam at s = 1; StochGradAdam masked_adam, whose moments are of φ_t = Ω_t ⊙ g_t, at s < 1)",
                "θ_{t+1,j} (reference) = θ_{t,j} − μ m_corr,t,j/(√v_corr,t,j + ε), m_corr = m_t/(1 − β₁^t), v_corr = v_t/(1 − β₂^t) recomputed from the recorded gradients (β^t by Math.Pow; 0/0 = 0), every t, j (worst shown; both sides divided by |θ_t| + μ|step| + |θ_{t+1}|)",
                families, r => Worst(UpdateTerms(Trace(r))));

            // (63): the paper's reading (mean entropy over the run) and the stronger per-example reading.
            yield return Conditional(
                "SGA-5.2-eq63-mean-entropy", "Section 5.2, eq. (63): H(P_initial) > H(P_optimized), P_optimized after the T steps of the run (checked as ≥: equal entropies are not counted)",
                $"(1/n)Σ_i H(P_{{T+1,i}}) ≤ (1/n)Σ_i H(P_{{1,i}}) (+ {EntropyRounding:G1} for rounding)", families,
                r => new Sides(Trace(r).MeanH[r.Steps + 1], Trace(r).MeanH[1] + EntropyRounding), UniformStart);
            yield return Conditional(
                "SGA-5.2-eq63-every-example", "Section 5.2, eq. (63) — stronger reading: every example's prediction loses entropy (the paper's reading: SGA-5.2-eq63-mean-entropy)",
                $"H(P_{{T+1,i}}) ≤ H(P_{{1,i}}) for every example i (worst i shown; + {EntropyRounding:G1} for rounding)", families,
                r => WorstExample(Trace(r)), UniformStart);

            // (64), (65): ΔH_O telescopes over the steps; and the stronger step-by-step reading.
            yield return Equal(
                "SGA-5.3-eq64-eq65-telescoping", "Section 5.2–5.3, eqs. (64) and (65): the per-step changes add up to the total",
                "Σ_{t=1}^{T} ΔH_O(t) = ΔH_O, ΔH_O(t) = H(P_t) − H(P_{t+1}) (65), ΔH_O = H(P_1) − H(P_{T+1}) (64) (both sides divided by Σ_t H(P_t))",
                families,
                r =>
                {
                    SoftmaxTrace tr = Trace(r);
                    double sum = Enumerable.Range(1, r.Steps).Sum(t => tr.MeanH[t] - tr.MeanH[t + 1]);
                    return Sides.Over(sum, tr.MeanH[1] - tr.MeanH[r.Steps + 1], tr.MeanH.Skip(1).Sum());
                },
                RoundingSlack.Scaled);
            yield return Claim(
                "SGA-5.3-eq65-every-step", "Section 5.3, eq. (65) — stronger reading: the entropy decreases at every step (the paper's reading, a decrease over the run, is SGA-5.2-eq63-mean-entropy)",
                $"ΔH_O(t) = H(P_t) − H(P_{{t+1}}) ≥ 0 for every t, i.e. H(P_{{t+1}}) ≤ H(P_t) (worst t shown; + {EntropyRounding:G1} for rounding)", families,
                r => WorstStep(Trace(r)));

            // (66), (67): the chain θ → z → P along the optimizer's own steps.
            yield return Equal(
                "SGA-5.3-eq66-logit-change", "Section 5.3, eq. (66), W read as the Jacobian ∂z/∂θ (literally W is K×(p+1) and Δθ has K(p+1) entries; for logits linear in θ the Jacobian is what maps Δθ to Δz)",
                "z_{t+1,i,k} − z_{t,i,k} = Σ_j ΔW_{t,kj} x̃_{i,j}, Δθ_t = θ_{t+1} − θ_t, every t, i, k (worst shown; both sides divided by |z_t| + |z_{t+1}| + Σ_j |ΔW x̃|)",
                families, r => Worst(LogitChangeTerms(Trace(r))));
            yield return Equal(
                "SGA-5.3-eq67-prediction-change", "Section 5.3, eq. (67) with (66)'s Δz: the chain reproduces the model's next predictions",
                "softmax(z_t + Δz_t) − softmax(z_t) = P_{t+1} − P_t per class, Δz_t = ΔW_t x̃ (66), every t, i, k (worst shown; both sides divided by p_{t+1,k} + p_{t,k} + 1e-4·max_k Σ_j|W_kj x̃_j|, so that rounding in the logits is not counted)",
                families, r => Worst(PredictionChangeTerms(Trace(r))));
            yield return Claim(
                "SGA-5.3-eq67-dP-bounded-by-dz-range", "Section 5.3, after (67): \"ΔP … is governed by the optimizer's step\", read as: the prediction change is bounded by the logit change",
                "‖ΔP_{t,i}‖₁ ≤ max_k Δz_{t,i,k} − min_k Δz_{t,i,k} for every t, i (worst ratio shown; + 1e-14·(K + max_k Σ_j|W_kj x̃_j|) for rounding)",
                families, r => WorstRatio(DeltaPTerms(Trace(r))));
            yield return Claim(
                "SGA-5.3-eq67-entropy-change-bounded", "Section 5.3, after (67): \"ΔH_O(t) depends on the magnitude of ΔP\", read as Audenaert's sharp continuity bound",
                $"|H(P_{{t+1,i}}) − H(P_{{t,i}})| ≤ τ log(K − 1) + h(τ), τ = ½‖ΔP_{{t,i}}‖₁, h the binary entropy, every t, i (worst ratio shown; + {EntropyRounding:G1} for rounding)",
                families, r => WorstRatio(EntropyChangeTerms(Trace(r))));
        }
    }

    private static SoftmaxTrace Trace(SoftmaxRun run) => SoftmaxTrace.For(run);

    /// <summary>(−Σ p log p, log Σ e^z − Σ p z, scale) for every t = 1..T+1 and example.</summary>
    internal static IEnumerable<(double, double, double)> EntropyClosedFormTerms(SoftmaxTrace tr)
    {
        for (int t = 1; t <= tr.T + 1; t++)
        {
            for (int i = 0; i < tr.Run.Examples; i++)
            {
                double[] z = tr.Z[t][i], p = tr.P[t][i];
                double lse = Verification.Convex.Objectives.LogisticMath.LogSumExp(z);
                double pz = 0.0, pAbsZ = 0.0;
                for (int k = 0; k < z.Length; k++)
                {
                    pz += p[k] * z[k];
                    pAbsZ += p[k] * Math.Abs(z[k]);
                }

                yield return (tr.H[t][i], lse - pz, Math.Abs(lse) + pAbsZ + 1.0);
            }
        }
    }

    /// <summary>
    /// (reference θ_{t+1,j}, (62) recomputed, scale) for every t, j. The moments are rebuilt here from the recorded
    /// g_t and Ω_t, independently of the optimizer's state, so that a drift of either shows.
    /// </summary>
    internal static IEnumerable<(double, double, double)> UpdateTerms(SoftmaxTrace tr)
    {
        SoftmaxRun r = tr.Run;
        int d = r.Dimension;
        double[] m = new double[d], v = new double[d];
        for (int t = 1; t <= tr.T; t++)
        {
            double c1 = 1 - Math.Pow(r.Beta1, t), c2 = 1 - Math.Pow(r.Beta2, t);
            for (int j = 0; j < d; j++)
            {
                double phi = tr.Keep[t][j] ? tr.G[t][j] : 0.0;
                m[j] = r.Beta1 * m[j] + (1 - r.Beta1) * phi;
                v[j] = r.Beta2 * v[j] + (1 - r.Beta2) * phi * phi;
                double mCorr = m[j] / c1, vCorr = v[j] / c2;
                double denominator = Math.Sqrt(vCorr) + r.Epsilon;
                double step = denominator == 0.0 && mCorr == 0.0 ? 0.0 : mCorr / denominator;
                double predicted = tr.Theta[t][j] - r.Alpha * step;   // (62)
                double actual = tr.Theta[t + 1][j];
                yield return (actual, predicted, Math.Abs(tr.Theta[t][j]) + Math.Abs(r.Alpha * step) + Math.Abs(actual));
            }
        }
    }

    /// <summary>(z_{t+1} − z_t, ΔW x̃ by (66), scale) for every t, i, k.</summary>
    internal static IEnumerable<(double, double, double)> LogitChangeTerms(SoftmaxTrace tr)
    {
        for (int t = 1; t <= tr.T; t++)
        {
            for (int i = 0; i < tr.Run.Examples; i++)
            {
                double[] dz = DeltaZ(tr, t, i, out double[] termScale);
                for (int k = 0; k < tr.Run.Classes; k++)
                {
                    double actual = tr.Z[t + 1][i][k] - tr.Z[t][i][k];
                    yield return (actual, dz[k], Math.Abs(tr.Z[t + 1][i][k]) + Math.Abs(tr.Z[t][i][k]) + termScale[k]);
                }
            }
        }
    }

    /// <summary>(softmax(z_t + Δz_t) − softmax(z_t), P_{t+1} − P_t, scale) for every t, i, k.</summary>
    internal static IEnumerable<(double, double, double)> PredictionChangeTerms(SoftmaxTrace tr)
    {
        for (int t = 1; t <= tr.T; t++)
        {
            for (int i = 0; i < tr.Run.Examples; i++)
            {
                double[] dz = DeltaZ(tr, t, i, out _);
                double[] shifted = SoftmaxTrace.Softmax(tr.Z[t][i].Select((z, k) => z + dz[k]).ToArray());   // (67)
                double logitScale = LogitTermScale(tr, t + 1, i);
                for (int k = 0; k < tr.Run.Classes; k++)
                {
                    double viaChain = shifted[k] - tr.P[t][i][k];
                    double direct = tr.P[t + 1][i][k] - tr.P[t][i][k];
                    yield return (viaChain, direct, tr.P[t + 1][i][k] + tr.P[t][i][k] + 1e-4 * logitScale);
                }
            }
        }
    }

    /// <summary>(‖ΔP‖₁, range of Δz + rounding) for every t, i.</summary>
    private static IEnumerable<(double, double)> DeltaPTerms(SoftmaxTrace tr)
    {
        for (int t = 1; t <= tr.T; t++)
        {
            for (int i = 0; i < tr.Run.Examples; i++)
            {
                double l1 = 0.0, max = double.NegativeInfinity, min = double.PositiveInfinity;
                for (int k = 0; k < tr.Run.Classes; k++)
                {
                    l1 += Math.Abs(tr.P[t + 1][i][k] - tr.P[t][i][k]);
                    double dz = tr.Z[t + 1][i][k] - tr.Z[t][i][k];
                    max = Math.Max(max, dz);
                    min = Math.Min(min, dz);
                }

                double rounding = 1e-14 * (tr.Run.Classes + Math.Max(LogitTermScale(tr, t, i), LogitTermScale(tr, t + 1, i)));
                yield return (l1, max - min + rounding);
            }
        }
    }

    /// <summary>(|ΔH|, τ log(K − 1) + h(τ) + rounding) for every t, i.</summary>
    private static IEnumerable<(double, double)> EntropyChangeTerms(SoftmaxTrace tr)
    {
        int classes = tr.Run.Classes;
        for (int t = 1; t <= tr.T; t++)
        {
            for (int i = 0; i < tr.Run.Examples; i++)
            {
                double tau = 0.5 * tr.P[t + 1][i].Zip(tr.P[t][i], (a, b) => Math.Abs(a - b)).Sum();
                yield return (Math.Abs(tr.H[t + 1][i] - tr.H[t][i]), AudenaertBound(tau, classes) + EntropyRounding);
            }
        }
    }

    /// <summary>τ log(K − 1) + h(τ) with h(τ) = −τ log τ − (1 − τ) log(1 − τ) (0 log 0 = 0); τ is clamped to [0, 1].</summary>
    internal static double AudenaertBound(double tau, int classes)
    {
        tau = Math.Clamp(tau, 0.0, 1.0);
        double h = (tau > 0 ? -tau * Math.Log(tau) : 0.0) + (tau < 1 ? -(1 - tau) * Math.Log(1 - tau) : 0.0);
        return tau * Math.Log(classes - 1) + h;
    }

    /// <summary>(66): Δz_k = Σ_j ΔW_kj x̃_j for the step t → t + 1 on example i, and Σ_j |ΔW_kj x̃_j| per class.</summary>
    private static double[] DeltaZ(SoftmaxTrace tr, int t, int i, out double[] termScale)
    {
        SoftmaxRun r = tr.Run;
        int p = r.Features;
        double[] dz = new double[r.Classes];
        termScale = new double[r.Classes];
        for (int k = 0; k < r.Classes; k++)
        {
            for (int j = 0; j <= p; j++)
            {
                double x = j < p ? r.X[i * p + j] : 1.0;
                double dw = tr.Theta[t + 1][k * (p + 1) + j] - tr.Theta[t][k * (p + 1) + j];
                dz[k] += dw * x;
                termScale[k] += Math.Abs(dw * x);
            }
        }

        return dz;
    }

    /// <summary>max_k Σ_j |W_kj x̃_j| at θ_t: the size of the terms whose rounding the logits carry.</summary>
    private static double LogitTermScale(SoftmaxTrace tr, int t, int i)
    {
        SoftmaxRun r = tr.Run;
        int p = r.Features;
        double worst = 0.0;
        for (int k = 0; k < r.Classes; k++)
        {
            double s = 0.0;
            for (int j = 0; j <= p; j++)
            {
                s += Math.Abs(tr.Theta[t][k * (p + 1) + j] * (j < p ? r.X[i * p + j] : 1.0));
            }

            worst = Math.Max(worst, s);
        }

        return worst;
    }

    /// <summary>The scaled pair with the largest |left − right|/scale (a NaN pair wins: it is a failure).</summary>
    internal static Sides Worst(IEnumerable<(double Left, double Right, double Scale)> terms)
    {
        Sides worst = new(0.0, 0.0);
        double gap = -1.0;
        foreach ((double left, double right, double scale) in terms)
        {
            Sides s = Sides.Over(left, right, scale);
            double g = Math.Abs(s.Left - s.Right);
            if (double.IsNaN(g))
            {
                return s;
            }

            if (g > gap)
            {
                gap = g;
                worst = s;
            }
        }

        return worst;
    }

    /// <summary>The pair with the largest left/right (left ≤ right claimed), or the first NaN.</summary>
    private static Sides WorstRatio(IEnumerable<(double Left, double Right)> terms)
    {
        Sides worst = new(0.0, 0.0);
        double ratio = double.NegativeInfinity;
        foreach ((double left, double right) in terms)
        {
            if (double.IsNaN(left) || double.IsNaN(right))
            {
                return new Sides(left, right);
            }

            double q = right > 0 ? left / right : left > 0 ? double.PositiveInfinity : 0.0;
            if (q > ratio)
            {
                ratio = q;
                worst = new Sides(left, right);
            }
        }

        return worst;
    }

    private static Sides WorstExample(SoftmaxTrace tr)
    {
        int last = tr.T + 1;
        int i = Enumerable.Range(0, tr.Run.Examples).MaxBy(k => tr.H[last][k] - tr.H[1][k]);
        return new Sides(tr.H[last][i], tr.H[1][i] + EntropyRounding);
    }

    private static Sides WorstStep(SoftmaxTrace tr)
    {
        int t = Enumerable.Range(1, tr.T).MaxBy(s => tr.MeanH[s + 1] - tr.MeanH[s]);
        return new Sides(tr.MeanH[t + 1], tr.MeanH[t] + EntropyRounding);
    }

    private static ExpressionClaim<SoftmaxRun> Claim(
        string id, string location, string statement, IReadOnlyList<InstanceFamily<SoftmaxRun>> families, Func<SoftmaxRun, Sides> evaluate) =>
        new(new ClaimInfo(id, Paper, location, statement, Hypotheses), families, evaluate);

    private static ExpressionClaim<SoftmaxRun> Conditional(
        string id, string location, string statement, IReadOnlyList<InstanceFamily<SoftmaxRun>> families, Func<SoftmaxRun, Sides> evaluate,
        (string, Func<SoftmaxRun, bool>) condition) =>
        new(new ClaimInfo(id, Paper, location, statement, Hypotheses), families, evaluate, condition);

    private static ExpressionClaim<SoftmaxRun> Equal(
        string id, string location, string statement, IReadOnlyList<InstanceFamily<SoftmaxRun>> families, Func<SoftmaxRun, Sides> evaluate, RoundingSlack? slack = null) =>
        new(new ClaimInfo(id, Paper, location, statement, Hypotheses, Relation.Equal), families, evaluate, slack: slack ?? RoundingSlack.Scaled);
}
