namespace Verification.Convex.Online;

/// <summary>How the centroid data's variance is spread. Every shape has the same expected total variance d σ².</summary>
public enum VarianceShape
{
    /// <summary>x_i = μ + σ z_i: every coordinate and every example has variance σ².</summary>
    Isotropic,

    /// <summary>
    /// Per-coordinate standard deviations σ_k growing geometrically by the factor <see cref="CentroidOptions.Spread"/>
    /// from the first to the last coordinate, rescaled so that mean_k σ_k² = σ²: gradients that are large in a few
    /// coordinates (what the per-coordinate Adam scaling reacts to).
    /// </summary>
    CoordinateHeteroscedastic,

    /// <summary>
    /// Per-example scales s_i = Spread^{u_i} (u_i uniform in [0, 1)), rescaled so that mean_i s_i² = 1: some examples are
    /// far noisier than others, so per-example gradient norms differ (what importance sampling reacts to).
    /// </summary>
    ExampleHeteroscedastic,
}
