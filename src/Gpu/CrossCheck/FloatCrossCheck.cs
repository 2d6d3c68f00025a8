using Verification.Gpu.Optimizers;
using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;
using StochGradAdamOptimizer = Verification.Reference.Optimizers.StochGradAdam.StochGradAdam;

namespace Verification.Gpu.CrossCheck;

/// <summary>
/// The float32 check of a device optimizer: before each float device step the reference takes its double step from
/// the same state (widened exactly), and every quantity must stay within <see cref="Tolerance"/> of
/// |before| + |after| + |after − before| (docs/gpu.md, "Numerics policy"). Inputs are chosen so that no sum cancels:
/// θ_j and g_j share a sign, |θ| ∈ [1, 4], |g| ∈ [2^-10, 2^2] or 0.
/// </summary>
public static class FloatCrossCheck
{
    /// <summary>2^-19 relative: one float step is about 17 roundings deep, so this leaves a factor of 2 over 2.5–3 ULP operations.</summary>
    public static readonly double Tolerance = Math.ScaleB(1.0, -19);

    /// <summary>
    /// Why <paramref name="configuration"/> is outside this check, or null when it is checked: StochGradAdam's
    /// <c>masked_update</c> forms 1 − β₂^k from float clocks on the device, which cancels about 10 bits at β₂ = 0.999
    /// (error of order 2^-14); its double path is checked bit for bit.
    /// </summary>
    public static string? Exclusion(IGradientOptimizer configuration) =>
        configuration is StochGradAdamOptimizer { Options.Variant: StochGradAdamVariant.MaskedUpdate }
            ? "masked_update forms 1 − β₂^k from float clocks on the device (about 10 bits cancel at β₂ = 0.999); checked in float64 only (docs/gpu.md)"
            : null;

    /// <summary>Runs <paramref name="c"/> in float on <paramref name="backend"/>; the worst error as a multiple of the bound.</summary>
    public static FloatCrossCheckResult Run(IGradientMethodBackend backend, IGradientOptimizer configuration, CrossCheckCase c)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(c);
        IGradientOptimizer reference = CrossCheckInputs.RedrawHyperparameters(configuration, c.HyperSeed);
        var random = new Random(c.DataSeed);
        double[] sign = Enumerable.Range(0, c.Size).Select(_ => random.Next(2) == 0 ? -1.0 : 1.0).ToArray();
        float[] theta = sign.Select(s => (float)(s * (1.0 + (3.0 * random.NextDouble())))).ToArray();
        using var device = new AcceleratedOptimizer<float>(backend, reference, c.Size);
        device.SetParameters(theta);
        double worst = 0.0;
        TrajectoryMismatch? worstAt = null;
        long compared = 0;
        for (int t = 1; t <= c.Steps; t++)
        {
            float[] g = t == c.ZeroStep
                ? new float[c.Size]
                : sign.Select(s => (float)(s * Math.ScaleB(1.0 + random.NextDouble(), random.Next(-10, 2)))).ToArray();
            OptimizerState before = device.DownloadState();
            double[] thetaBefore = device.GetParametersAsDouble();
            OptimizerState expected = before.Clone();
            double[] thetaExpected = (double[])thetaBefore.Clone();
            reference.Step(expected, thetaExpected, g.Select(x => (double)x).ToArray());
            device.Step(g);
            OptimizerState after = device.DownloadState();
            Measure("theta", thetaBefore, thetaExpected, device.GetParametersAsDouble());
            foreach (string name in after.BufferNames)
            {
                Measure(name, before.Buffer(name), expected.Buffer(name), after.Buffer(name));
            }

            void Measure(string name, double[] b, double[] r, double[] a)
            {
                compared += a.Length;
                for (int j = 0; j < a.Length; j++)
                {
                    double error = Math.Abs(a[j] - r[j]);
                    double scale = Math.Abs(b[j]) + Math.Abs(r[j]) + Math.Abs(r[j] - b[j]);
                    bool same = a[j] == r[j] || (double.IsNaN(a[j]) && double.IsNaN(r[j]));

                    // A NaN or infinite result on one side only gives a NaN ratio, which must count as out of bound
                    // rather than vanish in the comparison below.
                    double ratio = same ? 0.0 : error / (Tolerance * scale);
                    if (double.IsNaN(ratio))
                    {
                        ratio = double.PositiveInfinity;
                    }

                    if (ratio > worst)
                    {
                        worst = ratio;
                        worstAt = new TrajectoryMismatch(t, name, j, r[j], a[j]);
                    }
                }
            }
        }

        return new FloatCrossCheckResult(c, worst, worstAt, compared);
    }
}
