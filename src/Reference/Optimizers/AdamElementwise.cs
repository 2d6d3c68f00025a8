using System.Numerics;

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
        if (keep.IsEmpty && Vector.IsHardwareAccelerated)
        {
            ApplyVectorized(s, theta, m, v, vmax, new PlainGradient(gradient), box);
            return;
        }

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

    /// <summary>
    /// The update fed φ_j = <paramref name="keepLanes"/>_j ? g̃_j : +0 with g̃_j = g_j + <paramref name="coupledDecay"/>·θ_j
    /// when <paramref name="coupledDecay"/> is not 0, else g_j: StochGradAdam's masked gradient, selected inside the
    /// update loop so that g streams from memory beside θ, m and v. <paramref name="keepLanes"/>_j is −1 (all bits set)
    /// where Ω_j = 1 and 0 where Ω_j = 0. Without AMSGrad's maximum (no StochGradAdam variant keeps one).
    /// </summary>
    internal static void ApplyMasked(
        in AdamStepScalars s, Span<double> theta, Span<double> m, Span<double> v, ReadOnlySpan<double> gradient, ReadOnlySpan<long> keepLanes,
        double coupledDecay, Box? box)
    {
        if (s.AmsGradMax)
        {
            throw new ArgumentException("The masked update keeps no running maximum.", nameof(s));
        }

        var phi = new MaskedGradient(gradient, keepLanes, coupledDecay);
        if (Vector.IsHardwareAccelerated)
        {
            ApplyVectorized(s, theta, m, v, default, phi, box);
            return;
        }

        double noMax = 0.0;
        for (int j = 0; j < theta.Length; j++)
        {
            theta[j] = UpdateCoordinate(s, theta[j], ref m[j], ref v[j], ref noMax, phi.At(j, theta[j]), box);
        }
    }

    /// <summary>
    /// The same arithmetic, <see cref="Vector{T}.Count"/> coordinates at a time. Every lane operation (+ − × ÷ √, the
    /// IEEE maximum/minimum, a select) is the scalar operation on each lane, and .NET never contracts a·b + c into a
    /// fused multiply-add, so the result is bit-identical to <see cref="UpdateCoordinate"/>; a property test holds it
    /// to that (AdamElementwiseVectorizationTests).
    /// </summary>
    private static void ApplyVectorized<TPhi>(
        in AdamStepScalars s, Span<double> theta, Span<double> m, Span<double> v, Span<double> vmax, TPhi phi, Box? box)
        where TPhi : IPhi, allows ref struct
    {
        int width = Vector<double>.Count;
        var b1 = new Vector<double>(s.Beta1t);
        var omb1 = new Vector<double>(s.OneMinusBeta1t);
        var b2 = new Vector<double>(s.Beta2t);
        var omb2 = new Vector<double>(s.OneMinusBeta2t);
        var bc1 = new Vector<double>(s.BiasCorrection1);
        var bc2 = new Vector<double>(s.BiasCorrection2);
        var eps = new Vector<double>(s.Epsilon);
        var alpha = new Vector<double>(s.Alpha);
        var lower = new Vector<double>(box?.Lower ?? double.NegativeInfinity);
        var upper = new Vector<double>(box?.Upper ?? double.PositiveInfinity);
        bool inside = s.Placement == EpsilonPlacement.Inside;
        int j = 0;
        for (; j <= theta.Length - width; j += width)
        {
            var th = new Vector<double>(theta[j..]);
            Vector<double> g = phi.At(j, th);
            Vector<double> mj = b1 * new Vector<double>(m[j..]) + omb1 * g;
            Vector<double> vj = b2 * new Vector<double>(v[j..]) + omb2 * (g * g);
            mj.CopyTo(m[j..]);
            vj.CopyTo(v[j..]);
            Vector<double> r = vj;
            if (s.AmsGradMax)
            {
                r = Vector.Max(new Vector<double>(vmax[j..]), vj);
                r.CopyTo(vmax[j..]);
            }

            Vector<double> mHat = mj / bc1;
            Vector<double> vHat = r / bc2;
            Vector<double> denominator = inside ? Vector.SquareRoot(vHat + eps) : Vector.SquareRoot(vHat) + eps;
            Vector<long> zeroOverZero = Vector.Equals(denominator, Vector<double>.Zero) & Vector.Equals(mHat, Vector<double>.Zero);
            Vector<double> step = Vector.ConditionalSelect(zeroOverZero, Vector<double>.Zero, mHat / denominator);
            Vector<double> next = th - alpha * step;
            if (box is not null)
            {
                next = Vector.Min(Vector.Max(next, lower), upper);
            }

            next.CopyTo(theta[j..]);
        }

        double noMax = 0.0;
        for (; j < theta.Length; j++)
        {
            ref double maxSlot = ref s.AmsGradMax ? ref vmax[j] : ref noMax;
            theta[j] = UpdateCoordinate(s, theta[j], ref m[j], ref v[j], ref maxSlot, phi.At(j, theta[j]), box);
        }
    }

    /// <summary>Where the vectorised loop reads φ from: lanes or one coordinate j, given θ there (for weight decay).</summary>
    private interface IPhi
    {
        Vector<double> At(int j, Vector<double> theta);

        double At(int j, double theta);
    }

    /// <summary>φ = g.</summary>
    private readonly ref struct PlainGradient(ReadOnlySpan<double> gradient) : IPhi
    {
        private readonly ReadOnlySpan<double> _gradient = gradient;

        public Vector<double> At(int j, Vector<double> theta) => new(_gradient[j..]);

        public double At(int j, double theta) => _gradient[j];
    }

    /// <summary>
    /// φ = Ω ⊙ g̃ as a select (a product would turn −g·0 into −0 and would propagate NaN); g̃ = g + wd·θ under coupled
    /// weight decay, two correctly rounded operations in lanes and in the scalar form alike.
    /// </summary>
    private readonly ref struct MaskedGradient(ReadOnlySpan<double> gradient, ReadOnlySpan<long> keepLanes, double coupledDecay) : IPhi
    {
        private readonly ReadOnlySpan<double> _gradient = gradient;
        private readonly ReadOnlySpan<long> _keep = keepLanes;
        private readonly double _decay = coupledDecay;

        public Vector<double> At(int j, Vector<double> theta)
        {
            var g = new Vector<double>(_gradient[j..]);
            if (_decay != 0.0)
            {
                g += new Vector<double>(_decay) * theta;
            }

            return Vector.ConditionalSelect(new Vector<long>(_keep[j..]), g, Vector<double>.Zero);
        }

        public double At(int j, double theta)
        {
            double g = _decay != 0.0 ? _gradient[j] + _decay * theta : _gradient[j];
            return _keep[j] != 0 ? g : 0.0;
        }
    }
}
