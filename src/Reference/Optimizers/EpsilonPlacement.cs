namespace Verification.Reference.Optimizers;

/// <summary>Where ε enters the Adam denominator (StochGradAdam inconsistency I6).</summary>
public enum EpsilonPlacement
{
    /// <summary>√v̂ + ε: Kingma–Ba, PyTorch, StochGradAdam eqs (1), (9), (62).</summary>
    Outside,

    /// <summary>√(v̂ + ε): StochGradAdam Algorithm 1 line 11.</summary>
    Inside,
}
