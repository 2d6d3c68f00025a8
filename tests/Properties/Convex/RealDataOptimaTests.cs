using System.Diagnostics;
using System.Globalization;
using Verification.Convex.Data.Imdb;
using Verification.Convex.Data.Mnist;
using Verification.Convex.Features;
using Verification.Convex.Objectives;
using Verification.Convex.Optima;
using Xunit.Abstractions;

namespace Verification.Properties.Convex;

/// <summary>
/// The empirical-risk minimisers of the two logistic-regression problems of DASGrad Section 5 on the full official
/// training sets. Data must be present (CI has ../shared/data beside the repository): a missing file fails the test.
/// </summary>
public sealed class RealDataOptimaTests(ITestOutputHelper output)
{
    // The KKT residual asked of the solver: ‖Π_F(θ − ∇F(θ)) − θ‖_∞ ≤ 1e-7, well inside the 1e-6 the issue sets and still
    // far above the rounding floor of a 60,000-term mean (about 1e-12 relative).
    private const double KktTolerance = 1e-7;

    [Fact]
    public void Mnist_multinomial_optimum_reaches_the_KKT_tolerance()
    {
        var clock = Stopwatch.StartNew();
        MnistDataset train = MnistLoader.Load(MnistSplit.Train);
        double load = clock.Elapsed.TotalSeconds;
        Assert.Equal(MnistLoader.OfficialTrainCount, train.Count);

        // λ = 1e-3 on pixels / 255: strong enough that Newton-CG converges in seconds on two cores, weak enough that
        // the model is not trivial. Box [-1, 1]^d: the feasible set F of the regret analysis (D_∞ = 2).
        const double lambda = 1e-3;
        clock.Restart();
        var objective = MultinomialLogisticRegression.FromMnist(train, lambda);
        double build = clock.Elapsed.TotalSeconds;
        var box = BoxConstraint.Uniform(objective.Dimension, -1.0, 1.0);

        clock.Restart();
        var gradient = new double[objective.Dimension];
        objective.ValueAndGradient(new double[objective.Dimension], gradient);
        double onePass = clock.Elapsed.TotalSeconds;

        clock.Restart();
        BoxSolution solution = new ProjectedNewtonSolver { Tolerance = KktTolerance }.Minimize(objective, box, new double[objective.Dimension]);
        double solve = clock.Elapsed.TotalSeconds;

        Report("MNIST multinomial", train.Count, objective.Dimension, lambda, load, build, onePass, solve, solution);
        Assert.True(solution.Converged, $"KKT residual {solution.KktResidualInfinity:G3} > {KktTolerance:G3}");
    }

    [Fact]
    public void Imdb_binary_optimum_reaches_the_KKT_tolerance()
    {
        var clock = Stopwatch.StartNew();
        List<ImdbReview> train = ImdbLoader.Load(ImdbSplit.Train);
        Vocabulary vocabulary = Vocabulary.Load(ImdbLoader.LocateVocabulary());
        double load = clock.Elapsed.TotalSeconds;
        Assert.Equal(ImdbLoader.OfficialSplitCount, train.Count);

        clock.Restart();
        string[] texts = train.Select(r => r.Text).ToArray();
        var featurizer = new BagOfWordsFeaturizer(vocabulary, new BagOfWordsOptions { Values = FeatureValue.TfIdf, Normalization = RowNormalization.L2 }).Fit(texts);
        CsrMatrix x = featurizer.Transform(texts);
        // λ = 1e-4 with unit-length tf-idf rows: the Hessian's largest eigenvalue is at most 1/4 + λ, so the condition
        // number stays below 2,600 and CG converges in a few hundred sparse passes.
        const double lambda = 1e-4;
        var objective = new BinaryLogisticRegression(x, train.Select(r => r.Label).ToArray(), lambda);
        double build = clock.Elapsed.TotalSeconds;
        var box = BoxConstraint.Uniform(objective.Dimension, -1.0, 1.0);

        clock.Restart();
        var gradient = new double[objective.Dimension];
        objective.ValueAndGradient(new double[objective.Dimension], gradient);
        double onePass = clock.Elapsed.TotalSeconds;

        clock.Restart();
        BoxSolution solution = new ProjectedNewtonSolver { Tolerance = KktTolerance }.Minimize(objective, box, new double[objective.Dimension]);
        double solve = clock.Elapsed.TotalSeconds;

        output.WriteLine($"IMDB features: {x.RowCount} x {x.ColumnCount}, nnz {x.NonZeroCount}");
        Report("IMDB binary", train.Count, objective.Dimension, lambda, load, build, onePass, solve, solution);
        Assert.True(solution.Converged, $"KKT residual {solution.KktResidualInfinity:G3} > {KktTolerance:G3}");
    }

    private void Report(string name, int n, int d, double lambda, double load, double build, double onePass, double solve, BoxSolution s) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: n={n} d={d} lambda={lambda:G3} load={load:F2}s build={build:F2}s gradient-pass={onePass:F3}s solve={solve:F2}s "
            + $"F*={s.Value:R} KKT_inf={s.KktResidualInfinity:G3} KKT_2={s.KktResidualEuclidean:G3} newton={s.Iterations} "
            + $"gradients={s.GradientEvaluations} Hv={s.HessianProducts} atLower={s.AtLowerBound} atUpper={s.AtUpperBound}"));
}
