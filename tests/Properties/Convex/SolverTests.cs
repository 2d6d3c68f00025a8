using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Verification.Convex.Objectives;
using Verification.Convex.Optima;
using Verification.Convex.Online;

namespace Verification.Properties.Convex;

public sealed class SolverTests
{
    // The solver's stopping rule on ‖Π_F(θ − ∇F) − θ‖_∞. For a μ-strongly convex F this bounds ‖θ − θ*‖ by about
    // residual/μ, which the comparisons below rely on.
    private const double KktTolerance = 1e-10;

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void Projected_newton_agrees_with_MathNet_bounded_BFGS(ulong seed)
    {
        BinaryLogisticRegression f = Instances.Binary(seed, n: 40, p: 8, density: 0.6);
        // A box half as wide as the unconstrained optimum, so that some coordinates end at a bound (checked below) and
        // the active-set logic is exercised.
        BoxSolution free = new ProjectedNewtonSolver { Tolerance = KktTolerance }.Minimize(
            f, BoxConstraint.Uniform(f.Dimension, double.NegativeInfinity, double.PositiveInfinity), new double[f.Dimension]);
        double r = 0.5 * free.Theta.Max(Math.Abs);
        var box = BoxConstraint.Uniform(f.Dimension, -r, r);
        BoxSolution ours = new ProjectedNewtonSolver { Tolerance = KktTolerance }.Minimize(f, box, new double[f.Dimension]);
        Assert.True(ours.Converged);
        Assert.True(ours.AtLowerBound + ours.AtUpperBound > 0, "no bound is active; the test would not exercise the box");

        IObjectiveFunction objective = ObjectiveFunction.Gradient(
            v => f.Value(v.ToArray()),
            v =>
            {
                var g = new double[f.Dimension];
                f.ValueAndGradient(v.ToArray(), g);
                return Vector<double>.Build.DenseOfArray(g);
            });
        var bfgs = new BfgsBMinimizer(1e-10, 1e-12, 1e-14, 10_000);
        MinimizationResult theirs = bfgs.FindMinimum(objective,
            Vector<double>.Build.Dense(f.Dimension, -r), Vector<double>.Build.Dense(f.Dimension, r), Vector<double>.Build.Dense(f.Dimension, 0.0));

        // Both minimise the same strongly convex function; BFGS-B stops on its own gradient test, so the points agree to
        // about 1e-6 and the values (quadratic in the distance) to about 1e-10.
        Assert.Equal(theirs.FunctionInfoAtMinimum.Value, ours.Value, 1e-10);
        for (int j = 0; j < f.Dimension; j++)
        {
            Assert.Equal(theirs.MinimizingPoint[j], ours.Theta[j], 1e-6);
        }

        Assert.True(ours.Value <= theirs.FunctionInfoAtMinimum.Value + 1e-12, "projected Newton found a worse point than BFGS-B");
    }

    [Fact]
    public void Jacobi_preconditioned_solve_reaches_the_same_optimum()
    {
        BinaryLogisticRegression f = Instances.Binary(7, n: 60, p: 10, density: 0.5);
        var box = BoxConstraint.Uniform(f.Dimension, -0.05, 0.05);
        BoxSolution plain = new ProjectedNewtonSolver { Tolerance = KktTolerance }.Minimize(f, box, new double[f.Dimension]);
        BoxSolution jacobi = new ProjectedNewtonSolver { Tolerance = KktTolerance, UseJacobiPreconditioner = true }.Minimize(f, box, new double[f.Dimension]);
        Assert.True(plain.Converged && jacobi.Converged);
        Assert.Equal(plain.Theta, jacobi.Theta, (a, b) => Math.Abs(a - b) <= 1e-8);

        // The diagonal the preconditioner uses is the Hessian's: e_jᵀ H e_j.
        IHessianOperator h = f.Hessian(plain.Theta);
        var diagonal = new double[f.Dimension];
        h.Diagonal(diagonal);
        var e = new double[f.Dimension];
        var column = new double[f.Dimension];
        for (int j = 0; j < f.Dimension; j++)
        {
            Array.Clear(e);
            e[j] = 1.0;
            h.Multiply(e, column);
            Assert.Equal(column[j], diagonal[j], 1e-14);
        }

        var m = Instances.Multinomial(7);
        IHessianOperator hm = m.Hessian(Instances.Vector(7, 1, m.Dimension, 1.0));
        var dm = new double[m.Dimension];
        hm.Diagonal(dm);
        e = new double[m.Dimension];
        column = new double[m.Dimension];
        for (int j = 0; j < m.Dimension; j += 5)
        {
            Array.Clear(e);
            e[j] = 1.0;
            hm.Multiply(e, column);
            Assert.Equal(column[j], dm[j], 1e-14);
        }
    }

