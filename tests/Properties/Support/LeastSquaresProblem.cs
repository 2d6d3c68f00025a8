using Verification.Reference.Problems;

namespace Verification.Properties.Support;

/// <summary>
/// f_i(θ) = ½(a_i·θ − b_i)², a small finite-sum objective with exact per-example gradients r_i·a_i and closed-form
/// norms |r_i|·‖a_i‖, for testing the samplers without the data sets.
/// </summary>
public sealed class LeastSquaresProblem(double[][] rows, double[] targets) : IFiniteSumObjective
{
    /// <inheritdoc/>
    public int ExampleCount => rows.Length;

    /// <inheritdoc/>
    public int Dimension => rows.Length == 0 ? 0 : rows[0].Length;

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
        for (int j = 0; j < gradient.Length; j++)
        {
            gradient[j] = r * rows[example][j];
        }
    }

    /// <inheritdoc/>
    public double ExampleGradientNorm(int example, ReadOnlySpan<double> theta)
    {
        double sq = 0.0;
        foreach (double a in rows[example])
        {
            sq += a * a;
        }

        return Math.Abs(Residual(example, theta)) * Math.Sqrt(sq);
    }

    private double Residual(int example, ReadOnlySpan<double> theta)
    {
        double dot = 0.0;
        for (int j = 0; j < theta.Length; j++)
        {
            dot += rows[example][j] * theta[j];
        }

        return dot - targets[example];
    }
}
