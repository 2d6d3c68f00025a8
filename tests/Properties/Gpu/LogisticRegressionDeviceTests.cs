using System.Globalization;
using Verification.Convex.Features;
using Verification.Convex.Objectives;
using Verification.Gpu.Convex;
using Verification.Properties.Convex;
using Verification.Reference.Optimizers;
using Verification.Reference.Problems;
using Verification.Reference.Sampling;
using Xunit.Abstractions;

namespace Verification.Properties.Gpu;

/// <summary>
/// The device logistic regressions against src/Convex's objectives and src/Reference's <see cref="ImportanceSampler"/>:
/// margins / logits and the gradient reduction (fed the reference's residuals) bit for bit; residuals, the n
/// per-example gradient norms and the full gradient within stated tolerances (OpenCL's exp is not correctly rounded);
/// the sampler's indices from the device norms equal those from the reference norms.
/// </summary>
public sealed class LogisticRegressionDeviceTests(ITestOutputHelper output)
{
    /// <summary>
    /// |Δr| for σ(z) − y and softmax − e_y: both lie in (−1, 1) and come from a few roundings after one exp that may be
    /// 1 ULP off, so a few units of 2^-53; 2^-50 allows 8.
    /// </summary>
    internal static readonly double ResidualTolerance = Math.ScaleB(1.0, -50);

    /// <summary>
    /// Relative error of the norms and of each gradient coordinate (against Σ|terms|/n + λ|θ_j|, the scale the sum
    /// could reach): residual errors of 2^-50 are amplified by at most the cancellation in the sums, which the scale
    /// absorbs, so 2^-40 is loose (the observed figures are printed).
    /// </summary>
    internal static readonly double RelativeTolerance = Math.ScaleB(1.0, -40);

    // Binary: n = 2,600 rows (three chunks of 1,024, the last partial), 60 features at density 0.2.
    internal static BinaryLogisticRegression BinaryProblem(ulong seed) => Instances.Binary(seed, n: 2600, p: 60, density: 0.2);

    // Multinomial: n = 700 rows (three chunks of 256), 40 features with a quarter exact zeros, 10 classes.
    internal static MultinomialLogisticRegression MultinomialProblem(ulong seed) => Instances.Multinomial(seed, n: 700, p: 40, k: 10);

