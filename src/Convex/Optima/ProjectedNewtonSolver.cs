using Verification.Convex.Objectives;
using Verification.Reference.Validation;

namespace Verification.Convex.Optima;

/// <summary>
/// Minimises a smooth convex F over a box by a projected Newton method (Bertsekas, "Projected Newton methods for
/// optimization problems with simple constraints", SIAM J. Control Optim. 20(2), 1982) with the Newton system solved
/// inexactly by conjugate gradients on the free coordinates (Hessian-vector products only, so d = 89,528 is fine).
/// </summary>
/// <remarks>
/// Iteration k: ε_k = min(<see cref="BindingThreshold"/>, ‖r(θ)‖₂) with r the KKT residual; the ε-active set holds the
/// coordinates within ε_k of a bound whose gradient points out of the box. Free coordinates take the CG Newton step
/// (forcing term min(0.1, √‖g_F‖), so convergence is superlinear), active ones the negative gradient; the trial point
/// Π_F(θ + α d) is accepted by Armijo's rule F(θ_α) ≤ F(θ) + σ⟨∇F(θ), θ_α − θ⟩ with σ = 1e-4, halving α. Near the
/// optimum the decrease can fall below the rounding of F itself; a full step that changes F by no more than that and
/// lowers the KKT residual is then accepted. The stopping rule is ‖r(θ)‖_∞ ≤ <see cref="Tolerance"/>. A Hessian with no
/// curvature along the search (linear F) makes CG return the steepest-descent direction.
/// </remarks>
public sealed class ProjectedNewtonSolver
{
    private const double ArmijoFraction = 1e-4;

    // 2^-52: the spacing of doubles at 1, so a change in F below 64·2^-52·|F| is indistinguishable from rounding.
    private const double RoundingUnit = 2.220446049250313e-16;

    /// <summary>Stop when ‖Π_F(θ − ∇F(θ)) − θ‖_∞ ≤ this. Default 1e-8.</summary>
    public double Tolerance { get; init; } = 1e-8;

    /// <summary>Maximum outer iterations. Default 200.</summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>Maximum CG iterations per Newton step. Default 500.</summary>
    public int MaxConjugateGradientIterations { get; init; } = 500;

    /// <summary>
    /// Whether CG is preconditioned with the Hessian's diagonal. Off by default: on the MNIST and IMDB problems it took
    /// more Hessian products than plain CG (229 against 186, and 74 against 29).
    /// </summary>
    public bool UseJacobiPreconditioner { get; init; }

    /// <summary>The ε of Bertsekas' ε-active set. Default 1e-3.</summary>
    public double BindingThreshold { get; init; } = 1e-3;

    /// <summary>Minimises <paramref name="objective"/> over <paramref name="box"/> from <paramref name="start"/> (projected first).</summary>
    public BoxSolution Minimize(ISmoothConvexObjective objective, BoxConstraint box, ReadOnlySpan<double> start)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(box);
        int d = objective.Dimension;
        Guard.SameLength("box", box.Dimension, "objective dimension", d);
        Guard.SameLength(nameof(start), start.Length, "objective dimension", d);
        Guard.Positive(nameof(Tolerance), Tolerance);

        double[] theta = start.ToArray();
        box.Project(theta);
        double[] g = new double[d];
        double[] direction = new double[d];
        double[] trial = new double[d];
        double[] trialGradient = new double[d];
        bool[] active = new bool[d];
        double value = objective.ValueAndGradient(theta, g);
        int gradients = 1;
        int products = 0;
        int iteration = 0;
        (double rInf, double r2) = KktResidual.Compute(box, theta, g);

        while (rInf > Tolerance && iteration < MaxIterations)
        {
            iteration++;
            double epsilon = Math.Min(BindingThreshold, r2);
            for (int j = 0; j < d; j++)
            {
                active[j] = (theta[j] <= box.Lower[j] + epsilon && g[j] > 0) || (theta[j] >= box.Upper[j] - epsilon && g[j] < 0);
            }

            products += NewtonDirection(objective.Hessian(theta), g, active, direction);
            for (int j = 0; j < d; j++)
            {
                if (active[j])
                {
                    direction[j] = -g[j];
                }
            }

            bool accepted = false;
            for (double alpha = 1.0; alpha > 1e-20 && !accepted; alpha *= 0.5)
            {
                double decrease = Step(box, theta, direction, alpha, g, trial);
                if (!(decrease < 0))
                {
                    break;
                }

                double trialValue = objective.Value(trial);
                if (trialValue <= value + ArmijoFraction * decrease)
                {
                    value = objective.ValueAndGradient(trial, g);
                    gradients++;
                    (theta, trial) = (trial, theta);
                    accepted = true;
                }
                else if (alpha == 1.0 && Math.Abs(trialValue - value) <= 64 * RoundingUnit * Math.Abs(value))
                {
                    // The predicted decrease is below the rounding of F: judge the full step by the residual instead.
                    double v = objective.ValueAndGradient(trial, trialGradient);
                    gradients++;
                    if (KktResidual.Compute(box, trial, trialGradient).Infinity < rInf)
                    {
                        value = v;
                        (theta, trial) = (trial, theta);
                        (g, trialGradient) = (trialGradient, g);
                        accepted = true;
                    }
                }
            }

            if (!accepted)
            {
                break;
            }

            (rInf, r2) = KktResidual.Compute(box, theta, g);
        }

