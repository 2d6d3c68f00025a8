using System.Runtime.CompilerServices;
using Verification.Claims.Catalogue;
using Verification.Claims.Instances;

namespace Verification.Claims.StochGradAdam;

/// <summary>
/// StochGradAdam Theorem 4.5: the regret bound (46)–(47) ≡ (57) and every step of its proof (48)–(56), evaluated on
/// runs of the reference StochGradAdam (<c>theorem</c> variant: α_t = α/√t, β_{1,t} = β₁λ^{t−1}, ε = 0, Π_F the
/// box [−R, R]^d) on online linear and quadratic problems. D, D_∞ and G_∞ are the tightest values the run realises
/// (max over t), in each reading the paper uses (I13): D is max_t ‖θ₁ − θ_t‖₂ in the statement and max_t ‖θ_t − θ*‖₂
/// in the proof; D_∞ is max_{m,n} ‖θ_m − θ_n‖_∞ in the statement and ‖·‖₂ in the proof; G_∞ = max_t ‖g_t‖_∞.
/// </summary>
internal sealed class Theorem45 : IClaimSource
{
    private const string Paper = "StochGradAdam";

    /// <summary>The tolerance of an identity, relative to the magnitude of its terms.</summary>
    private const double IdentityTolerance = 1e-9;

    /// <summary>The rounding allowance of an inequality that can hold with equality, relative to the magnitude of its terms.</summary>
    private const double RoundingAllowance = 1e-10;

    private static readonly ConditionalWeakTable<OnlineRun, OnlineTrace> Traces = [];

    private static readonly string[] Hypotheses =
    [
        "f_t convex (linear ⟨c_t, θ⟩ or ½‖θ − x_t‖²) on F = [−R, R]^d; θ* = argmin_F Σ_t f_t",
        "β₁, β₂ ∈ [0, 1), γ = β₁²/√β₂ < 1; λ ∈ (0, 1); s ∈ (0, 1]; α_t = α/√t; ε = 0",
        "G_∞ = max_t ‖g_t‖_∞ (the tightest bound the run realises)",
    ];

