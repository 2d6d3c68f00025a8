namespace Verification.Convex.Features;

/// <summary>How each document's feature vector is scaled after the values are computed.</summary>
public enum RowNormalization
{
    /// <summary>No scaling.</summary>
    None,

    /// <summary>Divide by the L1 norm (entries sum to 1 in absolute value).</summary>
    L1,

    /// <summary>Divide by the L2 norm (unit Euclidean length); keeps ‖x_i‖ = 1, so per-example gradient bounds are uniform.</summary>
    L2,
}
