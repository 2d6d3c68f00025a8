using System.Text.Json.Serialization;

namespace Verification.Claims.DasGrad;

/// <summary>The per-example losses of a <see cref="FiniteSumRun"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FiniteSumProblem>))]
internal enum FiniteSumProblem
{
    /// <summary>f_{t,i}(θ) = s_t⟨a_i, θ⟩: online linear losses (s_t = ±scale per step), the adversarial case.</summary>
    Linear,

    /// <summary>f_i(θ) = ½‖θ − x_i‖²: the online centroid problem of Section 6.</summary>
    Centroid,

    /// <summary>f_i(θ) = ½(⟨a_i, θ⟩ − b_i)².</summary>
    LeastSquares,

    /// <summary>f_i(θ) = log(1 + exp(−y_i⟨a_i, θ⟩)), y_i = ±1.</summary>
    Logistic,
}

/// <summary>How p_t is chosen at each step (every rule is F_{t−1}-measurable).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SamplingRule>))]
internal enum SamplingRule
{
    /// <summary>p_t = 1/n.</summary>
    Uniform,

    /// <summary>p*_t ∝ ‖∇f_{t,i}(θ_t)‖₂ (uniform when every gradient is 0).</summary>
    Optimal,

    /// <summary>(1 − ε)p*_t + ε/n (the "small constant" mixed in).</summary>
    OptimalFloor,

    /// <summary>p_t ∝ ‖∇f_{t,i}(θ_t)‖₂ + ε (the constant added to the score, Algorithm 2 as reconstructed).</summary>
    OptimalPlusConstant,

    /// <summary>The instance's fixed p (fixed importance sampling; entries may sit near the floor).</summary>
    Fixed,
}