        int atLower = 0;
        int atUpper = 0;
        for (int j = 0; j < d; j++)
        {
            atLower += theta[j] == box.Lower[j] ? 1 : 0;
            atUpper += theta[j] == box.Upper[j] ? 1 : 0;
        }

        return new BoxSolution
        {
            Theta = theta,
            Value = value,
            KktResidualInfinity = rInf,
            KktResidualEuclidean = r2,
            Converged = rInf <= Tolerance,
            Iterations = iteration,
            GradientEvaluations = gradients,
            HessianProducts = products,
            AtLowerBound = atLower,
            AtUpperBound = atUpper,
        };
    }

    // trial = Π_F(θ + α d); returns ⟨g, trial − θ⟩ (negative for a descent step).
    private static double Step(BoxConstraint box, double[] theta, double[] direction, double alpha, double[] g, double[] trial)
    {
        double decrease = 0.0;
        for (int j = 0; j < theta.Length; j++)
        {
            trial[j] = Math.Clamp(theta[j] + alpha * direction[j], box.Lower[j], box.Upper[j]);
            decrease += g[j] * (trial[j] - theta[j]);
        }

        return decrease;
    }

    // CG on H_FF d_F = −g_F (active coordinates held at 0), Jacobi-preconditioned on request. Returns the number of
    // Hessian products.
    private int NewtonDirection(IHessianOperator hessian, double[] g, bool[] active, double[] d)
    {
        int n = g.Length;
        var r = new double[n];
        var z = new double[n];
        var p = new double[n];
        var hp = new double[n];
        var inverseDiagonal = new double[n];
        Array.Fill(inverseDiagonal, 1.0);
        if (UseJacobiPreconditioner)
        {
            hessian.Diagonal(inverseDiagonal);
            for (int j = 0; j < n; j++)
            {
                // A zero or negative diagonal (linear losses) leaves that coordinate unpreconditioned.
                inverseDiagonal[j] = inverseDiagonal[j] > 0 ? 1.0 / inverseDiagonal[j] : 1.0;
            }
        }

        Array.Clear(d);
        double rr = 0.0;
        double rz = 0.0;
        for (int j = 0; j < n; j++)
        {
            r[j] = active[j] ? 0.0 : -g[j];
            z[j] = inverseDiagonal[j] * r[j];
            p[j] = z[j];
            rr += r[j] * r[j];
            rz += r[j] * z[j];
        }

        double gNorm = Math.Sqrt(rr);
        if (gNorm == 0.0)
        {
            return 0;
        }

        double target = Math.Min(0.1, Math.Sqrt(gNorm)) * gNorm;
        int products = 0;
        for (int it = 0; it < MaxConjugateGradientIterations; it++)
        {
            hessian.Multiply(p, hp);
            products++;
            double curvature = 0.0;
            double pp = 0.0;
            for (int j = 0; j < n; j++)
            {
                if (active[j])
                {
                    hp[j] = 0.0;
                }

                curvature += p[j] * hp[j];
                pp += p[j] * p[j];
            }

            if (!(curvature > 1e-14 * pp))
            {
                // No curvature along p (a linear or flat direction): keep the current iterate, or take steepest
                // descent when nothing has been accumulated yet.
                if (it == 0)
                {
                    Array.Copy(r, d, n);
                }

                break;
            }

            double a = rz / curvature;
            double rzNew = 0.0;
            rr = 0.0;
            for (int j = 0; j < n; j++)
            {
                d[j] += a * p[j];
                r[j] -= a * hp[j];
                z[j] = inverseDiagonal[j] * r[j];
                rzNew += r[j] * z[j];
                rr += r[j] * r[j];
            }

            if (Math.Sqrt(rr) <= target)
            {
                break;
            }

            double b = rzNew / rz;
            for (int j = 0; j < n; j++)
            {
                p[j] = z[j] + b * p[j];
            }

            rz = rzNew;
        }

        return products;
    }
}
