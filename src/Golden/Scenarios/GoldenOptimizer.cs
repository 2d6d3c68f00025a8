using Verification.Reference.Optimizers;

namespace Verification.Golden.Scenarios;

/// <summary>The optimizer of a scenario: gradient-driven or importance-sampled (exactly one is set).</summary>
/// <param name="Gradient">A gradient-driven optimizer fed ∇f(θ_t).</param>
/// <param name="FiniteSum">An optimizer that samples its own examples.</param>
internal sealed record GoldenOptimizer(IGradientOptimizer? Gradient, IFiniteSumOptimizer? FiniteSum)
{
    /// <summary>Wraps a gradient-driven optimizer.</summary>
    public static GoldenOptimizer Of(IGradientOptimizer optimizer) => new(optimizer, null);

    /// <summary>Wraps an importance-sampled optimizer.</summary>
    public static GoldenOptimizer Of(IFiniteSumOptimizer optimizer) => new(null, optimizer);

    /// <summary>The optimizer's name (the state's algorithm name).</summary>
    public string Name => Gradient?.Name ?? FiniteSum!.Name;
}
