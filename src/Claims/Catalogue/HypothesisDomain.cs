using Verification.Claims.Search;

namespace Verification.Claims.Catalogue;

/// <summary>
/// The set of instances a claim's hypotheses allow, as the paper states them, and the moves the targeted search makes
/// through it: continuous coordinates for Nelder–Mead and discrete neighbours (horizon, dimension, masks, index paths).
/// Every instance a move produces must be <see cref="Contains"/>ed; the search discards any that is not.
/// </summary>
/// <typeparam name="T">The instance type.</typeparam>
public abstract class HypothesisDomain<T>
{
    /// <summary>The domain in one compact line, shown in the verdict table's row (for example <c>β₁ ∈ [0, 1), T ≤ 10⁴</c>).</summary>
    public abstract string Summary { get; }

    /// <summary>Whether <paramref name="instance"/> satisfies every hypothesis.</summary>
    public abstract bool Contains(T instance);

    /// <summary>
    /// The continuous coordinates of <paramref name="instance"/> in unconstrained form (logits of parameters in
    /// intervals, logarithms of scales), chosen so that a change of about 1 is a substantial move.
    /// </summary>
    public abstract double[] Encode(T instance);

    /// <summary>The instance <paramref name="template"/> with its continuous coordinates replaced by <paramref name="coordinates"/>.</summary>
    public abstract T Decode(T template, double[] coordinates);

    /// <summary>Discrete neighbours of <paramref name="instance"/>: longer and shorter horizons, other dimensions, masks, paths.</summary>
    public abstract IEnumerable<T> Neighbours(T instance, SearchRandom random);

    /// <summary>A one-line description of an instance for the tightness column (defaults to <c>ToString</c>, cut to 160 characters).</summary>
    public virtual string Describe(T instance) => DomainMoves.OneLine(instance);
}