    [OpenClFact(RequiresFloat64 = true)]
    public void Binary_margins_and_gradient_reduction_are_bit_for_bit()
    {
        for (ulong seed = 1; seed <= 3; seed++)
        {
            BinaryLogisticRegression problem = BinaryProblem(seed);
            using var device = new DeviceBinaryLogisticRegression(OpenClTestEnvironment.Backend, problem);
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

    [OpenClFact(RequiresFloat64 = true)]
    public void Multinomial_logits_and_gradient_reduction_are_bit_for_bit()
    {
        for (ulong seed = 1; seed <= 3; seed++)
        {
            MultinomialLogisticRegression problem = MultinomialProblem(seed);
            int k = problem.ClassCount;
            using var device = new DeviceMultinomialLogisticRegression(OpenClTestEnvironment.Backend, problem);
            double[] theta = Instances.Vector(seed, 0, problem.Dimension, 0.8);
            double[] z = device.Forward(theta);
            var logits = new double[k];
            var residuals = new double[problem.ExampleCount * k];
            for (int i = 0; i < problem.ExampleCount; i++)
            {
                problem.Logits(i, theta, logits);
                for (int c = 0; c < k; c++)
                {
                    AssertBits(logits[c], z[(i * k) + c], $"seed {seed}, logit ({i}, {c})");
                }

                Span<double> r = residuals.AsSpan(i * k, k);
                LogisticMath.Softmax(logits, r);
                r[problem.Label(i)] -= 1.0;
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

    [OpenClFact(RequiresFloat64 = true)]
    public void Binary_residuals_norms_and_gradient_are_within_tolerance()
    {
        for (ulong seed = 1; seed <= 3; seed++)
        {
            BinaryLogisticRegression problem = BinaryProblem(seed);
            using var device = new DeviceBinaryLogisticRegression(OpenClTestEnvironment.Backend, problem);
            double[] theta = Instances.Vector(seed, 1, problem.Dimension, 1.5);
            double[] r = device.Residuals(theta);
            double[] hostR = Enumerable.Range(0, problem.ExampleCount).Select(i => LogisticMath.Sigmoid(problem.Margin(i, theta)) - problem.Label(i)).ToArray();
            CheckResidualsNormsGradient(problem, problem, problem.Features, 1, problem.Lambda, device, theta, r, hostR, $"binary seed {seed}");
        }
    }

    [OpenClFact(RequiresFloat64 = true)]
    public void Multinomial_residuals_norms_and_gradient_are_within_tolerance()
    {
        for (ulong seed = 1; seed <= 3; seed++)
        {
            MultinomialLogisticRegression problem = MultinomialProblem(seed);
            int k = problem.ClassCount;
            using var device = new DeviceMultinomialLogisticRegression(OpenClTestEnvironment.Backend, problem);
            double[] theta = Instances.Vector(seed, 1, problem.Dimension, 0.8);
            double[] r = device.Residuals(theta);
            var hostR = new double[problem.ExampleCount * k];
            var logits = new double[k];
            for (int i = 0; i < problem.ExampleCount; i++)
            {
                problem.Logits(i, theta, logits);
                LogisticMath.Softmax(logits, hostR.AsSpan(i * k, k));
                hostR[(i * k) + problem.Label(i)] -= 1.0;
            }

            CheckResidualsNormsGradient(problem, problem, problem.Features, k, problem.Lambda, device, theta, r, hostR, $"multinomial seed {seed}");
        }
    }

    [OpenClFact(RequiresFloat64 = true)]
    public void Sampler_draws_the_same_indices_from_device_norms()
    {
        BinaryLogisticRegression binary = BinaryProblem(7);
        MultinomialLogisticRegression multinomial = MultinomialProblem(7);
        using var deviceBinary = new DeviceBinaryLogisticRegression(OpenClTestEnvironment.Backend, binary);
        using var deviceMultinomial = new DeviceMultinomialLogisticRegression(OpenClTestEnvironment.Backend, multinomial);
        foreach ((IFiniteSumObjective problem, DeviceLogisticRegression device) in new (IFiniteSumObjective, DeviceLogisticRegression)[] { (binary, deviceBinary), (multinomial, deviceMultinomial) })
        {
            foreach (BatchReplacement replacement in new[] { BatchReplacement.WithReplacement, BatchReplacement.WithoutReplacement })
            {
                var options = new ImportanceSamplerOptions { BatchSize = 64, Seed = 11, Replacement = replacement };
                var reference = new ImportanceSampler(options, problem.ExampleCount);
                var onDevice = new ImportanceSampler(options, problem.ExampleCount);
                OptimizerState referenceState = new DasGrad(sampler: options).Init(problem);
                OptimizerState deviceState = new DasGrad(sampler: options).Init(problem);
                double[] theta = Instances.Vector(7, 2, problem.Dimension, 0.8);
                var norms = new double[problem.ExampleCount];
                for (long t = 1; t <= 21; t += 10)   // refreshes at t = 1, 11, 21 (period 10)
                {
                    device.ExampleGradientNorms(theta, norms);
                    SampledBatch expected = reference.Sample(referenceState, t, theta, problem);
                    SampledBatch actual = onDevice.Sample(deviceState, t, theta, new PrecomputedNormsObjective(problem, norms));
                    Assert.True(actual.Refreshed, $"t = {t} should refresh");
                    Assert.Equal(expected.Indices, actual.Indices);
                    for (int b = 0; b < expected.Weights.Length; b++)
                    {
                        Assert.True(Math.Abs(expected.Weights[b] - actual.Weights[b]) <= RelativeTolerance * expected.Weights[b], $"t = {t}, weight {b}: {expected.Weights[b]:R} vs {actual.Weights[b]:R}");
                    }

                    for (int j = 0; j < theta.Length; j++)
                    {
                        theta[j] -= 0.05 * expected.FedGradient[j];
                    }
                }
            }
        }
    }

    /// <summary>
    /// The scale of each gradient coordinate, (1/n) Σ_i |r_ik x_ij| + λ|θ|, in θ's layout: K rows of p weights and a
    /// bias (the binary problem is K = 1).
    /// </summary>
    private static double[] GradientScale(CsrMatrix features, int classes, double lambda, double[] theta, double[] residuals)
    {
        int p = features.ColumnCount, n = features.RowCount;
        var scale = new double[classes * (p + 1)];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < classes; k++)
            {
                double r = Math.Abs(residuals[(i * classes) + k]);
                for (int e = features.RowPointers[i]; e < features.RowPointers[i + 1]; e++)
                {
                    scale[(k * (p + 1)) + features.ColumnIndices[e]] += r * Math.Abs(features.Values[e]) / n;
                }

                scale[(k * (p + 1)) + p] += r / n;
            }
        }

        for (int j = 0; j < scale.Length; j++)
        {
            scale[j] += lambda * Math.Abs(theta[j]);
        }

        return scale;
    }

    private void CheckResidualsNormsGradient(IFiniteSumObjective problem, ISmoothConvexObjective smooth, CsrMatrix features, int classes, double lambda, DeviceLogisticRegression device, double[] theta, double[] r, double[] hostR, string label) =>
        CheckResidualsNormsGradient(output, problem, smooth, features, classes, lambda, device.ExampleGradientNorms, t => device.Gradient(t), theta, r, hostR, label);

    /// <summary>
    /// Residuals r (from the device) against the host's, then the device's per-example norms and full gradient against
    /// the reference, each within its named tolerance; prints the worst errors found.
    /// </summary>
    internal static void CheckResidualsNormsGradient(ITestOutputHelper output, IFiniteSumObjective problem, ISmoothConvexObjective smooth, CsrMatrix features, int classes, double lambda, ExampleNorms exampleGradientNorms, Func<double[], double[]> fullGradient, double[] theta, double[] r, double[] hostR, string label)
    {
        double worstResidual = 0.0, worstNorm = 0.0, worstGradient = 0.0;
        for (int i = 0; i < r.Length; i++)
        {
            double error = Math.Abs(r[i] - hostR[i]);
            worstResidual = Math.Max(worstResidual, error);
            Assert.True(error <= ResidualTolerance, $"{label}: residual {i}: {r[i]:R} vs {hostR[i]:R}");
        }

        var norms = new double[problem.ExampleCount];
        exampleGradientNorms(theta, norms);
        for (int i = 0; i < norms.Length; i++)
        {
            double expected = problem.ExampleGradientNorm(i, theta);
            double error = Math.Abs(norms[i] - expected) / expected;
            worstNorm = Math.Max(worstNorm, error);
            Assert.True(error <= RelativeTolerance, $"{label}: norm {i}: {norms[i]:R} vs {expected:R}");
        }

        double[] scale = GradientScale(features, classes, lambda, theta, hostR);
        var expectedGradient = new double[problem.Dimension];
        smooth.ValueAndGradient(theta, expectedGradient);
        double[] gradient = fullGradient(theta);
        for (int j = 0; j < gradient.Length; j++)
        {
            double error = Math.Abs(gradient[j] - expectedGradient[j]) / Math.Max(scale[j], double.Epsilon);
            worstGradient = Math.Max(worstGradient, error);
            Assert.True(error <= RelativeTolerance, $"{label}: gradient {j}: {gradient[j]:R} vs {expectedGradient[j]:R} (scale {scale[j]:R})");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: worst |Δr| = {worstResidual / Math.ScaleB(1.0, -53):F1} × 2^-53, norms {worstNorm / Math.ScaleB(1.0, -52):F1} × 2^-52 relative, gradient {worstGradient / Math.ScaleB(1.0, -52):F1} × 2^-52 of scale"));
    }

    internal static void AssertBits(double expected, double actual, string where) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"{where}: expected {expected:R}, got {actual:R}");

    /// <summary>A device's "write ‖∇f_i(θ)‖ for every example" entry point.</summary>
    internal delegate void ExampleNorms(ReadOnlySpan<double> theta, Span<double> norms);
}
