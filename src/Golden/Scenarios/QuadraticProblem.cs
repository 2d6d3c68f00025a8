namespace Verification.Golden.Scenarios;

/// <summary>
/// f(θ) = ½ Σ_j h_j (θ_j − c_j)², a separable quadratic with curvatures of several magnitudes.
/// </summary>
/// <remarks>
/// Arithmetic (docs/golden-format.md): δ_j = θ_j − c_j; g_j = h_j·δ_j; loss = 0.5·S with S = Σ_j g_j·δ_j summed
/// left to right from +0.
/// </remarks>
/// <param name="Curvatures">h (all &gt; 0).</param>
/// <param name="Centre">c, the minimiser.</param>
internal sealed record QuadraticProblem(double[] Curvatures, double[] Centre) : IGoldenProblem
{
    /// <inheritdoc/>
    public string Kind => "quadratic";

    /// <inheritdoc/>
    public int Dimension => Curvatures.Length;

    /// <inheritdoc/>
    public double Loss(ReadOnlySpan<double> theta)
    {
        double sum = 0.0;
        for (int j = 0; j < Dimension; j++)
        {
            double delta = theta[j] - Centre[j];
            sum += Curvatures[j] * delta * delta;   // (h_j·δ_j)·δ_j, left to right
        }

        return 0.5 * sum;
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        for (int j = 0; j < Dimension; j++)
        {
            gradient[j] = Curvatures[j] * (theta[j] - Centre[j]);
        }
    }
}
