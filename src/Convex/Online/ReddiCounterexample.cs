using Verification.Convex.Objectives;
using Verification.Convex.Optima;
using Verification.Reference.Random;
using Verification.Reference.Validation;

namespace Verification.Convex.Online;

/// <summary>
/// The one-dimensional counterexamples of Reddi, Kale and Kumar, "On the convergence of Adam and beyond" (ICLR 2018),
/// on F = [−1, 1]. Deterministic (their Section 3, Theorem 1): f_t(x) = C x when t mod 3 = 1, else −x, with C &gt; 2 so
/// that x* = −1 over any multiple of 3 rounds. Stochastic (their Theorem 3): f_t(x) = C x when u_t &lt; p, else −x,
/// with p = (1 + δ)/(C + 1), 0 &lt; δ &lt; C, and u_t the uniform double of
/// <c>PhiloxStream(seed, RandomStream.ProblemData).UniformDouble(step: t, index: 0)</c>; the expected loss is
/// E f_t(x) = (pC − (1 − p)) x = δ x, minimised at x* = −1. Reddi et al. take C large relative to β1, β2 (their
/// condition is not restated here); only p ∈ (0, 1) is enforced.
/// </summary>
public sealed class ReddiCounterexample : IOnlineProblem
{
    private readonly PhiloxStream _stream;

    private ReddiCounterexample(double c, double delta, bool stochastic, ulong seed)
    {
        C = c;
        Delta = delta;
        IsStochastic = stochastic;
        Seed = seed;
        _stream = new PhiloxStream(seed, RandomStream.ProblemData);
        Probability = stochastic ? (1.0 + delta) / (c + 1.0) : double.NaN;
    }

    /// <summary>The deterministic family of Theorem 1 (C &gt; 2).</summary>
    public static ReddiCounterexample Deterministic(double c)
    {
        if (!(c > 2.0) || double.IsInfinity(c))
        {
            throw new InvalidHyperparameterException(nameof(c), c, "must be finite and > 2 (Reddi et al., Theorem 1)");
        }

        return new ReddiCounterexample(c, double.NaN, false, 0);
    }

    /// <summary>The stochastic family of Theorem 3 with p = (1 + δ)/(C + 1).</summary>
    public static ReddiCounterexample Stochastic(double c, double delta, ulong seed)
    {
        Guard.Positive(nameof(c), c);
        Guard.Positive(nameof(delta), delta);
        if (!(delta < c))
        {
            throw new InvalidHyperparameterException(nameof(delta), delta, "must be < C so that p = (1 + delta)/(C + 1) < 1");
        }

        return new ReddiCounterexample(c, delta, true, seed);
    }

    /// <summary>The large slope C.</summary>
    public double C { get; }

    /// <summary>δ of the stochastic family (NaN for the deterministic one).</summary>
    public double Delta { get; }

    /// <summary>p = (1 + δ)/(C + 1) of the stochastic family (NaN for the deterministic one).</summary>
    public double Probability { get; }

    /// <summary>Whether the losses are drawn at random.</summary>
    public bool IsStochastic { get; }

    /// <summary>The seed of the draws (0 and unused for the deterministic family).</summary>
    public ulong Seed { get; }

    /// <inheritdoc/>
    public int Dimension => 1;

    /// <inheritdoc/>
    public BoxConstraint FeasibleSet { get; } = BoxConstraint.Uniform(1, -1.0, 1.0);

    /// <summary>The minimiser of the expected loss (stochastic) or of every 3-round block (deterministic): x* = −1.</summary>
    public static double ExpectedMinimizer => -1.0;

    /// <summary>The slope of f_t: C or −1.</summary>
    public double Slope(long t)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        bool large = IsStochastic ? _stream.UniformDouble((ulong)t, 0) < Probability : t % 3 == 1;
        return large ? C : -1.0;
    }

    /// <inheritdoc/>
    public double Loss(long t, ReadOnlySpan<double> theta) => Slope(t) * theta[0];

    /// <inheritdoc/>
    public void Gradient(long t, ReadOnlySpan<double> theta, Span<double> gradient) => gradient[0] = Slope(t);

    /// <inheritdoc/>
    public IHessianOperator Hessian(long t, ReadOnlySpan<double> theta) => ZeroHessian.Instance;

    /// <summary>
    /// The best fixed point in hindsight of the realised losses f_1..f_T in closed form: with S = Σ_t slope_t, x* = −1
    /// when S &gt; 0, +1 when S &lt; 0, and −1 (one of all the optimal points) when S = 0.
    /// </summary>
    public (double Point, double CumulativeLoss) BestFixedPoint(long horizon)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        double sum = 0.0;
        for (long t = 1; t <= horizon; t++)
        {
            sum += Slope(t);
        }

        double x = sum >= 0 ? -1.0 : 1.0;
        return (x, sum * x);
    }

    private sealed class ZeroHessian : IHessianOperator
    {
        public static ZeroHessian Instance { get; } = new();

        public void Multiply(ReadOnlySpan<double> v, Span<double> result) => result.Clear();

        public void Diagonal(Span<double> diagonal) => diagonal.Clear();
    }
}
