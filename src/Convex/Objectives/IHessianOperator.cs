namespace Verification.Convex.Objectives;

/// <summary>A symmetric positive semi-definite operator v ↦ H v (a Hessian at a fixed point).</summary>
public interface IHessianOperator
{
    /// <summary>Writes H v into <paramref name="result"/>.</summary>
    void Multiply(ReadOnlySpan<double> v, Span<double> result);

    /// <summary>Writes the diagonal of H into <paramref name="diagonal"/> (the solver's Jacobi preconditioner).</summary>
    void Diagonal(Span<double> diagonal);
}
