namespace Verification.Reference.Random;

/// <summary>
/// The stream identifiers that separate independent uses of one seed. Each use draws from its own Philox key, so
/// adding a new kind of draw never shifts the numbers an existing one sees.
/// </summary>
public enum RandomStream : uint
{
    /// <summary>StochGradAdam's Bernoulli(s) gradient mask Ω_t (one 32-bit word per coordinate).</summary>
    GradientMask = 1,

    /// <summary>Index sampling of DASGrad / ap-SGD (one uniform double per mini-batch slot).</summary>
    ExampleSampling = 2,

    /// <summary>Synthetic problem data (online problems, generated instances).</summary>
    ProblemData = 3,

    /// <summary>Instance generation in property tests and the audit.</summary>
    Instances = 4,
}
