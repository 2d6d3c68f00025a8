using Verification.Convex.Online;

namespace Verification.Golden.Scenarios;

/// <summary>
/// Reddi, Kale and Kumar's one-dimensional online problem on F = [−1, 1] (<see cref="ReddiCounterexample"/> of
/// src/Convex): f_t(x) = C·x when the step is "large", else −x. Deterministic: large exactly when t mod 3 = 1.
/// Stochastic: large exactly when u_t &lt; p, p = (1 + δ)/(C + 1), u_t the uniform double of block 0 of Philox
/// stream 3 (<c>ProblemData</c>) at step t (docs/rng.md).
/// </summary>
/// <remarks>
/// Arithmetic (docs/golden-format.md): slope_t ∈ {C, −1.0}; ∇f_t = slope_t; f_t(θ) = slope_t·θ_0, one product. The
/// end line records f_{N+1}(θ_{N+1}). Nothing here touches exp or log, so every field is exact.
/// </remarks>
internal sealed class ReddiOnlineProblem : IGoldenProblem
{
    /// <summary>The period of the deterministic problem (f_t is the large one when t mod 3 = 1).</summary>
    public const int Period = 3;

    /// <summary>The feasible interval's lower end.</summary>
    public const double Lower = -1.0;

    /// <summary>The feasible interval's upper end.</summary>
    public const double Upper = 1.0;

    private ReddiOnlineProblem(ReddiCounterexample problem) => Problem = problem;

    /// <summary>The src/Convex problem this wraps.</summary>
    public ReddiCounterexample Problem { get; }

    /// <summary>The deterministic problem with slope C.</summary>
    public static ReddiOnlineProblem Deterministic(double c) => new(ReddiCounterexample.Deterministic(c));

    /// <summary>The stochastic problem with slope C, δ and the seed of its draws.</summary>
    public static ReddiOnlineProblem Stochastic(double c, double delta, ulong seed) => new(ReddiCounterexample.Stochastic(c, delta, seed));

    /// <inheritdoc/>
    public string Kind => "reddi_online";

    /// <inheritdoc/>
    public int Dimension => 1;

    /// <inheritdoc/>
    public double Loss(ReadOnlySpan<double> theta) =>
        throw new NotSupportedException("reddi_online is an online problem: its loss depends on the step (LossAt).");

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient) =>
        throw new NotSupportedException("reddi_online is an online problem: its gradient depends on the step (GradientAt).");

    /// <inheritdoc/>
    public double LossAt(long t, ReadOnlySpan<double> theta) => Problem.Loss(t, theta);

    /// <inheritdoc/>
    public void GradientAt(long t, ReadOnlySpan<double> theta, Span<double> gradient) => Problem.Gradient(t, theta, gradient);
}
