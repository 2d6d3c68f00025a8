using System.Globalization;
using Verification.Convex.Data.Imdb;
using Verification.Convex.Data.Mnist;
using Verification.Convex.Optima;
using Xunit.Abstractions;

namespace Verification.Properties.Convex;

/// <summary>
/// The empirical-risk minimisers of the two logistic-regression problems of DASGrad Section 5 on the full official
/// training sets. Data must be present (CI has ../shared/data beside the repository): a missing file fails the test.
/// </summary>
public sealed class RealDataOptimaTests(ITestOutputHelper output)
{
    [Fact]
    public void Mnist_multinomial_optimum_reaches_the_KKT_tolerance()
    {
        RealDataOptimum optimum = RealDataOptimum.Mnist();
        Assert.Equal(MnistLoader.OfficialTrainCount, optimum.Examples);
        Report(optimum);
        Assert.True(optimum.Solution.Converged, $"KKT residual {optimum.Solution.KktResidualInfinity:G3} > {RealDataOptimum.KktTolerance:G3}");
    }

    [Fact]
    public void Imdb_binary_optimum_reaches_the_KKT_tolerance()
    {
        RealDataOptimum optimum = RealDataOptimum.Imdb();
        Assert.Equal(ImdbLoader.OfficialSplitCount, optimum.Examples);
        Report(optimum);
        Assert.True(optimum.Solution.Converged, $"KKT residual {optimum.Solution.KktResidualInfinity:G3} > {RealDataOptimum.KktTolerance:G3}");
    }

    private void Report(RealDataOptimum o)
    {
        BoxSolution s = o.Solution;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{o.Problem}: n={o.Examples} d={o.Dimension} lambda={o.Lambda:G3} load={o.LoadSeconds:F2}s build={o.BuildSeconds:F2}s gradient-pass={o.GradientPassSeconds:F3}s solve={o.SolveSeconds:F2}s "
            + $"F*={s.Value:R} KKT_inf={s.KktResidualInfinity:G3} KKT_2={s.KktResidualEuclidean:G3} newton={s.Iterations} "
            + $"gradients={s.GradientEvaluations} Hv={s.HessianProducts} atLower={s.AtLowerBound} atUpper={s.AtUpperBound}"));
    }
}
