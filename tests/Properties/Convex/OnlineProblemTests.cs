using Verification.Convex.Data.Mnist;
using Verification.Convex.Objectives;
using Verification.Convex.Optima;
using Verification.Convex.Online;
using Verification.Reference.Validation;

namespace Verification.Properties.Convex;

public sealed class OnlineProblemTests
{
    [Fact]
    public void Deterministic_Reddi_losses_follow_the_period_three_pattern()
    {
        var p = ReddiCounterexample.Deterministic(3.0);
        Assert.Equal([3.0, -1.0, -1.0, 3.0, -1.0, -1.0, 3.0], Enumerable.Range(1, 7).Select(t => p.Slope(t)));
        var g = new double[1];
        p.Gradient(4, [0.2], g);
        Assert.Equal(3.0, g[0]);
        Assert.Equal(-0.2, p.Loss(2, [0.2]));
        Assert.Equal((-1.0, 1.0), (p.FeasibleSet.Lower[0], p.FeasibleSet.Upper[0]));
        // Every block of three rounds adds C − 2 > 0 to the slope sum, so x* = −1.
        Assert.Equal((-1.0, -(3.0 - 2.0) * 10), p.BestFixedPoint(30));
        Assert.Throws<InvalidHyperparameterException>(() => ReddiCounterexample.Deterministic(2.0));
    }

    [Fact]
    public void Stochastic_Reddi_losses_have_probability_p_and_expected_slope_delta()
    {
        const double c = 10.0, delta = 0.5;
        var p = ReddiCounterexample.Stochastic(c, delta, seed: 42);
        Assert.Equal(1.5 / 11.0, p.Probability);
        const int draws = 200_000;
        int large = Enumerable.Range(1, draws).Count(t => p.Slope(t) == c);
        double frequency = (double)large / draws;
        // Five binomial standard deviations: a false failure has probability below 1e-6.
        double sd = Math.Sqrt(p.Probability * (1 - p.Probability) / draws);
        Assert.InRange(frequency, p.Probability - 5 * sd, p.Probability + 5 * sd);
        double meanSlope = frequency * c - (1 - frequency);
        Assert.InRange(meanSlope, delta - 5 * sd * (c + 1), delta + 5 * sd * (c + 1));

        // The draws are a pure function of (seed, t).
        var again = ReddiCounterexample.Stochastic(c, delta, seed: 42);
        var other = ReddiCounterexample.Stochastic(c, delta, seed: 43);
        Assert.Equal(Enumerable.Range(1, 500).Select(t => p.Slope(t)), Enumerable.Range(1, 500).Select(t => again.Slope(t)));
        Assert.NotEqual(Enumerable.Range(1, 500).Select(t => p.Slope(t)), Enumerable.Range(1, 500).Select(t => other.Slope(t)));
        Assert.Throws<InvalidHyperparameterException>(() => ReddiCounterexample.Stochastic(1.0, 1.0, 1));
    }

    [Fact]
    public void Centroid_variance_is_controlled_for_every_shape()
    {
        const int d = 8, n = 20_000;
        const double sigma2 = 2.25;
        foreach (VarianceShape shape in Enum.GetValues<VarianceShape>())
        {
            var problem = new CentroidProblem(new CentroidOptions { Dimension = d, ExampleCount = n, Variance = sigma2, Shape = shape, Spread = 10, Center = 1.0, Seed = 7 });
            // The gradient variance (1/n)Σ‖x_i − x̄‖² estimates d σ²; 3% covers the sampling error of 160,000 squared
            // normals (relative sd about 1.2% for the heaviest, example-heteroscedastic, shape).
            Assert.Equal(d * sigma2, problem.GradientVariance(), d * sigma2 * 0.03);
            Assert.All(problem.Mean(), m => Assert.Equal(1.0, m, 0.1));
            Assert.Equal(1.0, problem.CoordinateScales.Average(s => s * s), 1e-12);
            Assert.Equal(1.0, problem.ExampleScales.Average(s => s * s), 1e-12);
        }

        var coordinate = new CentroidProblem(new CentroidOptions { Dimension = d, ExampleCount = 10, Shape = VarianceShape.CoordinateHeteroscedastic, Spread = 10 });
        Assert.Equal(10.0, coordinate.CoordinateScales[^1] / coordinate.CoordinateScales[0], 1e-12);
        var example = new CentroidProblem(new CentroidOptions { Dimension = d, ExampleCount = 1000, Shape = VarianceShape.ExampleHeteroscedastic, Spread = 10 });
        Assert.InRange(example.ExampleScales.Max() / example.ExampleScales.Min(), 8.0, 10.0);
    }