    public IEnumerable<IClaim> Claims
    {
        get
        {
            IReadOnlyList<InstanceFamily<OnlineRun>> families = OnlineRunFamilies.All();

            // (46)–(47) ≡ (57), one claim per reading of D.
            foreach ((string reading, string text, Func<OnlineTrace, double> d) in DReadings)
            {
                yield return Claim(
                    $"SGA-T4.5-eq57-D-{reading}", $"Theorem 4.5, eqs. (46)–(47) ≡ (57), D read as {text}",
                    $"R(T) ≤ D²/(2α(1−β₁)) Σ_i √(T v̂_{{T,i}}) + α(β₁+1)G_∞/((1−β₁)√(1−β₂)(1−γ)²) Σ_i ‖φ_{{1:T,i}}‖₂ + Σ_i D²G_∞√(1−β₂)/(2α(1−β₁)(1−λ)²), D = {text}",
                    families, tr => new Sides(tr.Regret, Bound57(tr, d(tr))));
            }

            // As T grows on Reddi et al.'s problem.
            foreach ((string reading, string text, Func<OnlineTrace, double> d) in DReadings.Where(r => r.Reading != "statement"))
            {
                yield return Claim(
                    $"SGA-T4.5-eq57-reddi-long-D-{reading}", $"Theorem 4.5, eq. (57) on Reddi et al.'s problem (C = {OnlineRunFamilies.ReddiC}) at long horizons (generated with T ∈ [1000, 3000]; shrinking a counterexample may shorten T), D read as {text}",
                    $"R(T) ≤ (57)'s right side with D = {text}, on f_t(x) = C·x if t mod 3 = 1 else −x, x ∈ [−1, 1]",
                    OnlineRunFamilies.ReddiLong(), tr => new Sides(tr.Regret, Bound57(tr, d(tr))));
            }

            // (48): convexity, with φ in place of the gradient.
            yield return Claim(
                "SGA-T4.5-eq48-pathwise", "Theorem 4.5, eq. (48), pathwise (φ_t the realised masked gradient), every t",
                $"f_t(θ_t) − f_t(θ*) ≤ φ_tᵀ(θ_t − θ*) for every t (worst t shown; {RoundingAllowance:G1}·Σ|terms| allowed for rounding)",
                families, tr => WorstInequality(Enumerable.Range(1, tr.T).Select(t => (tr.Gap[t], Dot(tr.Phi[t], tr, t), GapScale(tr, t)))));
            yield return Claim(
                "SGA-T4.5-eq48-pathwise-summed", "Theorem 4.5, eq. (48) summed over t (how the proof uses it), pathwise",
                $"R(T) ≤ Σ_t φ_tᵀ(θ_t − θ*) (+ {RoundingAllowance:G1}·Σ|terms| for rounding)",
                families, tr => Allow(tr.Regret, Enumerable.Range(1, tr.T).Sum(t => Dot(tr.Phi[t], tr, t)), Enumerable.Range(1, tr.T).Sum(t => GapScale(tr, t))));
            yield return Claim(
                "SGA-T4.5-eq48-with-gradient", "Theorem 4.5, eq. (48) with the true gradient g_t (Lemma 4.2 as stated; control)",
                $"f_t(θ_t) − f_t(θ*) ≤ g_tᵀ(θ_t − θ*) for every t (worst t shown; {RoundingAllowance:G1}·Σ|terms| allowed)",
                families, tr => WorstInequality(Enumerable.Range(1, tr.T).Select(t => (tr.Gap[t], Dot(tr.G[t], tr, t), GapScale(tr, t)))));
            yield return Claim(
                "SGA-T4.5-eq48-expectation-identity", "Theorem 4.5, eq. (48) in expectation over the mask of step t (I11), exact enumeration of the 2^d masks",
                $"E_{{Ω_t}}[φ_{{t,i}}](θ_{{t,i}} − θ*_i) = s·g_{{t,i}}(θ_{{t,i}} − θ*_i) for every t, i (E by enumerating all 2^d masks of step t given the realised past; max relative deviation ≤ {IdentityTolerance:G1})",
                families, tr => WorstIdentity(ExpectationIdentityTerms(tr)));
            yield return Claim(
                "SGA-T4.5-eq48-in-expectation", "Theorem 4.5, eq. (48) in expectation over each step's mask, without a 1/s (I11), exact enumeration",
                $"R(T) ≤ Σ_t E_{{Ω_t}}[φ_t]ᵀ(θ_t − θ*) (E by enumerating all 2^d masks of step t given the realised past; + {RoundingAllowance:G1}·Σ|terms|)",
                families, tr => Allow(tr.Regret, ExpectedPhiSum(tr), Enumerable.Range(1, tr.T).Sum(t => GapScale(tr, t))));
            yield return Claim(
                "SGA-T4.5-eq48-corrected-1-over-s", "Theorem 4.5, eq. (48) — corrected: in expectation with the 1/s factor (I11), exact enumeration",
                $"corrected: R(T) ≤ (1/s) Σ_t E_{{Ω_t}}[φ_t]ᵀ(θ_t − θ*) (enumerated; + {RoundingAllowance:G1}·Σ|terms|)",
                families, tr => Allow(tr.Regret, ExpectedPhiSum(tr) / tr.Run.SamplingRate, Enumerable.Range(1, tr.T).Sum(t => GapScale(tr, t)) / tr.Run.SamplingRate));

            // (49): the update identity, on the theorem variant's actual update.
            yield return Claim(
                "SGA-T4.5-eq49-first-as-printed", "Theorem 4.5, eq. (49), first equality as printed (no projection)",
                $"θ_{{t+1}} = θ_t − α_t m̂_t/(√v̂_t + ε) for every t, i (max |difference|/(|θ_t| + α_t|m̂/√v̂| + |θ_{{t+1}}|) ≤ {IdentityTolerance:G1})",
                families, tr => WorstIdentity(UpdateTerms(tr, project: false)));
            yield return Claim(
                "SGA-T4.5-eq49-corrected-with-projection", "Theorem 4.5, eq. (49) — corrected: with the projection Π_F the theorem's algorithm applies",
                $"corrected: θ_{{t+1}} = Π_F(θ_t − α_t m̂_t/(√v̂_t + ε)) for every t, i (max relative deviation ≤ {IdentityTolerance:G1})",
                families, tr => WorstIdentity(UpdateTerms(tr, project: true)));
            yield return Claim(
                "SGA-T4.5-eq49-second", "Theorem 4.5, eq. (49), second equality (ε = 0, the variant's value; 0/0 = 0)",
                $"α_t m̂_t/(√v̂_t + ε) = α_t/(1−β₁^t) · (β_{{1,t}} m_{{t−1}}/√v̂_t + (1−β_{{1,t}}) φ_t/√v̂_t) for every t, i (max |difference|/Σ|terms| ≤ {IdentityTolerance:G1})",
                families, tr => WorstIdentity(SecondEqualityTerms(tr)));

            // (50).
            yield return Claim(
                "SGA-T4.5-eq50-as-printed", "Theorem 4.5, eq. (50) as printed (1 − β₁ for 1 − β₁^t, μ² = α² for α_t², no projection)",
                $"(θ_{{t+1,i}} − θ*_i)² = (θ_{{t,i}} − θ*_i)² − 2α_t/(1−β₁) · (β_{{1,t}} m_{{t−1,i}}/√v̂_{{t,i}} + (1−β_{{1,t}}) φ_{{t,i}}/√v̂_{{t,i}})(θ_{{t,i}} − θ*_i) + μ²(m̂_{{t,i}}/√v̂_{{t,i}})², μ = α, for every t, i (max |difference|/Σ|terms| ≤ {IdentityTolerance:G1})",
                families, tr => WorstIdentity(Eq50Terms(tr, corrected: false)));
            yield return Claim(
                "SGA-T4.5-eq50-corrected", "Theorem 4.5, eq. (50) — corrected: 1 − β₁^t, α_t², and ≤ because Π_F moves no closer than the unprojected point to θ* ∈ F",
                $"corrected: (θ_{{t+1,i}} − θ*_i)² ≤ (θ_{{t,i}} − θ*_i)² − 2α_t/(1−β₁^t) · (β_{{1,t}} m_{{t−1,i}} + (1−β_{{1,t}}) φ_{{t,i}})/√v̂_{{t,i}} · (θ_{{t,i}} − θ*_i) + α_t²(m̂_{{t,i}}/√v̂_{{t,i}})² for every t, i (+ {RoundingAllowance:G1}·Σ|terms|)",
                families, tr => WorstInequality(Eq50Terms(tr, corrected: true)));

            // (51).
            yield return Claim(
                "SGA-T4.5-eq51-as-printed", "Theorem 4.5, eq. (51) as printed (an equality; the v^{1/4} and √μ factors cancel, the middle term is 0 at t = 1)",
                $"φ_{{t,i}}(θ_{{t,i}} − θ*_i) = (1−β₁)√v̂_{{t,i}}/(2α_t(1−β₁)) ((θ_{{t,i}} − θ*_i)² − (θ_{{t+1,i}} − θ*_i)²) + β₁/(1−β₁) (θ*_i − θ_{{t,i}}) m_{{t−1,i}} + α_t(1−β₁^t)√v̂_{{t,i}}/(2(1−β_{{1,t}})) (m_{{t,i}}/√v̂_{{t,i}})² for every t, i (max |difference|/Σ|terms| ≤ {IdentityTolerance:G1})",
                families, tr => WorstIdentity(Eq51Terms(tr)));
            yield return Claim(
                "SGA-T4.5-eq51-as-inequality", "Theorem 4.5, eq. (51) read as ≤ (what Young's inequality could give)",
                $"φ_{{t,i}}(θ_{{t,i}} − θ*_i) ≤ [the right side of (51)] for every t, i (worst shown; + {RoundingAllowance:G1}·Σ|terms|)",
                families, tr => WorstInequality(Eq51Terms(tr)));

            // (52)–(57) as one chain, in each reading of D and D_∞.
            foreach ((string name, string dText, Func<OnlineTrace, double> d, string dInfText, Func<OnlineTrace, double> dInf) in new (string, string, Func<OnlineTrace, double>, string, Func<OnlineTrace, double>)[]
            {
                ("proof", "max_t ‖θ_t − θ*‖₂", tr => tr.DProof, "max_{m,n} ‖θ_m − θ_n‖₂", tr => tr.DInfProof),
                ("statement", "max_t ‖θ₁ − θ_t‖₂", tr => tr.DStatement, "max_{m,n} ‖θ_m − θ_n‖_∞", tr => tr.DInfStatement),
            })
            {
                string[] hypotheses = [.. Hypotheses, $"D = {dText}, D_∞ = {dInfText} (the {name}'s readings, I13)"];
                foreach (IClaim claim in new Chain<OnlineTrace>($"SGA-T4.5-chain-{name}", Paper, $"Theorem 4.5, eqs. (52)–(57), the {name}'s readings of D and D_∞", hypotheses, [])
                    .Then("R", "R(T) = Σ_t f_t(θ_t) − f_t(θ*)", tr => tr.Regret)
                    .Then("(52)", "Σ_i (θ_{1,i}−θ*_i)²/(2α_1(1−β₁)) + Σ_i Σ_t (θ_{t,i}−θ*_i)²/(2(1−β₁)) (√v̂_{t,i}/α_t − √v̂_{t−1,i}/α_{t−1}) + Σ_i β₁αG_∞/((1−β₁)√(1−β₂)(1−γ)²) Σ_i ‖φ_{1:T,i}‖₂ + αG_∞/((1−β₁)√(1−β₂)(1−γ)²) Σ_i ‖g_{1:T,i}‖₂ + Σ_i Σ_t β_{1,t}/(2α_t(1−β_{1,t})) (θ*_i − θ_{t,i})²√v̂_{t,i}", Eq52)
                    .Then("(53a)", "D²/(2α(1−β₁)) Σ_i √(T v̂_{T,i}) + α(β₁+1)G_∞/((1−β₁)√(1−β₂)(1−γ)²) Σ_i ‖φ_{1:T,i}‖₂ + D_∞²/(2α) Σ_i Σ_t β_{1,t}/(1−β_{1,t}) √(t v̂_{t,i})", tr => Eq53a(tr, d(tr), dInf(tr)))
                    .Then("(53b)", "D²/(2α(1−β₁)) Σ_i √(T v̂_{T,i}) + α(β₁+1)G_∞/((1−β₁)√(1−β₂)(1−γ)²) Σ_i ‖φ_{1:T,i}‖₂ + D_∞²G_∞√(1−β₂)/(2α) Σ_i Σ_t β_{1,t}/(1−β_{1,t}) √t", tr => Eq53b(tr, d(tr), dInf(tr)))
                    .Then("(57)", "D²/(2α(1−β₁)) Σ_i √(T v̂_{T,i}) + α(β₁+1)G_∞/((1−β₁)√(1−β₂)(1−γ)²) Σ_i ‖φ_{1:T,i}‖₂ + Σ_i D²G_∞√(1−β₂)/(2α(1−β₁)(1−λ)²)", tr => Bound57(tr, d(tr)))
                    .Claims())
                {
                    yield return OnRuns(claim, hypotheses, families);
                }
            }

            // (54)–(56): the series, evaluated directly on (β₁, λ, T).
            foreach (IClaim claim in new Chain<RegretSeries>(
                    "SGA-T4.5-eq54-56", Paper, "Theorem 4.5, eqs. (54)–(56)", ["β₁ ∈ [0, 1), λ ∈ (0, 1), β_{1,t} = β₁λ^{t−1}, T ≥ 1"], RegretSeriesFamilies.All())
                .Then("(54)L", "Σ_{t=1}^T β_{1,t}/(1−β_{1,t}) √t", s => Series(s, (t, b, l) => b / (1 - b) * Math.Sqrt(t)))
                .Then("(54)R", "Σ_{t=1}^T λ^{t−1}√t/(1−β₁)", s => Series(s, (t, b, l) => l * Math.Sqrt(t) / (1 - s.Beta1)))
                .Then("(55)", "Σ_{t=1}^T λ^{t−1} t/(1−β₁)", s => Series(s, (t, b, l) => l * t / (1 - s.Beta1)))
                .Then("(56)", "1/((1−β₁)(1−λ)²)", s => 1 / ((1 - s.Beta1) * (1 - s.Lambda) * (1 - s.Lambda)))
                .Claims())
            {
                yield return claim;
            }
        }
    }

