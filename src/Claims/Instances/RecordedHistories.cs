using FsCheck;
using FsCheck.Fluent;
using Verification.Claims.Catalogue;
using Verification.Convex.Data.Mnist;
using Verification.Convex.Objectives;
using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;
using Verification.Reference.Random;

namespace Verification.Claims.Instances;

/// <summary>
/// A realistic family for the per-coordinate claims: coordinate histories (g_{1:T,i}, Ω_{1:T,i}) recorded from
/// StochGradAdam (masked_adam, s = 0.8, lr 0.01) on L2 logistic regression on the first 2,000 MNIST training images,
/// with mini-batches of 32 drawn from the project's Philox stream. The run is recorded once per process (under a
/// second) and instances are prefixes of its coordinates' histories, so a stored counterexample is plain numbers.
/// </summary>
public static class RecordedHistories
{
    private const int Examples = 2000, Steps = 300, Batch = 32, CoordinatesKept = 256;
    private const double Lambda = 1e-3;

    private static readonly Lazy<(double[][] Gradients, bool[][] Keep)> Mnist = new(RecordMnist);

    /// <summary>The MNIST-recorded family; β pairs as in <see cref="CoordinateHistoryFamilies.Betas"/>.</summary>
    public static InstanceFamily<CoordinateHistory> MnistFamily(bool gammaBelowOne, int trials)
    {
        Gen<CoordinateHistory> generator =
            from coordinate in Gen.Choose(0, CoordinatesKept - 1)
            from t in Gen.Choose(1, Steps)
            from factor in Gen.Elements(1.0, 1.0, 1.5, 10.0)
            from betas in CoordinateHistoryFamilies.Betas(gammaBelowOne)
            select new CoordinateHistory(Mnist.Value.Gradients[coordinate][..t], Mnist.Value.Keep[coordinate][..t], factor, betas.Beta1, betas.Beta2);
        return new InstanceFamily<CoordinateHistory>(
            "mnist-recorded",
            $"histories of {CoordinatesKept} coordinates of masked_adam (s = 0.8) on MNIST logistic regression ({Examples:N0} images, batch {Batch}), prefixes T ≤ {Steps}",
            generator,
            h => CoordinateHistoryFamilies.Shrink(h, gammaBelowOne),
            trials);
    }

    private static (double[][] Gradients, bool[][] Keep) RecordMnist()
    {
        MnistDataset data = MnistLoader.Load(MnistSplit.Train).Subset(Enumerable.Range(0, Examples).ToArray());
        var problem = MultinomialLogisticRegression.FromMnist(data, Lambda);
        int d = problem.Dimension;
        var optimizer = new Verification.Reference.Optimizers.StochGradAdam.StochGradAdam(new StochGradAdamOptions { SamplingRate = 0.8, LearningRate = 0.01, Seed = 20261125 });
        OptimizerState state = optimizer.Init(d);
        var theta = new double[d];
        var sampling = new PhiloxStream(20261125, RandomStream.Instances);
        var gradients = new double[Steps][];
        var keeps = new bool[Steps][];
        var example = new double[d];
        for (int t = 1; t <= Steps; t++)
        {
            var g = new double[d];
            for (int b = 0; b < Batch; b++)
            {
                problem.ExampleGradient((int)(sampling.UniformDouble((ulong)t, (ulong)b) * Examples), theta, example);
                for (int j = 0; j < d; j++)
                {
                    g[j] += example[j] / Batch;
                }
            }

            gradients[t - 1] = g;
            keeps[t - 1] = optimizer.Mask(t, d);
            optimizer.Step(state, theta, g);
        }

        // Keep the coordinates with the largest gradient histories, evenly spread over the ranking, so that both
        // busy (centre-pixel) and quiet (border and bias) coordinates appear.
        int[] ranked = Enumerable.Range(0, d).OrderByDescending(j => gradients.Sum(g => g[j] * g[j])).ThenBy(j => j).ToArray();
        int[] chosen = Enumerable.Range(0, CoordinatesKept).Select(k => ranked[(int)((long)k * d / CoordinatesKept)]).ToArray();
        return (chosen.Select(j => gradients.Select(g => g[j]).ToArray()).ToArray(), chosen.Select(j => keeps.Select(k => k[j]).ToArray()).ToArray());
    }
}
