namespace Verification.Gpu.Optimizers;

/// <summary>
/// The host-computed scalars of one dense Adam-family step: the kernel does no pow or exp, so a caller that wants
/// bit-for-bit agreement with a host implementation passes exactly the scalars that implementation computes.
/// </summary>
/// <param name="Beta1t">β1,t, the first-moment decay of this step.</param>
/// <param name="OneMinusBeta1t">1 − β1,t, computed on the host.</param>
/// <param name="Beta2t">β2,t, the second-moment decay of this step.</param>
/// <param name="OneMinusBeta2t">1 − β2,t, computed on the host.</param>
/// <param name="BiasCorrection1">The divisor of m (1 − β1^t; 1 without bias correction).</param>
/// <param name="BiasCorrection2">The divisor of v or vmax (1 − β2^t; 1 without bias correction).</param>
/// <param name="Epsilon">ε.</param>
/// <param name="StepSize">α_t.</param>
public readonly record struct AdamFamilyScalars(
    double Beta1t,
    double OneMinusBeta1t,
    double Beta2t,
    double OneMinusBeta2t,
    double BiasCorrection1,
    double BiasCorrection2,
    double Epsilon,
    double StepSize)
{
    /// <summary>Scalars with 1 − β computed here as one correctly rounded subtraction.</summary>
    public static AdamFamilyScalars Create(double stepSize, double beta1t, double beta2t, double biasCorrection1, double biasCorrection2, double epsilon) =>
        new(beta1t, 1.0 - beta1t, beta2t, 1.0 - beta2t, biasCorrection1, biasCorrection2, epsilon, stepSize);
}

/// <summary>The scalars of a lazy (masked_update) step: each kept coordinate keeps its own running powers of β1 and β2.</summary>
/// <param name="Beta1">β1.</param>
/// <param name="OneMinusBeta1">1 − β1, computed on the host.</param>
/// <param name="Beta2">β2.</param>
/// <param name="OneMinusBeta2">1 − β2, computed on the host.</param>
/// <param name="Epsilon">ε.</param>
/// <param name="StepSize">α_t.</param>
public readonly record struct LazyAdamFamilyScalars(
    double Beta1,
    double OneMinusBeta1,
    double Beta2,
    double OneMinusBeta2,
    double Epsilon,
    double StepSize)
{
    /// <summary>Scalars with 1 − β computed here as one correctly rounded subtraction.</summary>
    public static LazyAdamFamilyScalars Create(double stepSize, double beta1, double beta2, double epsilon) =>
        new(beta1, 1.0 - beta1, beta2, 1.0 - beta2, epsilon, stepSize);
}
