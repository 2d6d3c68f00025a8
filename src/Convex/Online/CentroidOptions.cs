namespace Verification.Convex.Online;

/// <summary>Settings of the synthetic centroid data of DASGrad Section 6 (its data generation is not recoverable).</summary>
public sealed record CentroidOptions
{
    /// <summary>Dimension d. Default 10.</summary>
    public int Dimension { get; init; } = 10;

    /// <summary>Number of points n. Default 1,000.</summary>
    public int ExampleCount { get; init; } = 1_000;

    /// <summary>Per-coordinate variance σ² (averaged over coordinates and examples). Default 1.</summary>
    public double Variance { get; init; } = 1.0;

    /// <summary>The variance shape. Default isotropic.</summary>
    public VarianceShape Shape { get; init; } = VarianceShape.Isotropic;

    /// <summary>Ratio of the largest to the smallest standard deviation for the heteroscedastic shapes. Default 10.</summary>
    public double Spread { get; init; } = 10.0;

    /// <summary>The common centre μ of all coordinates. Default 0.5.</summary>
    public double Center { get; init; } = 0.5;

    /// <summary>Seed of the <c>RandomStream.ProblemData</c> draws.</summary>
    public ulong Seed { get; init; } = 1;
}