    [Fact]
    public void Example_heteroscedastic_data_spreads_the_per_example_gradient_norms()
    {
        // What importance sampling exploits (DASGrad Fig. 2): the same total variance, more unequal gradient norms.
        double Dispersion(VarianceShape shape)
        {
            var problem = new CentroidProblem(new CentroidOptions { Dimension = 4, ExampleCount = 4000, Shape = shape, Seed = 3 });
            double[] mean = problem.Mean();
            double[] norms = Enumerable.Range(0, problem.ExampleCount).Select(i => problem.ExampleGradientNorm(i, mean)).ToArray();
            double avg = norms.Average();
            return Math.Sqrt(norms.Average(x => (x - avg) * (x - avg))) / avg;
        }

        Assert.True(Dispersion(VarianceShape.ExampleHeteroscedastic) > 1.5 * Dispersion(VarianceShape.Isotropic));
    }

    [Fact]
    public void Centroid_gradients_and_norms_are_exact()
    {
        var problem = new CentroidProblem(new CentroidOptions { Dimension = 3, ExampleCount = 5, Seed = 2 });
        double[] theta = [0.1, -0.2, 0.3];
        var g = new double[3];
        problem.ExampleGradient(4, theta, g);
        ReadOnlySpan<double> x = problem.Point(4);
        Assert.Equal([theta[0] - x[0], theta[1] - x[1], theta[2] - x[2]], g);
        Assert.Equal(Math.Sqrt(g.Sum(v => v * v)), problem.ExampleGradientNorm(4, theta), 1e-15);
        Assert.Equal(problem.Point(2).ToArray(), new CentroidProblem(new CentroidOptions { Dimension = 3, ExampleCount = 5, Seed = 2 }).Point(2).ToArray());
    }

    private static MnistDataset SyntheticMnist(int perClass)
    {
        int n = perClass * 10;
        byte[] labels = Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray();
        byte[] pixels = Enumerable.Range(0, n * 4).Select(i => (byte)(i * 31 % 256)).ToArray();
        return new MnistDataset(2, 2, pixels, labels);
    }

    [Fact]
    public void Unbalanced_mnist_removes_ninety_percent_of_two_digits()
    {
        MnistDataset train = MnistLoader.Load(MnistSplit.Train);
        int[] testCounts = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];
        UnbalancedMnist u = UnbalancedMnist.Create(train, testCounts);
        int[] original = train.ClassCounts();
        Assert.Equal([3, 8], u.ReducedDigits);
        for (int y = 0; y < 10; y++)
        {
            int expected = y is 3 or 8 ? original[y] - (int)Math.Round(0.9 * original[y], MidpointRounding.AwayFromZero) : original[y];
            Assert.Equal(expected, u.TrainClassCounts[y]);
        }

        Assert.Equal(613, u.TrainClassCounts[3]);
        Assert.Equal(585, u.TrainClassCounts[8]);
        Assert.Equal(u.KeptIndices.Order(), u.KeptIndices);
        Assert.All(Enumerable.Range(0, u.Count).Where(i => i % 997 == 0), i => Assert.Equal(train.Labels[u.KeptIndices[i]], u.Data.Labels[i]));