    private static (string Reading, string Text, Func<OnlineTrace, double> D)[] DReadings =>
    [
        ("statement", "max_t ‖θ₁ − θ_t‖₂ (the statement's ‖θ₀ − θ_t‖₂ ≤ D)", tr => tr.DStatement),
        ("proof", "max_t ‖θ_t − θ*‖₂ (the proof's)", tr => tr.DProof),
        ("box", "2R√d (the ℓ₂ diameter of F: the loosest valid D)", tr => tr.DBox),
    ];

    private static OnlineTrace Trace(OnlineRun run) => Traces.GetValue(run, r => new OnlineTrace(r));

    private static ExpressionClaim<OnlineRun> Claim(
        string id, string location, string statement, IReadOnlyList<InstanceFamily<OnlineRun>> families, Func<OnlineTrace, Sides> evaluate) =>
        new(new ClaimInfo(id, Paper, location, statement, Hypotheses), families, run => evaluate(Trace(run)));

    /// <summary>Re-targets a chain claim written over traces onto the run families.</summary>
    private static ExpressionClaim<OnlineRun> OnRuns(IClaim claim, IReadOnlyList<string> hypotheses, IReadOnlyList<InstanceFamily<OnlineRun>> families)
    {
        var chainClaim = (ExpressionClaim<OnlineTrace>)claim;
        return new ExpressionClaim<OnlineRun>(chainClaim.Info with { Hypotheses = hypotheses }, families, run => chainClaim.Evaluate(Trace(run)));
    }

