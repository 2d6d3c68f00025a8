using Verification.Reference.Problems;
using Verification.Reference.Random;

namespace Verification.Audit.Experiments.Support;

/// <summary>
/// Uniform mini-batches with replacement for the optimizers that take a gradient (Adam, AMSGrad, StochGradAdam):
/// slot b of step t is ⌊u·n⌋ with u the Philox double (seed, <see cref="RandomStream.ExampleSampling"/>, t, b), the
/// same draw DASGrad's sampler uses with uniform probabilities.
/// </summary>
internal sealed class MiniBatches(IFiniteSumObjective problem, int batchSize, ulong seed)
{
    private readonly PhiloxStream _stream = new(seed, RandomStream.ExampleSampling);
    private readonly double[] _scratch = new double[problem.Dimension];
    private readonly double[] _uniforms = new double[batchSize];

    public int BatchSize => batchSize;

    /// <summary>Writes the mean of ∇f_i(θ) over step t's batch into <paramref name="gradient"/>.</summary>
    public void Gradient(long t, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        gradient.Clear();
        int n = problem.ExampleCount;
        _stream.FillUniformDouble((ulong)t, 0, _uniforms);
        for (int b = 0; b < batchSize; b++)
        {
            int i = Math.Min((int)(_uniforms[b] * n), n - 1);
            problem.ExampleGradient(i, theta, _scratch);
            for (int j = 0; j < gradient.Length; j++)
            {
                gradient[j] += _scratch[j];
            }
        }

        double scale = 1.0 / batchSize;
        for (int j = 0; j < gradient.Length; j++)
        {
            gradient[j] *= scale;
        }
    }
}
