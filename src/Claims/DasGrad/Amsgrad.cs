namespace Verification.Claims.DasGrad;

/// <summary>The four sums of eq. (2) and the other AMSGrad/DASGrad quantities, as expectations over the index paths.</summary>
internal static class Amsgrad
{
    public static RunPaths Paths(FiniteSumRun r, Method m) => FiniteSumEngine.Run(r, m);

    public static double Magnitude(FiniteSumRun r, Method m) => Paths(r, m).Magnitude;

    /// <summary>Σ_t E[(‖V̂_t^{1/4}(θ_t − θ*)‖² − ‖V̂_t^{1/4}(θ_{t+1} − θ*)‖²)/(2α_t(1 − β_{1t}))].</summary>
    public static double Potential(RunPaths p) =>
        p.SumExpect(s => (p.WeightedDistSq(s.VHat, s.Theta) - p.WeightedDistSq(s.VHat, s.ThetaNext)) / (2 * s.AlphaT * (1 - s.Beta1T)));

    /// <summary>Σ_t α_t/(2(1 − β_{1t})) E‖V̂_t^{−1/4}m_t‖².</summary>
    public static double Error(RunPaths p) => p.SumExpect(s => s.AlphaT / (2 * (1 - s.Beta1T)) * Vec.InverseRootWeighted(s.VHat, s.M));

    /// <summary>Σ_t β_{1t}α_t/(2(1 − β_{1t})) E‖V̂_{t−1}^{−1/4}m_{t−1}‖².</summary>
    public static double MovingAverage1(RunPaths p) => p.SumExpect(s => s.Beta1T * s.AlphaT / (2 * (1 - s.Beta1T)) * Vec.InverseRootWeighted(s.VHatPrev, s.MPrev));

    /// <summary>Σ_t β_{1t}/(2α_t(1 − β_{1t})) E‖V̂_{t−1}^{1/4}(θ_t − θ*)‖².</summary>
    public static double MovingAverage2(RunPaths p) => p.SumExpect(s => s.Beta1T / (2 * s.AlphaT * (1 - s.Beta1T)) * p.WeightedDistSq(s.VHatPrev, s.Theta));

    /// <summary>The right side of eq. (2).</summary>
    public static double Eq2(RunPaths p) => Potential(p) + Error(p) + MovingAverage1(p) + MovingAverage2(p);

    /// <summary>α√(1 + log T)/((1 − β₁)²(1 − γ)√(1 − β₂)): the coefficient of Σ_k E‖ĝ_{1:T,k}‖ in Lemma 9 / Cor. 4.1.</summary>
    public static double ErrorCoefficient(FiniteSumRun r, double alpha) =>
        alpha * Math.Sqrt(1 + Math.Log(r.Horizon)) / (Vec.Sq(1 - r.Beta1) * (1 - r.Gamma) * Math.Sqrt(1 - r.Beta2));

    /// <summary>D_∞²√T/(2α(1 − β₁)) Σ_k E v̂_{T,k}^{1/2}: Lemma 5's bound (Cor. 4.1's first term).</summary>
    public static double PotentialBound(RunPaths p) =>
        p.Run.DInf * p.Run.DInf * Math.Sqrt(p.T) / (2 * p.Alpha * (1 - p.Run.Beta1)) * p.FinalVHatRoots;

    /// <summary>dβ₁D_∞²G/(2α(1 − β₁)(1 − λ)²): Lemma 8's bound with G the gradient bound used.</summary>
    public static double MovingAverageBound(FiniteSumRun r, double alpha, double g) =>
        r.D * r.Beta1 * r.DInf * r.DInf * g / (2 * alpha * (1 - r.Beta1) * Vec.Sq(1 - r.Lambda));

    /// <summary>D_∞²/(2(1 − β₁)) Σ_t Σ_k β_{1t} E v̂_{t,k}^{1/2}/α_t: Lemma 8's middle expression.</summary>
    public static double Lemma8Middle(RunPaths p) =>
        p.Run.DInf * p.Run.DInf / (2 * (1 - p.Run.Beta1)) * p.SumExpect(s => s.Beta1T * s.VHat.Sum(Math.Sqrt) / s.AlphaT);
}