    private static double Bound57(OnlineTrace tr, double d)
    {
        OnlineRun r = tr.Run;
        double first = d * d / (2 * r.Alpha * (1 - r.Beta1)) * Enumerable.Range(0, tr.D).Sum(i => Math.Sqrt(tr.T * tr.VHat[tr.T][i]));
        double last = tr.D * d * d * tr.GInf * Math.Sqrt(1 - r.Beta2) / (2 * r.Alpha * (1 - r.Beta1) * Sq(1 - r.Lambda));
        return first + PhiTerm(tr) + last;
    }

    /// <summary>α(β₁+1)G_∞/((1−β₁)√(1−β₂)(1−γ)²) Σ_i ‖φ_{1:T,i}‖₂.</summary>
    private static double PhiTerm(OnlineTrace tr)
    {
        OnlineRun r = tr.Run;
        return r.Alpha * (r.Beta1 + 1) * tr.GInf / ((1 - r.Beta1) * Math.Sqrt(1 - r.Beta2) * Sq(1 - tr.Gamma)) * Enumerable.Range(0, tr.D).Sum(tr.PhiNorm);
    }

    private static double Eq52(OnlineTrace tr)
    {
        OnlineRun r = tr.Run;
        double constant = r.Alpha * tr.GInf / ((1 - r.Beta1) * Math.Sqrt(1 - r.Beta2) * Sq(1 - tr.Gamma));
        double sum = 0.0;
        for (int i = 0; i < tr.D; i++)
        {
            sum += Sq(tr.Theta[1][i] - tr.ThetaStar[i]) / (2 * tr.AlphaT[1] * (1 - r.Beta1));
            for (int t = 1; t <= tr.T; t++)
            {
                double previous = t == 1 ? 0.0 : Math.Sqrt(tr.VHat[t - 1][i]) / tr.AlphaT[t - 1];   // √v̂₀/α₀ = 0
                sum += Sq(tr.Theta[t][i] - tr.ThetaStar[i]) / (2 * (1 - r.Beta1)) * (Math.Sqrt(tr.VHat[t][i]) / tr.AlphaT[t] - previous);
                sum += tr.Beta1T[t] / (2 * tr.AlphaT[t] * (1 - tr.Beta1T[t])) * Sq(tr.ThetaStar[i] - tr.Theta[t][i]) * Math.Sqrt(tr.VHat[t][i]);
            }
        }

        double phiNorms = Enumerable.Range(0, tr.D).Sum(tr.PhiNorm);
        double gNorms = Enumerable.Range(0, tr.D).Sum(tr.GNorm);
        return sum + tr.D * r.Beta1 * constant * phiNorms + constant * gNorms;   // Σ_i [β₁αG_∞/(…) Σ_i ‖φ‖] as printed: d times
    }

