using Verification.Claims.Catalogue;
using Verification.Claims.Instances;

namespace Verification.Claims.StochGradAdam;

/// <summary>
/// The per-coordinate sums Lemma 4.4 is written with: the bias-corrected Adam moments of a sequence x with constant
/// β₁, β₂ (eq. (27)'s closed forms, m̂_t = Σ_k (1−β₁)β₁^{t−k}x_k/(1−β₁^t), v̂_t likewise), and the expressions of the
/// proof's chains. ε = 0 throughout; a term 0/0 (a coordinate no nonzero x has reached) is 0.
/// </summary>
internal sealed class ConstantBetaMoments
{
    public ConstantBetaMoments(double[] x, double beta1, double beta2)
    {
        X = x;
        Beta1 = beta1;
        Beta2 = beta2;
        int n = x.Length;
        MHat = new double[n];
        VHat = new double[n];
        double m = 0.0, v = 0.0, p1 = 1.0, p2 = 1.0;
        for (int t = 0; t < n; t++)
        {
            m = beta1 * m + (1.0 - beta1) * x[t];
            v = beta2 * v + (1.0 - beta2) * (x[t] * x[t]);
            p1 *= beta1;
            p2 *= beta2;
            MHat[t] = m / (1.0 - p1);
            VHat[t] = v / (1.0 - p2);
            UnrepresentableInstanceException.ThrowIfSecondMomentLost(x[t], VHat[t], $"step {t + 1}");
        }
    }

    public double[] X { get; }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public int T => X.Length;

    /// <summary>m̂_t for t = 1..T (index t − 1).</summary>
    public double[] MHat { get; }

    /// <summary>v̂_t for t = 1..T (index t − 1).</summary>
    public double[] VHat { get; }

    /// <summary>γ = β₁²/√β₂ (0 when β₁ = 0).</summary>
    public double Gamma => Beta1 == 0.0 ? 0.0 : Beta1 * Beta1 / Math.Sqrt(Beta2);

    /// <summary>Σ_{t=1}^{upTo} m̂_t²/√(t v̂_t) (ε = 0).</summary>
    public double SumScaled(int upTo)
    {
        double sum = 0.0;
        for (int t = 0; t < upTo; t++)
        {
            sum += Norms.Ratio(MHat[t] * MHat[t], Math.Sqrt((t + 1) * VHat[t]));
        }

        return sum;
    }

    /// <summary>Σ_{t=1}^{upTo} m̂_t²/√v̂_t (ε = 0): (27)'s and (45)'s left sides, without the √t.</summary>
    public double SumUnscaled(int upTo)
    {
        double sum = 0.0;
        for (int t = 0; t < upTo; t++)
        {
            sum += Norms.Ratio(MHat[t] * MHat[t], Math.Sqrt(VHat[t]));
        }

        return sum;
    }

    /// <summary>√(1 − β₂^T)/(1 − β₁^T)², the bias-correction factor of the T-th term.</summary>
    public double CorrectionFactor
    {
        get
        {
            double p1 = 1.0, p2 = 1.0;
            for (int t = 0; t < T; t++)
            {
                p1 *= Beta1;
                p2 *= Beta2;
            }

            return Math.Sqrt(1.0 - p2) / ((1.0 - p1) * (1.0 - p1));
        }
    }

    /// <summary>(1−β₁)β₁^{T−k} x_k for k = 1..T.</summary>
    private double[] FirstWeights()
    {
        var w = new double[T];
        double power = 1.0;
        for (int k = T - 1; k >= 0; k--)
        {
            w[k] = (1.0 - Beta1) * power * X[k];
            power *= Beta1;
        }

        return w;
    }

    /// <summary>Σ_j (1−β₂)β₂^{T−j} x_j² (the closed form of v_T).</summary>
    private double SecondSum()
    {
        double sum = 0.0, power = 1.0;
        for (int j = T - 1; j >= 0; j--)
        {
            sum += (1.0 - Beta2) * power * (X[j] * X[j]);
            power *= Beta2;
        }

        return sum;
    }

    /// <summary>The T-th term in (27)'s closed form: √(1−β₂^T)/(1−β₁^T)² · (Σ_k(1−β₁)β₁^{T−k}x_k)²/√(T Σ_j(1−β₂)β₂^{T−j}x_j²).</summary>
    public double LastTermClosedForm()
    {
        double a = FirstWeights().Sum();
        return CorrectionFactor * Norms.Ratio(a * a, Math.Sqrt(T * SecondSum()));
    }

    /// <summary>(31)'s last term: √(1−β₂^T)/(1−β₁^T)² Σ_k T((1−β₁)β₁^{T−k}x_k)²/√(T Σ_j(1−β₂)β₂^{T−j}x_j²).</summary>
    public double LastTermSquaresSplit()
    {
        double denominator = Math.Sqrt(T * SecondSum());
        return CorrectionFactor * FirstWeights().Sum(w => Norms.Ratio(T * w * w, denominator));
    }

    /// <summary>
    /// (33)'s last term with the undefined j read as k (Kingma–Ba's step): √(1−β₂^T)/(1−β₁^T)² Σ_k
    /// T((1−β₁)β₁^{T−k}x_k)²/√(T(1−β₂)β₂^{T−k}x_k²), each summand evaluated as T(1−β₁)²γ^{T−k}|x_k|/√(T(1−β₂)) (the
    /// same quotient, without the underflow of β₂^{T−k}).
    /// </summary>
    public double LastTermPerSummandDenominator() =>
        CorrectionFactor * T * (1.0 - Beta1) * (1.0 - Beta1) / Math.Sqrt(T * (1.0 - Beta2)) * GammaWeightedAbsSum();

    /// <summary>Σ_k γ^{T−k}|x_k|.</summary>
    public double GammaWeightedAbsSum()
    {
        double sum = 0.0, power = 1.0, gamma = Gamma;
        for (int k = T - 1; k >= 0; k--)
        {
            sum += power * Math.Abs(X[k]);
            power *= gamma;
        }

        return sum;
    }

    /// <summary>Σ_{j=0}^{n} γ^j for n = 0..T.</summary>
    public double[] GeometricPrefix()
    {
        var prefix = new double[T + 1];
        double sum = 0.0, power = 1.0, gamma = Gamma;
        for (int n = 0; n <= T; n++)
        {
            sum += power;
            prefix[n] = sum;
            power *= gamma;
        }

        return prefix;
    }

    /// <summary>‖x_{1:T}‖₂.</summary>
    public double Norm => Norms.L2(X);
}
