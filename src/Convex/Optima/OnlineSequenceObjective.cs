using Verification.Convex.Objectives;
using Verification.Convex.Online;

namespace Verification.Convex.Optima;

/// <summary>(1/T) Σ_{t=1}^T f_t of an online problem, whose minimiser over F is the best fixed point in hindsight.</summary>
public sealed class OnlineSequenceObjective : ISmoothConvexObjective
{
    /// <summary>Averages rounds 1..<paramref name="horizon"/> of <paramref name="problem"/>.</summary>
    public OnlineSequenceObjective(IOnlineProblem problem, long horizon)
    {
        Problem = problem ?? throw new ArgumentNullException(nameof(problem));
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        Horizon = horizon;
    }

    /// <summary>The online problem.</summary>
    public IOnlineProblem Problem { get; }

    /// <summary>T.</summary>
    public long Horizon { get; }

    /// <inheritdoc/>
    public int Dimension => Problem.Dimension;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> theta)
    {
        double sum = 0.0;
        for (long t = 1; t <= Horizon; t++)
        {
            sum += Problem.Loss(t, theta);
        }

        return sum / Horizon;
    }

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        var g = new double[Dimension];
        gradient.Clear();
        for (long t = 1; t <= Horizon; t++)
        {
            Problem.Gradient(t, theta, g);
            DenseKernels.Axpy(1.0 / Horizon, g, gradient);
        }

        return Value(theta);
    }

    /// <inheritdoc/>
    public IHessianOperator Hessian(ReadOnlySpan<double> theta)
    {
        var parts = new IHessianOperator[Horizon];
        for (long t = 1; t <= Horizon; t++)
        {
            parts[t - 1] = Problem.Hessian(t, theta);
        }

        return new AverageHessian(parts, Dimension);
    }

    private sealed class AverageHessian(IHessianOperator[] parts, int dimension) : IHessianOperator
    {
        public void Diagonal(Span<double> diagonal)
        {
            var part = new double[dimension];
            diagonal.Clear();
            foreach (IHessianOperator h in parts)
            {
                h.Diagonal(part);
                DenseKernels.Axpy(1.0 / parts.Length, part, diagonal);
            }
        }

        public void Multiply(ReadOnlySpan<double> v, Span<double> result)
        {
            var part = new double[dimension];
            result.Clear();
            foreach (IHessianOperator h in parts)
            {
                h.Multiply(v, part);
                DenseKernels.Axpy(1.0 / parts.Length, part, result);
            }
        }
    }
}