    private static double Eq53a(OnlineTrace tr, double d, double dInf)
    {
        OnlineRun r = tr.Run;
        double first = d * d / (2 * r.Alpha * (1 - r.Beta1)) * Enumerable.Range(0, tr.D).Sum(i => Math.Sqrt(tr.T * tr.VHat[tr.T][i]));
        double last = 0.0;
        for (int i = 0; i < tr.D; i++)
        {
            for (int t = 1; t <= tr.T; t++)
            {
                last += tr.Beta1T[t] / (1 - tr.Beta1T[t]) * Math.Sqrt(t * tr.VHat[t][i]);
            }
        }

        return first + PhiTerm(tr) + dInf * dInf / (2 * r.Alpha) * last;
    }

    private static double Eq53b(OnlineTrace tr, double d, double dInf)
    {
        OnlineRun r = tr.Run;
        double first = d * d / (2 * r.Alpha * (1 - r.Beta1)) * Enumerable.Range(0, tr.D).Sum(i => Math.Sqrt(tr.T * tr.VHat[tr.T][i]));
        double series = 0.0;
        for (int t = 1; t <= tr.T; t++)
        {
            series += tr.Beta1T[t] / (1 - tr.Beta1T[t]) * Math.Sqrt(t);
        }

        return first + PhiTerm(tr) + dInf * dInf * tr.GInf * Math.Sqrt(1 - r.Beta2) / (2 * r.Alpha) * tr.D * series;
    }

