using Verification.Reference.Problems;

namespace Verification.Golden.Scenarios;

/// <summary>
/// f(θ) = (1/n) Σ_i f_i(θ) with f_i(θ) = ½(a_i·θ − b_i)²: a small finite sum with exact per-example gradients
/// r_i·a_i and closed-form norms |r_i|·‖a_i‖, for the importance-sampled methods.
/// </summary>
/// <remarks>
/// Arithmetic (docs/golden-format.md): r_i = (Σ_j a_ij·θ_j from +0, left to right) − b_i; ∇f_i = r_i·a_i;
/// f_i = (0.5·r_i)·r_i; ‖∇f_i‖ = |r_i|·√(Σ_j a_ij·a_ij from +0); loss = (Σ_i f_i from +0)/n; the full gradient is
/// (Σ_i ∇f_i from +0)/n, coordinate by coordinate.
/// </remarks>
/// <param name="Rows">a_1..a_n, each of length d.</param>
/// <param name="Targets">b_1..b_n.</param>
internal sealed record LeastSquaresSum(double[][] Rows, double[] Targets) : IGoldenProblem, IFiniteSumObjective
{
    /// <inheritdoc/>
    public string Kind => "least_squares";

    /// <inheritdoc/>
    public int ExampleCount => Rows.Length;

    /// <inheritdoc/>
    public int Dimension => Rows[0].Length;

    /// <inheritdoc/>
    public double Loss(ReadOnlySpan<double> theta)
    {
        double sum = 0.0;
        for (int i = 0; i < ExampleCount; i++)
        {
            sum += ExampleLoss(i, theta);
        }

        return sum / ExampleCount;
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        gradient.Clear();
        var g = new double[Dimension];
        for (int i = 0; i < ExampleCount; i++)
        {
            ExampleGradient(i, theta, g);
            for (int j = 0; j < Dimension; j++)
            {
                gradient[j] += g[j];
            }
        }

        for (int j = 0; j < Dimension; j++)
        {
            gradient[j] /= ExampleCount;
        }
    }

    /// <inheritdoc/>
    public double ExampleLoss(int example, ReadOnlySpan<double> theta)
    {
        double r = Residual(example, theta);
        return 0.5 * r * r;
    }

    /// <inheritdoc/>
    public void ExampleGradient(int example, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double r = Residual(example, theta);
        for (int j = 0; j < Dimension; j++)
        {
            gradient[j] = r * Rows[example][j];
        }
    }

    /// <inheritdoc/>
    public double ExampleGradientNorm(int example, ReadOnlySpan<double> theta)
    {
        double sq = 0.0;
        foreach (double a in Rows[example])
        {
            sq += a * a;
        }

        return Math.Abs(Residual(example, theta)) * Math.Sqrt(sq);
    }

    private double Residual(int example, ReadOnlySpan<double> theta)
    {
        double dot = 0.0;
        for (int j = 0; j < Dimension; j++)
        {
            dot += Rows[example][j] * theta[j];
        }

        return dot - Targets[example];
    }
}
