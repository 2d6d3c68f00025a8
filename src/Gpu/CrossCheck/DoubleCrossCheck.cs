using Verification.Gpu.Optimizers;
using Verification.Reference.Optimizers;
using StochGradAdamOptimizer = Verification.Reference.Optimizers.StochGradAdam.StochGradAdam;

namespace Verification.Gpu.CrossCheck;

/// <summary>
/// The float64 check of a device optimizer against the reference class itself: both start from the same θ₀, take the
/// same gradients (one step optionally all zeros), and after every step θ, every state scalar and buffer, and
/// StochGradAdam's keep mask must be equal bit for bit. The first difference ends the run and is reported.
/// </summary>
public static class DoubleCrossCheck
{
    /// <summary>Runs <paramref name="c"/> on <see cref="AcceleratedOptimizer{T}"/> over <paramref name="backend"/>.</summary>
    public static DoubleCrossCheckResult Run(IGradientMethodBackend backend, IGradientOptimizer configuration, CrossCheckCase c)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return Run(configuration, c, (reference, dimension) => AcceleratedCrossCheckedDevice.Open(backend, reference, dimension));
    }

    /// <summary>Runs <paramref name="c"/> on the device that <paramref name="open"/> opens for the (redrawn) configuration and dimension.</summary>
    public static DoubleCrossCheckResult Run(IGradientOptimizer configuration, CrossCheckCase c, Func<IGradientOptimizer, int, ICrossCheckedDevice> open)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(open);
        IGradientOptimizer reference = CrossCheckInputs.RedrawHyperparameters(configuration, c.HyperSeed);
        var random = new Random(c.DataSeed);
        double[] theta = CrossCheckInputs.DoubleParameters(random, c.Size);
        OptimizerState state = reference.Init(c.Size);
        long compared = 0;
        using ICrossCheckedDevice device = open(reference, c.Size);
        device.SetParameters(theta);
        for (int t = 1; t <= c.Steps; t++)
        {
            double[] g = t == c.ZeroStep ? new double[c.Size] : CrossCheckInputs.DoubleGradient(random, c.Size);
            reference.Step(state, theta, g);
            device.Step(g);
            TrajectoryMismatch? mismatch = TrajectoryComparer.FirstDifference(t, theta, state, device.Parameters(), device.State());
            if (mismatch is null && reference is StochGradAdamOptimizer sga)
            {
                mismatch = TrajectoryComparer.FirstMaskDifference(t, sga.Mask(t, c.Size), device.LastMask());
                compared += c.Size;
            }

            if (mismatch is not null)
            {
                return new DoubleCrossCheckResult(c, mismatch, compared);
            }

            compared += TrajectoryComparer.ValueCount(state, c.Size);
        }

        return new DoubleCrossCheckResult(c, null, compared);
    }
}