    private static double Series(RegretSeries s, Func<int, double, double, double> term)
    {
        double sum = 0.0, lambdaPower = 1.0;
        for (int t = 1; t <= s.T; t++)
        {
            sum += term(t, s.Beta1 * lambdaPower, lambdaPower);
            lambdaPower *= s.Lambda;
        }

        return sum;
    }

    /// <summary>xᵀ(θ_t − θ*).</summary>
    private static double Dot(double[] x, OnlineTrace tr, int t)
    {
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i] * (tr.Theta[t][i] - tr.ThetaStar[i]);
        }

        return sum;
    }

    /// <summary>The magnitude of the terms of f_t(θ_t) − f_t(θ*) and g_tᵀ(θ_t − θ*).</summary>
    private static double GapScale(OnlineTrace tr, int t)
    {
        double scale = Math.Abs(OnlineTrace.Loss(tr.Run, t, tr.Theta[t])) + Math.Abs(OnlineTrace.Loss(tr.Run, t, tr.ThetaStar));
        for (int i = 0; i < tr.D; i++)
        {
            scale += Math.Abs(tr.G[t][i] * (tr.Theta[t][i] - tr.ThetaStar[i]));
        }

        return scale;
    }

    /// <summary>Σ_t E_{Ω_t}[φ_t]ᵀ(θ_t − θ*), E by enumerating the 2^d masks of step t.</summary>
    private static double ExpectedPhiSum(OnlineTrace tr)
    {
        double sum = 0.0;
        for (int t = 1; t <= tr.T; t++)
        {
            double[] expected = ExpectedPhi(tr, t);
            sum += Dot(expected, tr, t);
        }

        return sum;
    }

    /// <summary>E_{Ω_t}[φ_t] = Σ_{ω ∈ {0,1}^d} P(ω) ω ⊙ g_t, P(ω) = Π_j s^{ω_j}(1−s)^{1−ω_j}.</summary>
    private static double[] ExpectedPhi(OnlineTrace tr, int t)
    {
        int d = tr.D;
        double s = tr.Run.SamplingRate;
        var expected = new double[d];
        for (int mask = 0; mask < 1 << d; mask++)
        {
            double probability = 1.0;
            for (int j = 0; j < d; j++)
            {
                probability *= (mask >> j & 1) == 1 ? s : 1 - s;
            }

            for (int j = 0; j < d; j++)
            {
                expected[j] += (mask >> j & 1) == 1 ? probability * tr.G[t][j] : 0.0;
            }
        }

        return expected;
    }

    private static IEnumerable<(double Left, double Right, double Scale)> ExpectationIdentityTerms(OnlineTrace tr)
    {
        for (int t = 1; t <= tr.T; t++)
        {
            double[] expected = ExpectedPhi(tr, t);
            for (int i = 0; i < tr.D; i++)
            {
                double distance = tr.Theta[t][i] - tr.ThetaStar[i];
                double left = expected[i] * distance, right = tr.Run.SamplingRate * tr.G[t][i] * distance;
                yield return (left, right, Math.Abs(left) + Math.Abs(right));
            }
        }
    }

    /// <summary>m̂/(√v̂ + ε) with 0/0 = 0 (the reference's convention).</summary>
    private static double Direction(OnlineTrace tr, int t, int i)
    {
        double denominator = Math.Sqrt(tr.VHat[t][i]) + tr.Epsilon;
        return denominator == 0.0 && tr.MHat[t][i] == 0.0 ? 0.0 : tr.MHat[t][i] / denominator;
    }

    private static IEnumerable<(double Left, double Right, double Scale)> UpdateTerms(OnlineTrace tr, bool project)
    {
        for (int t = 1; t <= tr.T; t++)
        {
            for (int i = 0; i < tr.D; i++)
            {
                double step = tr.AlphaT[t] * Direction(tr, t, i);
                double unprojected = tr.Theta[t][i] - step;
                double right = project ? Math.Clamp(unprojected, -tr.Run.Radius, tr.Run.Radius) : unprojected;
                double left = tr.Theta[t + 1][i];
                yield return (left, right, Math.Abs(tr.Theta[t][i]) + Math.Abs(step) + Math.Abs(left));
            }
        }
    }

    private static IEnumerable<(double Left, double Right, double Scale)> SecondEqualityTerms(OnlineTrace tr)
    {
        for (int t = 1; t <= tr.T; t++)
        {
            for (int i = 0; i < tr.D; i++)
            {
                double root = Math.Sqrt(tr.VHat[t][i]);
                double momentum = Norms.Ratio(tr.Beta1T[t] * tr.M[t - 1][i], root);
                double fresh = Norms.Ratio((1 - tr.Beta1T[t]) * tr.Phi[t][i], root);
                double factor = tr.AlphaT[t] / (1 - tr.Beta1Power[t]);
                double left = tr.AlphaT[t] * Direction(tr, t, i);
                double right = factor * (momentum + fresh);
                yield return (left, right, Math.Abs(left) + factor * (Math.Abs(momentum) + Math.Abs(fresh)));
            }
        }
    }

    /// <summary>
    /// The magnitude behind the rounding of (θ_{t+1} − θ*)² and (θ_t − θ*)²: the iterates are stored to within
    /// 2^-53 of |θ|, so when the step is tiny against |θ| the squared distances carry an error of about
    /// 2(|θ_t − θ*| + |θ_{t+1} − θ*|)(|θ_t| + |θ_{t+1}| + |θ*|)·2^-53, which the sums of terms alone do not bound.
    /// </summary>
    private static double PositionRounding(OnlineTrace tr, int t, int i)
    {
        double before = Math.Abs(tr.Theta[t][i] - tr.ThetaStar[i]), after = Math.Abs(tr.Theta[t + 1][i] - tr.ThetaStar[i]);
        return 2 * (before + after) * (Math.Abs(tr.Theta[t][i]) + Math.Abs(tr.Theta[t + 1][i]) + Math.Abs(tr.ThetaStar[i]));
    }

    private static IEnumerable<(double Left, double Right, double Scale)> Eq50Terms(OnlineTrace tr, bool corrected)
    {
        OnlineRun r = tr.Run;
        for (int t = 1; t <= tr.T; t++)
        {
            for (int i = 0; i < tr.D; i++)
            {
                double root = Math.Sqrt(tr.VHat[t][i]);
                double bracket = Norms.Ratio(tr.Beta1T[t] * tr.M[t - 1][i], root) + Norms.Ratio((1 - tr.Beta1T[t]) * tr.Phi[t][i], root);
                double before = tr.Theta[t][i] - tr.ThetaStar[i];
                double left = Sq(tr.Theta[t + 1][i] - tr.ThetaStar[i]);
                double cross = 2 * tr.AlphaT[t] / (corrected ? 1 - tr.Beta1Power[t] : 1 - r.Beta1) * bracket * before;
                double rate = corrected ? tr.AlphaT[t] : r.Alpha;
                double quadratic = rate * rate * Sq(Norms.Ratio(tr.MHat[t][i], root));
                double right = Sq(before) - cross + quadratic;
                yield return (left, right, Math.Abs(left) + Sq(before) + Math.Abs(cross) + quadratic + PositionRounding(tr, t, i));
            }
        }
    }

    private static IEnumerable<(double Left, double Right, double Scale)> Eq51Terms(OnlineTrace tr)
    {
        OnlineRun r = tr.Run;
        for (int t = 1; t <= tr.T; t++)
        {
            for (int i = 0; i < tr.D; i++)
            {
                double root = Math.Sqrt(tr.VHat[t][i]);
                double before = tr.Theta[t][i] - tr.ThetaStar[i];
                double after = tr.Theta[t + 1][i] - tr.ThetaStar[i];
                double first = (1 - r.Beta1) * root / (2 * tr.AlphaT[t] * (1 - r.Beta1)) * (Sq(before) - Sq(after));
                double middle = r.Beta1 / (1 - r.Beta1) * (tr.ThetaStar[i] - tr.Theta[t][i]) * tr.M[t - 1][i];
                double last = tr.AlphaT[t] * (1 - tr.Beta1Power[t]) * root / (2 * (1 - tr.Beta1T[t])) * Sq(Norms.Ratio(tr.M[t][i], root));
                double left = tr.Phi[t][i] * before;
                double positions = (1 - r.Beta1) * root / (2 * tr.AlphaT[t] * (1 - r.Beta1)) * PositionRounding(tr, t, i);
                yield return (left, first + middle + last, Math.Abs(left) + Math.Abs(first) + Math.Abs(middle) + Math.Abs(last) + positions);
            }
        }
    }

    /// <summary>An identity over many (t, i): the largest deviation |L − R|/scale, against the tolerance.</summary>
    private static Sides WorstIdentity(IEnumerable<(double Left, double Right, double Scale)> terms)
    {
        double worst = 0.0;
        foreach ((double left, double right, double scale) in terms)
        {
            double deviation = left == right ? 0.0 : Math.Abs(left - right) / scale;
            worst = double.IsNaN(deviation) ? double.PositiveInfinity : Math.Max(worst, deviation);
        }

        return new Sides(worst, IdentityTolerance);
    }

    /// <summary>An inequality over many (t, i): both sides where (L − R)/scale is largest, with the rounding allowance.</summary>
    private static Sides WorstInequality(IEnumerable<(double Left, double Right, double Scale)> terms)
    {
        Sides worst = new(0.0, 0.0);
        double worstMargin = double.NegativeInfinity;
        foreach ((double left, double right, double scale) in terms)
        {
            double margin = scale == 0.0 ? (left - right > 0 ? double.PositiveInfinity : 0.0) : (left - right) / scale;
            if (double.IsNaN(margin) || margin > worstMargin)
            {
                worstMargin = double.IsNaN(margin) ? double.PositiveInfinity : margin;
                worst = Allow(left, right, scale);
            }
        }

        return worst;
    }

    private static Sides Allow(double left, double right, double scale) => new(left, right + RoundingAllowance * scale);

    private static double Sq(double x) => x * x;
}