    [Fact]
    public void Kkt_residual_is_the_projected_gradient_step()
    {
        var box = new BoxConstraint([-1.0, -1.0, 0.0], [1.0, 1.0, 2.0]);
        // Interior point: the residual is −g (clipped only if the step leaves the box).
        (double inf, double two) = KktResidual.Compute(box, [0.0, 0.5, 1.0], [0.25, -0.1, 0.0]);
        Assert.Equal(0.25, inf);
        Assert.Equal(Math.Sqrt(0.0625 + 0.01), two, 1e-15);
        // At the lower bound with a gradient pushing outwards: optimal in that coordinate.
        Assert.Equal(0.0, KktResidual.Compute(box, [-1.0, 1.0, 0.0], [3.0, -2.0, 0.0]).Infinity);
        // At the lower bound with a gradient pointing inwards: not optimal, the step is clipped at the upper bound.
        Assert.Equal(2.0, KktResidual.Compute(box, [-1.0, 1.0, 0.0], [-5.0, 0.0, 0.0]).Infinity);
    }

    [Theory]
    [InlineData(VarianceShape.Isotropic)]
    [InlineData(VarianceShape.CoordinateHeteroscedastic)]
    [InlineData(VarianceShape.ExampleHeteroscedastic)]
    public void Centroid_optimum_is_the_clipped_mean(VarianceShape shape)
    {
        var problem = new CentroidProblem(new CentroidOptions { Dimension = 6, ExampleCount = 50, Variance = 4.0, Shape = shape, Center = 0.8, Seed = 5 });
        var box = BoxConstraint.Uniform(6, -0.5, 0.9);
        BoxSolution s = new ProjectedNewtonSolver { Tolerance = KktTolerance }.Minimize(problem, box, new double[6]);
        double[] exact = problem.Minimizer(box);
        // F = ½‖θ − x̄‖² + const is 1-strongly convex: ‖θ − θ*‖_∞ ≤ residual, and Newton is exact on a quadratic.
        for (int k = 0; k < 6; k++)
        {
            Assert.Equal(exact[k], s.Theta[k], 1e-12);
        }
    }

    [Theory]
    [InlineData(false, 30L)]
    [InlineData(false, 31L)]
    [InlineData(true, 1000L)]
    [InlineData(true, 7L)]
    public void Best_fixed_point_in_hindsight_matches_the_closed_form_for_Reddi_losses(bool stochastic, long horizon)
    {
        ReddiCounterexample problem = stochastic ? ReddiCounterexample.Stochastic(10.0, 0.5, seed: 3) : ReddiCounterexample.Deterministic(3.0);
        (double point, double cumulative) = problem.BestFixedPoint(horizon);
        (double[] theta, double solverCumulative, BoxSolution solution) = HindsightComparator.BestFixedPoint(problem, horizon);
        Assert.True(solution.Converged);
        Assert.Equal(point, theta[0]);
        // Sums of up to 1,000 slopes of size ≤ 10 in a different order: 1e-12 relative.
        Assert.Equal(cumulative, solverCumulative, 1e-12 * Math.Max(1.0, Math.Abs(cumulative)));
    }

    [Fact]
    public void Best_fixed_point_of_a_finite_sum_is_its_optimum()
    {
        var problem = new CentroidProblem(new CentroidOptions { Dimension = 3, ExampleCount = 20, Seed = 9 });
        var online = new FiniteSumOnlineProblem(problem, BoxConstraint.Uniform(3, -0.1, 0.1));
        (double[] theta, double cumulative, _) = HindsightComparator.BestFixedPoint(online, 5, new ProjectedNewtonSolver { Tolerance = KktTolerance });
        double[] exact = problem.Minimizer(online.FeasibleSet);
        Assert.Equal(exact, theta, (a, b) => Math.Abs(a - b) <= 1e-12);
        Assert.Equal(5 * problem.Value(exact), cumulative, 1e-12);
    }
}
