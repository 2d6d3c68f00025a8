using Verification.Convex.Objectives;
using Verification.Gpu.Convex;
using Verification.Gpu.Torch.Convex;
using Verification.Properties.Convex;
using Verification.Reference.Optimizers;
using Verification.Reference.Problems;
using Verification.Reference.Sampling;
using Xunit.Abstractions;
using static Verification.Properties.Gpu.LogisticRegressionDeviceTests;

namespace Verification.Properties.Gpu;

/// <summary>
/// The TorchSharp logistic regressions against src/Convex, with the problems and tolerances of the OpenCL checks
/// (<see cref="LogisticRegressionDeviceTests"/>): margins / logits and the gradient reduction fed the reference's
/// residuals bit for bit; residuals within <see cref="LogisticRegressionDeviceTests.ResidualTolerance"/> and the
/// per-example norms and the full gradient within <see cref="LogisticRegressionDeviceTests.RelativeTolerance"/>
/// (libtorch's <c>exp</c> is not .NET's, and the multinomial's sums over classes have libtorch's order); the
/// sampler draws the same indices from the device norms.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TorchLogisticRegressionTests(ITestOutputHelper output)
{
    [TorchFact]
    public void Binary_margins_and_gradient_reduction_are_bit_for_bit()
    {
        for (ulong seed = 1; seed <= 3; seed++)
        {
            BinaryLogisticRegression problem = BinaryProblem(seed);
            using var device = new TorchBinaryLogisticRegression(TorchTestEnvironment.Backend, problem);
            double[] theta = Instances.Vector(seed, 0, problem.Dimension, 1.5);
            double[] z = device.Forward(theta);
            for (int i = 0; i < problem.ExampleCount; i++)
            {
                AssertBits(problem.Margin(i, theta), z[i], $"seed {seed}, margin {i}");
            }

            double[] r = Enumerable.Range(0, problem.ExampleCount).Select(i => LogisticMath.Sigmoid(problem.Margin(i, theta)) - problem.Label(i)).ToArray();
            var expected = new double[problem.Dimension];
            problem.ValueAndGradient(theta, expected);
            double[] actual = device.GradientFromResiduals(theta, r);
            for (int j = 0; j < expected.Length; j++)
            {
                AssertBits(expected[j], actual[j], $"seed {seed}, gradient {j}");
            }
        }
    }

    [TorchFact]
    public void Multinomial_logits_and_gradient_reduction_are_bit_for_bit()
    {
        for (ulong seed = 1; seed <= 3; seed++)
        {
            MultinomialLogisticRegression problem = MultinomialProblem(seed);
            int k = problem.ClassCount;
            using var device = new TorchMultinomialLogisticRegression(TorchTestEnvironment.Backend, problem);
            double[] theta = Instances.Vector(seed, 0, problem.Dimension, 0.8);
            double[] z = device.Forward(theta);
            double[] residuals = HostResiduals(problem, theta);
            var logits = new double[k];
            for (int i = 0; i < problem.ExampleCount; i++)
            {
                problem.Logits(i, theta, logits);
                for (int c = 0; c < k; c++)
                {
                    AssertBits(logits[c], z[(i * k) + c], $"seed {seed}, logit ({i}, {c})");
                }
            }

            var expected = new double[problem.Dimension];
            problem.ValueAndGradient(theta, expected);
            double[] actual = device.GradientFromResiduals(theta, residuals);
            for (int j = 0; j < expected.Length; j++)
            {
                AssertBits(expected[j], actual[j], $"seed {seed}, gradient {j}");
            }
        }
    }

    [TorchFact]
    public void Residuals_norms_and_gradient_are_within_tolerance()
    {
        for (ulong seed = 1; seed <= 3; seed++)
        {
            BinaryLogisticRegression binary = BinaryProblem(seed);
            using var deviceBinary = new TorchBinaryLogisticRegression(TorchTestEnvironment.Backend, binary);
            double[] theta = Instances.Vector(seed, 1, binary.Dimension, 1.5);
            double[] hostR = Enumerable.Range(0, binary.ExampleCount).Select(i => LogisticMath.Sigmoid(binary.Margin(i, theta)) - binary.Label(i)).ToArray();
            CheckResidualsNormsGradient(output, binary, binary, binary.Features, 1, binary.Lambda, deviceBinary.ExampleGradientNorms, t => deviceBinary.Gradient(t), theta, deviceBinary.Residuals(theta), hostR, $"binary seed {seed}");

            MultinomialLogisticRegression multinomial = MultinomialProblem(seed);
            using var deviceMultinomial = new TorchMultinomialLogisticRegression(TorchTestEnvironment.Backend, multinomial);
            theta = Instances.Vector(seed, 1, multinomial.Dimension, 0.8);
            CheckResidualsNormsGradient(output, multinomial, multinomial, multinomial.Features, multinomial.ClassCount, multinomial.Lambda, deviceMultinomial.ExampleGradientNorms, t => deviceMultinomial.Gradient(t), theta, deviceMultinomial.Residuals(theta), HostResiduals(multinomial, theta), $"multinomial seed {seed}");
        }
    }

    [TorchFact]
    public void Sampler_draws_the_same_indices_from_device_norms()
    {
        BinaryLogisticRegression problem = BinaryProblem(7);
        using var device = new TorchBinaryLogisticRegression(TorchTestEnvironment.Backend, problem);
        var options = new ImportanceSamplerOptions { BatchSize = 64, Seed = 11 };
        var reference = new ImportanceSampler(options, problem.ExampleCount);
        var onDevice = new ImportanceSampler(options, problem.ExampleCount);
        OptimizerState referenceState = new DasGrad(sampler: options).Init(problem);
        OptimizerState deviceState = new DasGrad(sampler: options).Init(problem);
        double[] theta = Instances.Vector(7, 2, problem.Dimension, 0.8);
        var norms = new double[problem.ExampleCount];
        for (long t = 1; t <= 21; t += 10)
        {
            device.ExampleGradientNorms(theta, norms);
            SampledBatch expected = reference.Sample(referenceState, t, theta, problem);
            SampledBatch actual = onDevice.Sample(deviceState, t, theta, new PrecomputedNormsObjective(problem, norms));
            Assert.True(actual.Refreshed, $"t = {t} should refresh");
            Assert.Equal(expected.Indices, actual.Indices);
            for (int j = 0; j < theta.Length; j++)
            {
                theta[j] -= 0.05 * expected.FedGradient[j];
            }
        }
    }

    private static double[] HostResiduals(MultinomialLogisticRegression problem, double[] theta)
    {
        int k = problem.ClassCount;
        var residuals = new double[problem.ExampleCount * k];
        var logits = new double[k];
        for (int i = 0; i < problem.ExampleCount; i++)
        {
            problem.Logits(i, theta, logits);
            LogisticMath.Softmax(logits, residuals.AsSpan(i * k, k));
            residuals[(i * k) + problem.Label(i)] -= 1.0;
        }

        return residuals;
    }
}