/// <summary>
/// A small finite-sum problem and the hyper-parameters of one run of SGD/ap-SGD or AMSGrad/DASGrad on the box
/// F = [−R, R]^d (D_∞ = 2R; every weighted projection onto a box is coordinate clipping). The data are explicit arrays,
/// so an instance round-trips through JSON. Expectations over the sampled indices are exact: <see cref="FiniteSumEngine"/>
/// enumerates all index paths (at most n^T ≤ 729).
/// </summary>
/// <param name="Problem">The losses.</param>
/// <param name="Features">a_i (or x_i for the centroid problem), n × d.</param>
/// <param name="Targets">b_i (least squares) or y_i = ±1 (logistic); zeros otherwise; length n.</param>
/// <param name="StepScales">s_t for the linear losses (the online sequence); length T; ignored by the other problems.</param>
/// <param name="Horizon">T.</param>
/// <param name="Radius">R: F = [−R, R]^d.</param>
/// <param name="Theta1">θ₁ ∈ F.</param>
/// <param name="Alpha">α (α_t = α/√t).</param>
/// <param name="Beta1">β₁.</param>
/// <param name="Beta2">β₂ (with γ = β₁/√β₂ &lt; 1).</param>
/// <param name="Lambda">λ ∈ [0, 1): β_{1t} = β₁λ^{t−1}.</param>
/// <param name="Beta1Schedule">An explicit schedule β_{1t} ≤ β₁ with β_{11} = β₁ (overrides λ), or null.</param>
/// <param name="Sampling">The rule for p_t.</param>
/// <param name="Epsilon">ε of the floor rules.</param>
/// <param name="FixedP">p for <see cref="SamplingRule.Fixed"/> (length n).</param>
/// <param name="GInfFactor">G_∞ / (the exact sup over F of ‖∇f_{t,i}‖_∞), ≥ 1.</param>
internal sealed record FiniteSumRun(
    FiniteSumProblem Problem,
    double[][] Features,
    double[] Targets,
    double[] StepScales,
    int Horizon,
    double Radius,
    double[] Theta1,
    double Alpha,
    double Beta1,
    double Beta2,
    double Lambda,
    double[]? Beta1Schedule,
    SamplingRule Sampling,
    double Epsilon,
    double[] FixedP,
    double GInfFactor)
{
    [JsonIgnore]
    public int N => Features.Length;

    [JsonIgnore]
    public int D => Theta1.Length;

    [JsonIgnore]
    public double DInf => 2 * Radius;

    [JsonIgnore]
    public double Gamma => Beta2 == 0.0 ? (Beta1 == 0.0 ? 0.0 : double.PositiveInfinity) : Beta1 / Math.Sqrt(Beta2);

    public double Beta1At(int t) => Beta1Schedule is { } s ? s[t - 1] : Beta1 * Math.Pow(Lambda, t - 1);

    public double AlphaAt(int t) => Alpha / Math.Sqrt(t);

    /// <summary>Whether β_{1t} is non-increasing in t.</summary>
    [JsonIgnore]
    public bool Beta1NonIncreasing => Enumerable.Range(2, Math.Max(0, Horizon - 1)).All(t => Beta1At(t) <= Beta1At(t - 1));

    /// <summary>G_∞: the exact sup over F and over t, i of ‖∇f_{t,i}(θ)‖_∞, times the factor.</summary>
    [JsonIgnore]
    public double GInf
    {
        get
        {
            double g = 0.0;
            for (int i = 0; i < N; i++)
            {
                double[] a = Features[i];
                double l1 = Vec.Norm1(a);
                for (int k = 0; k < D; k++)
                {
                    double bound = Problem switch
                    {
                        FiniteSumProblem.Linear => Math.Abs(a[k]) * StepScales.Select(Math.Abs).DefaultIfEmpty(0.0).Max(),
                        FiniteSumProblem.Centroid => Radius + Math.Abs(a[k]),
                        FiniteSumProblem.LeastSquares => Math.Abs(a[k]) * (Radius * l1 + Math.Abs(Targets[i])),
                        _ => Math.Abs(a[k]) * Sigmoid(Radius * l1),
                    };
                    g = Math.Max(g, bound);
                }
            }

            return GInfFactor * g;
        }
    }

    /// <summary>f_{t,i}(θ).</summary>
    public double Loss(int t, int i, double[] theta)
    {
        double[] a = Features[i];
        return Problem switch
        {
            FiniteSumProblem.Linear => StepScales[t - 1] * Vec.Dot(a, theta),
            FiniteSumProblem.Centroid => 0.5 * Vec.Sq(Vec.Sub(theta, a)),
            FiniteSumProblem.LeastSquares => 0.5 * Vec.Sq(Vec.Dot(a, theta) - Targets[i]),
            _ => Softplus(-Targets[i] * Vec.Dot(a, theta)),
        };
    }

    /// <summary>∇f_{t,i}(θ).</summary>
    public double[] Gradient(int t, int i, double[] theta)
    {
        double[] a = Features[i];
        return Problem switch
        {
            FiniteSumProblem.Linear => Vec.Scale(a, StepScales[t - 1]),
            FiniteSumProblem.Centroid => Vec.Sub(theta, a),
            FiniteSumProblem.LeastSquares => Vec.Scale(a, Vec.Dot(a, theta) - Targets[i]),
            _ => Vec.Scale(a, -Targets[i] * Sigmoid(-Targets[i] * Vec.Dot(a, theta))),
        };
    }

    /// <summary>f_t(θ) = (1/n) Σ_i f_{t,i}(θ).</summary>
    public double Risk(int t, double[] theta)
    {
        double s = 0.0;
        for (int i = 0; i < N; i++)
        {
            s += Loss(t, i, theta);
        }

        return s / N;
    }

    /// <summary>
    /// θ* = argmin_{θ∈F} Σ_t f_t(θ): exact for the linear (a vertex) and centroid (clipped mean) problems; for least
    /// squares and logistic regression 4000 projected-gradient steps of size 1/L. Every bound of the paper holds for
    /// any fixed comparator in F, so an inexact minimiser can only make a violation harder to find, never fake one.
    /// </summary>
    [JsonIgnore]
    public double[] ThetaStar
    {
        get
        {
            switch (Problem)
            {
                case FiniteSumProblem.Linear:
                    double[] c = new double[D];
                    for (int t = 1; t <= Horizon; t++)
                    {
                        for (int i = 0; i < N; i++)
                        {
                            for (int k = 0; k < D; k++)
                            {
                                c[k] += StepScales[t - 1] * Features[i][k];
                            }
                        }
                    }

                    return c.Select(x => x > 0 ? -Radius : x < 0 ? Radius : 0.0).ToArray();
                case FiniteSumProblem.Centroid:
                    return Enumerable.Range(0, D).Select(k => Clip(Features.Sum(x => x[k]) / N)).ToArray();
                default:
                    double l = Features.Sum(Vec.Sq) / N * (Problem == FiniteSumProblem.Logistic ? 0.25 : 1.0);
                    double[] theta = new double[D];
                    if (l == 0.0)
                    {
                        return theta;
                    }

                    for (int iteration = 0; iteration < 4000; iteration++)
                    {
                        double[] g = new double[D];
                        for (int i = 0; i < N; i++)
                        {
                            double[] gi = Gradient(1, i, theta);
                            for (int k = 0; k < D; k++)
                            {
                                g[k] += gi[k] / N;
                            }
                        }

                        for (int k = 0; k < D; k++)
                        {
                            theta[k] = Clip(theta[k] - g[k] / l);
                        }
                    }

                    return theta;
            }
        }
    }

    public double Clip(double x) => Math.Min(Math.Max(x, -Radius), Radius);

    /// <summary>p_t at the per-example gradients <paramref name="gradients"/> under <paramref name="rule"/>.</summary>
    public double[] Probabilities(SamplingRule rule, double[][] gradients)
    {
        int n = gradients.Length;
        double[] norms = gradients.Select(Vec.Norm).ToArray();
        double sum = norms.Sum();
        double[] uniform = Enumerable.Repeat(1.0 / n, n).ToArray();
        double[] optimal = sum > 0 ? norms.Select(r => r / sum).ToArray() : uniform;
        return rule switch
        {
            SamplingRule.Uniform => uniform,
            SamplingRule.Optimal => optimal,
            SamplingRule.OptimalFloor => optimal.Select(p => (1 - Epsilon) * p + Epsilon / n).ToArray(),
            SamplingRule.OptimalPlusConstant => sum + n * Epsilon > 0 ? norms.Select(r => (r + Epsilon) / (sum + n * Epsilon)).ToArray() : uniform,
            _ => FixedP,
        };
    }

    private static double Sigmoid(double z) => z >= 0 ? 1.0 / (1.0 + Math.Exp(-z)) : Math.Exp(z) / (1.0 + Math.Exp(z));

    private static double Softplus(double z) => z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));

    public override string ToString() =>
        $"{Problem} n={N} d={D} T={Horizon} R={Radius} α={Alpha} β=({Beta1}, {Beta2}) λ={Lambda} schedule={(Beta1Schedule is null ? "λ" : string.Join(",", Beta1Schedule))} {Sampling} ε={Epsilon} a=[{string.Join("; ", Features.Select(r => string.Join(", ", r)))}] b=[{string.Join(", ", Targets)}] s=[{string.Join(", ", StepScales)}] θ1=[{string.Join(", ", Theta1)}] p=[{string.Join(", ", FixedP)}] factor={GInfFactor}";
}
