namespace Verification.Reference.Optimizers;

/// <summary>
/// The step-dependent scalars of one Adam-family update, computed once per step on the host. Every variant
/// (Adam, both AMSGrad conventions, every StochGradAdam reading) differs only in these numbers and in the mask, so
/// the element-wise arithmetic (<see cref="AdamElementwise"/>) is one piece of code that the accelerator mirrors.
/// </summary>
/// <param name="Beta1t">β_{1,t}, the first-moment decay used at this step.</param>
/// <param name="OneMinusBeta1t">1 − β_{1,t}, rounded once on the host.</param>
/// <param name="Beta2t">β_{2,t}, the second-moment decay used at this step.</param>
/// <param name="OneMinusBeta2t">1 − β_{2,t}, rounded once on the host.</param>
/// <param name="BiasCorrection1">The divisor of m (1 − β₁^t, or 1 when bias correction is off).</param>
/// <param name="BiasCorrection2">The divisor of v (1 − β₂^t, or 1 when bias correction is off).</param>
/// <param name="Alpha">α_t, the step size at this step.</param>
/// <param name="Epsilon">ε (0 allowed: the analysis uses ε = 0).</param>
/// <param name="Placement">Where ε enters the denominator.</param>
/// <param name="AmsGradMax">Whether the denominator uses the running maximum v̂_t = max(v̂_{t−1}, v_t).</param>
public readonly record struct AdamStepScalars(
    double Beta1t,
    double OneMinusBeta1t,
    double Beta2t,
    double OneMinusBeta2t,
    double BiasCorrection1,
    double BiasCorrection2,
    double Alpha,
    double Epsilon,
    EpsilonPlacement Placement,
    bool AmsGradMax);