        // The prior-shift weights put exactly the test class balance on the unbalanced set; the printed ones do not.
        double[] prior = u.ClassTargetMass(UnbalancedWeighting.PriorShift);
        for (int y = 0; y < 10; y++)
        {
            Assert.Equal(testCounts[y] / 10_000.0, prior[y], 1e-12);
        }

        double[] printed = u.ClassTargetMass(UnbalancedWeighting.PaperAsPrintedPerN);
        Assert.True(printed[3] / printed[1] < 0.5 * (prior[3] / prior[1]), "the printed weights still under-weight digit 3");
        Assert.Equal(u.Count * printed.Sum(), u.ClassTargetMass(UnbalancedWeighting.PaperAsPrinted).Sum(), 1e-6);
    }

    [Fact]
    public void Prior_shift_weights_make_the_weighted_gradient_the_test_balanced_risk_gradient()
    {
        MnistDataset train = SyntheticMnist(perClass: 30);
        int[] testCounts = [5, 1, 1, 1, 1, 1, 1, 1, 1, 7];
        UnbalancedMnist u = UnbalancedMnist.Create(train, testCounts, [0, 9], 0.9, seed: 4);
        Assert.Equal(3, u.TrainClassCounts[0]);
        var f = MultinomialLogisticRegression.FromMnist(u.Data, 0.01);
        double[] theta = Instances.Vector(1, 1, f.Dimension, 0.5);

        // Any sampling distribution p: E_p[w ∇f_i] = Σ_i p_i w_i ∇f_i must equal Σ_y (c^test_y/n^test)·mean_{i∈y} ∇f_i.
        double[] p = Enumerable.Range(0, u.Count).Select(i => 1.0 + i % 7).ToArray();
        double total = p.Sum();
        var expected = new double[f.Dimension];
        var weighted = new double[f.Dimension];
        var g = new double[f.Dimension];
        for (int i = 0; i < u.Count; i++)
        {
            f.ExampleGradient(i, theta, g);
            int y = u.Data.Labels[i];
            double pi = p[i] / total;
            double w = u.Weight(i, pi, UnbalancedWeighting.PriorShift);
            DenseKernels.Axpy(pi * w, g, weighted);
            DenseKernels.Axpy((double)testCounts[y] / u.TestCount / u.TrainClassCounts[y], g, expected);
        }

        Assert.Equal(expected, weighted, (a, b) => Math.Abs(a - b) <= 1e-12);
        Assert.Equal(u.TargetMass(0, UnbalancedWeighting.PaperAsPrinted) / 0.25, u.Weight(0, 0.25, UnbalancedWeighting.PaperAsPrinted));
        Assert.Equal(u.TargetMass(0, UnbalancedWeighting.PaperAsPrintedPerN) * u.Count, u.TargetMass(0, UnbalancedWeighting.PaperAsPrinted), 1e-15);
    }

    [Fact]
    public void Unbalancing_is_reproducible_and_seed_dependent()
    {
        MnistDataset train = SyntheticMnist(perClass: 50);
        int[] tests = Enumerable.Repeat(1, 10).ToArray();
        var a = UnbalancedMnist.Create(train, tests, seed: 1);
        var b = UnbalancedMnist.Create(train, tests, seed: 1);
        var c = UnbalancedMnist.Create(train, tests, seed: 2);
        Assert.Equal(a.KeptIndices, b.KeptIndices);
        Assert.NotEqual(a.KeptIndices, c.KeptIndices);
        Assert.Throws<InvalidHyperparameterException>(() => UnbalancedMnist.Create(train, tests, removedFraction: 1.0));
    }

    [Fact]
    public void Box_constants_are_the_diameters()
    {
        var box = new BoxConstraint([-1.0, 0.0], [1.0, 0.5]);
        Assert.Equal(2.0, box.DiameterInfinity);
        Assert.Equal(Math.Sqrt(4.25), box.Diameter2, 1e-15);
        double[] theta = [3.0, -1.0];
        box.Project(theta);
        Assert.Equal([1.0, 0.0], theta);
        Assert.True(box.Contains(theta));
    }
}
