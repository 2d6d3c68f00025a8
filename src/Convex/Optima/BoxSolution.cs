namespace Verification.Convex.Optima;

/// <summary>The result of a box-constrained minimisation.</summary>
public sealed record BoxSolution
{
    /// <summary>The minimiser found.</summary>
    public required double[] Theta { get; init; }

    /// <summary>F at <see cref="Theta"/>.</summary>
    public required double Value { get; init; }

    /// <summary>‖Π_F(θ − ∇F(θ)) − θ‖_∞ at <see cref="Theta"/>.</summary>
    public required double KktResidualInfinity { get; init; }

    /// <summary>‖Π_F(θ − ∇F(θ)) − θ‖₂ at <see cref="Theta"/>.</summary>
    public required double KktResidualEuclidean { get; init; }

    /// <summary>Whether the stated tolerance on <see cref="KktResidualInfinity"/> was reached.</summary>
    public required bool Converged { get; init; }

    /// <summary>Outer (Newton) iterations taken.</summary>
    public required int Iterations { get; init; }

    /// <summary>Full gradient evaluations.</summary>
    public required int GradientEvaluations { get; init; }

    /// <summary>Hessian-vector products (conjugate-gradient iterations).</summary>
    public required int HessianProducts { get; init; }

    /// <summary>Coordinates at their lower bound at the end.</summary>
    public required int AtLowerBound { get; init; }

    /// <summary>Coordinates at their upper bound at the end.</summary>
    public required int AtUpperBound { get; init; }
}
