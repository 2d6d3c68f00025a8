namespace Verification.Reference.Optimizers;

/// <summary>
/// The element-wise arithmetic shared by every Adam-family method, in one fixed order (docs/algorithms.md, "Arithmetic
/// order"). Only + − × ÷ √ max and a select appear, all correctly rounded in IEEE double, so any implementation that
/// follows the same order (the OpenCL kernels, the Python golden checker) reproduces every bit.
/// </summary>
public static class AdamElementwise
{
    /// <summary>
    /// Updates coordinate arrays in place. <paramref name="keep"/> is the mask Ω_t (null: keep all);
    /// <paramref name="vmax"/> is required when <see cref="AdamStepScalars.AmsGradMax"/> is set.
    /// </summary>
    public static void Apply(
        in AdamStepScalars s,
        Span<double> theta,
        Span<double> m,
        Span<double> v,
        Span<double> vmax,
        ReadOnlySpan<double> gradient,
        ReadOnlySpan<bool> keep,
        Box? box)
    {
        double noMax = 0.0;
        for (int j = 0; j < theta.Length; j++)
        {
            // φ_t = Ω_t ⊙ g_t as a select: a product would turn −g·0 into −0 and would propagate NaN.
            double phi = keep.IsEmpty || keep[j] ? gradient[j] : 0.0;
            ref double maxSlot = ref s.AmsGradMax ? ref vmax[j] : ref noMax;
            theta[j] = UpdateCoordinate(s, theta[j], ref m[j], ref v[j], ref maxSlot, phi, box);
        }
    }

    /// <summary>One coordinate of the update; returns θ_{t+1,j} and advances m, v (and v̂).</summary>
    public static double UpdateCoordinate(in AdamStepScalars s, double theta, ref double m, ref double v, ref double vmax, double phi, Box? box)
    {
        m = s.Beta1t * m + s.OneMinusBeta1t * phi;                      // m_t = β_{1,t} m_{t−1} + (1 − β_{1,t}) φ_t
        v = s.Beta2t * v + s.OneMinusBeta2t * (phi * phi);              // v_t = β_{2,t} v_{t−1} + (1 − β_{2,t}) φ_t²
        double r = v;
        if (s.AmsGradMax)
        {
            vmax = Math.Max(vmax, v);                                   // v̂_t = max(v̂_{t−1}, v_t)  (Reddi et al. Alg. 2)
            r = vmax;
        }

        double mHat = m / s.BiasCorrection1;                            // m̂_t = m_t / (1 − β₁^t)
        double vHat = r / s.BiasCorrection2;                            // v̂_t = v_t / (1 − β₂^t)
        double denominator = s.Placement == EpsilonPlacement.Inside
            ? Math.Sqrt(vHat + s.Epsilon)                               // √(v̂ + ε): StochGradAdam Alg. 1 line 11
            : Math.Sqrt(vHat) + s.Epsilon;                              // √v̂ + ε: Kingma–Ba, eqs (1), (9)

        // With ε = 0 a coordinate that no nonzero gradient has reached has m = v = 0; the analysis' 0/0 is a step
        // of 0 there. Any other zero denominator (v underflowed below the smallest subnormal) is left to give ±∞.
        double step = denominator == 0.0 && mHat == 0.0 ? 0.0 : mHat / denominator;
        double next = theta - s.Alpha * step;                           // θ_{t+1} = θ_t − α_t m̂_t / (√v̂_t + ε)
        return box is null ? next : box.Project(next);
    }
}
