using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>
/// DASGrad Lemma 5 (potential of eq. (2)) link by link. The reconstruction flags the first "≤" as invalid when β_{1t}
/// varies; it is checked under the theorem's own hypothesis β_{1t} ≤ β₁ on both sides of "β_{1t} non-increasing".
/// </summary>
internal sealed class Lemma5 : IClaimSource
{
    public IEnumerable<IClaim> Claims
    {
        get
        {
            foreach (var (suffix, method) in new[] { ("", Method.DasGrad), ("-uniform", Method.AmsGrad) })
            {
                foreach (IClaim claim in new Chain<FiniteSumRun>(
                        "DAS-L5" + suffix, Das.Paper, "Lemma 5 (potential), " + (suffix == "" ? "DASGrad with the instance's rule" : "AMSGrad, uniform"),
                        Theorems34.Hypotheses, Families, r => Amsgrad.Magnitude(r, method))
                    .Then("potential", "Σ_t E(‖V̂_t^{1/4}(θ_t−θ*)‖² − ‖V̂_t^{1/4}(θ_{t+1}−θ*)‖²)/(2α_t(1−β_{1t}))", r => Amsgrad.Potential(Amsgrad.Paths(r, method)))
                    .Then("rearranged", "E Σ_k v̂_{1,k}^{1/2}(θ_{1,k}−θ*_k)²/(2α_1(1−β₁)) + 1/(2(1−β₁)) Σ_{t≥2} Σ_k E(θ_{t,k}−θ*_k)²(v̂_{t,k}^{1/2}/α_t − v̂_{t−1,k}^{1/2}/α_{t−1})",
                        r => Rearranged(Amsgrad.Paths(r, method)))
                    .OnlyIf("β_{1t} is non-increasing in t", r => r.Beta1NonIncreasing)
                    .Then("bound", "D_∞²√T/(2α(1−β₁)) Σ_k E v̂_{T,k}^{1/2}", r => Amsgrad.PotentialBound(Amsgrad.Paths(r, method)))
                    .Claims())
                {
                    yield return claim;
                }
            }
        }
    }

    /// <summary>The run families, with 20× the gate trials on the non-monotone β_{1t} schedules (violations are rare there).</summary>
    private static IReadOnlyList<InstanceFamily<FiniteSumRun>> Families =>
        FiniteSumRunFamilies.All().Select(f => f.Name == "beta1-schedule" ? f with { GateTrials = 20 * f.GateTrials } : f).ToList();

    private static double Rearranged(RunPaths p)
    {
        double b = 1 - p.Run.Beta1;
        return p.SumExpect(s =>
        {
            double[] diff = Vec.Sub(s.Theta, p.ThetaStar);
            if (s.T == 1)
            {
                return Vec.Weighted(s.VHat.Select(Math.Sqrt).ToArray(), diff) / (2 * s.AlphaT * b);
            }

            double[] w = s.VHat.Select((v, k) => Math.Sqrt(v) / s.AlphaT - Math.Sqrt(s.VHatPrev[k]) / p.AlphaAt(s.T - 1)).ToArray();
            return Vec.Weighted(w, diff) / (2 * b);
        });
    }
}
