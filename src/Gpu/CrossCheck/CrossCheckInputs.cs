using Verification.Reference.Optimizers;
using StochGradAdamOptimizer = Verification.Reference.Optimizers.StochGradAdam.StochGradAdam;

namespace Verification.Gpu.CrossCheck;

/// <summary>
/// The inputs of the device-against-reference check: parameters and gradients spread over many binades with signed
/// zeros, and hyperparameters redrawn from a seed. Deterministic: the same seeds give the same values everywhere.
/// </summary>
public static class CrossCheckInputs
{
    /// <summary>Values ±m·2^e with e in [<paramref name="lo"/>, <paramref name="hi"/>], a random 53-bit mantissa, and a sprinkling of ±0.</summary>
    public static double[] Values(Random random, int size, int lo, int hi)
    {
        ArgumentNullException.ThrowIfNull(random);
        var values = new double[size];
        for (int j = 0; j < size; j++)
        {
            int kind = random.Next(16);
            values[j] = kind switch
            {
                0 => 0.0,
                1 => -0.0,
                _ => (random.Next(2) == 0 ? -1.0 : 1.0) * Math.ScaleB(1.0 + random.NextDouble(), random.Next(lo, hi + 1)),
            };
        }

        return values;
    }

    /// <summary>θ₀ of the double check (|θ| in [2^-20, 2^7) or ±0).</summary>
    public static double[] DoubleParameters(Random random, int size) => Values(random, size, lo: -20, hi: 6);

    /// <summary>A gradient of the double check (|g| in [2^-24, 2^11) or ±0).</summary>
    public static double[] DoubleGradient(Random random, int size) => Values(random, size, lo: -24, hi: 10);

    /// <summary>
    /// The configuration with its common hyperparameters (learning rate, β₁, β₂ or ρ, ε, StochGradAdam's seed and keep
    /// rate) redrawn from <paramref name="seed"/>; −1 returns it as catalogued. Types this does not know come back
    /// unchanged, so a new catalogue entry is still checked with its own settings.
    /// </summary>
    public static IGradientOptimizer RedrawHyperparameters(IGradientOptimizer optimizer, int seed)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (seed < 0)
        {
            return optimizer;
        }

        var r = new Random(seed);
        double Pick(params double[] values) => values[r.Next(values.Length)];
        double lr = Pick(1e-3, 0.01, 0.05, 0.3);
        double beta1 = Pick(0.9, 0.0, 0.5, 0.99);
        double beta2 = Pick(0.999, 0.99, 0.9, 0.5);
        double eps = Pick(1e-8, 0.0, 1e-3);
        return optimizer switch
        {
            Sgd o => new Sgd(o.Options with { LearningRate = lr }),
            AdaGrad o => new AdaGrad(o.Options with { LearningRate = lr, Epsilon = eps }),
            RmsProp o => new RmsProp(o.Options with { LearningRate = lr, Rho = beta2, Epsilon = eps }),
            Adam o => new Adam(o.Options with { LearningRate = lr, Beta1 = beta1, Beta2 = beta2, Epsilon = eps }),
            AmsGrad o => new AmsGrad(o.Options with { LearningRate = lr, Beta1 = beta1, Beta2 = beta2, Epsilon = eps }),
            StochGradAdamOptimizer o => new StochGradAdamOptimizer(o.Options with
            {
                LearningRate = lr,
                Beta1 = beta1,
                Beta2 = beta2,
                Seed = (ulong)r.NextInt64(),
                SamplingRate = Pick(0.8, 0.1, 0.5, 1.0),
            }),
            _ => optimizer,
        };
    }
}
