using Verification.Reference.Validation;

namespace Verification.Reference.Optimizers;

/// <summary>How the step size α_t depends on the step t.</summary>
public enum LearningRateDecay
{
    /// <summary>α_t = α, as in practice and in StochGradAdam's eqs (1)/(9).</summary>
    Constant,

    /// <summary>α_t = α/√t, the schedule every regret theorem of both papers assumes.</summary>
    InverseSqrt,
}

/// <summary>The step-size schedule α_t (a pure function of t; √ is correctly rounded, so it is reproducible).</summary>
/// <param name="Alpha">The base step size α (finite, &gt; 0).</param>
/// <param name="Decay">Constant or α/√t.</param>
public readonly record struct LearningRateSchedule(double Alpha, LearningRateDecay Decay)
{
    /// <summary>α_t for the 1-based step <paramref name="t"/>.</summary>
    public double At(long t) => Decay == LearningRateDecay.InverseSqrt ? Alpha / Math.Sqrt(t) : Alpha;

    /// <summary>Checks α and the decay kind.</summary>
    public void Validate(string name = "learning_rate")
    {
        Guard.Positive(name, Alpha);
        if (!Enum.IsDefined(Decay))
        {
            throw new InvalidHyperparameterException($"{name}_decay", Decay, "must be Constant or InverseSqrt");
        }
    }
}
