using Verification.Gpu.CrossCheck;
using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;

namespace Verification.Properties.Gpu;

/// <summary>
/// The cross-check that the tests and gpu-check share must find a wrong device result, and say where: a device run
/// whose θ, state or mask has one flipped bit after one step is reported at that step, quantity and index with both
/// values, and an untouched run of the same case matches.
/// </summary>
public sealed class CrossCheckMismatchTests
{
    private static readonly CrossCheckCase Case = new("adam", 257, Steps: 4, ZeroStep: 2, DataSeed: 5, HyperSeed: -1);

    [OpenClFact(RequiresFloat64 = true)]
    public void A_device_result_with_one_flipped_bit_is_reported_at_its_step_quantity_index_and_values()
    {
        var adam = new Adam();
        Assert.True(DoubleCrossCheck.Run(OpenClTestEnvironment.Backend, adam, Case).Matches);
        foreach ((string quantity, int bit) in new[] { ("theta", 0), ("m", 0), ("v", 62), ("theta", 63) })
        {
            DoubleCrossCheckResult result = DoubleCrossCheck.Run(adam, Case, (r, d) => new FlippingDevice(Open(r, d), step: 3, quantity, index: 100, bit));
            TrajectoryMismatch m = result.Mismatch ?? throw new Xunit.Sdk.XunitException($"a flipped bit {bit} of {quantity}[100] went unnoticed");
            Assert.Equal((3, quantity, 100), (m.Step, m.Quantity, m.Index));
            Assert.Equal(BitConverter.DoubleToInt64Bits(m.Reference) ^ (1L << bit), BitConverter.DoubleToInt64Bits(m.Device));
            Assert.Contains($"step 3, {quantity}[100]: device ", m.Describe(), StringComparison.Ordinal);
            Assert.True(result.ValuesCompared > 0);
        }
    }

    [OpenClFact(RequiresFloat64 = true)]
    public void A_flipped_mask_bit_is_reported_as_a_mask_difference()
    {
        var sga = new StochGradAdam(new StochGradAdamOptions { Seed = 7 });
        var c = Case with { Name = "stochgradadam/masked_adam" };
        DoubleCrossCheckResult result = DoubleCrossCheck.Run(sga, c, (r, d) => new FlippingDevice(Open(r, d), step: 2, "mask", index: 17, bit: 0));
        Assert.Equal((2, "mask", 17), (result.Mismatch!.Step, result.Mismatch.Quantity, result.Mismatch.Index));
        Assert.NotEqual(result.Mismatch.Reference, result.Mismatch.Device);
    }

    [Fact]
    public void The_comparer_tells_signed_zeros_apart_and_reports_the_first_difference_in_name_order()
    {
        var reference = new OptimizerState("x", [new("beta1_pow", 0.5)], [new("m", 3), new("v", 3)]);
        OptimizerState device = reference.Clone();
        Assert.Null(TrajectoryComparer.FirstDifference(1, [0.0, 1.0], reference, [0.0, 1.0], device));
        Assert.Equal(new TrajectoryMismatch(1, "theta", 0, 0.0, -0.0), TrajectoryComparer.FirstDifference(1, [0.0, 1.0], reference, [-0.0, 1.0], device));
        device.Buffer("v")[0] = 1.0;
        device.Buffer("m")[2] = double.NaN;
        Assert.Equal(new TrajectoryMismatch(4, "m", 2, 0.0, double.NaN), TrajectoryComparer.FirstDifference(4, [1.0], reference, [1.0], device));
        device = reference.Clone();
        device.SetScalar("beta1_pow", 0.25);
        Assert.Equal("scalar beta1_pow", TrajectoryComparer.FirstDifference(2, [], reference, [], device)!.Quantity);
        Assert.Equal(new TrajectoryMismatch(5, "mask", 1, 1.0, 0.0), TrajectoryComparer.FirstMaskDifference(5, [false, true], [false, false]));
    }

    private static ICrossCheckedDevice Open(IGradientOptimizer reference, int dimension) =>
        AcceleratedCrossCheckedDevice.Open(OpenClTestEnvironment.Backend, reference, dimension);

    /// <summary>A device run whose <paramref name="quantity"/>[<paramref name="index"/>] reads back with bit <paramref name="bit"/> flipped after step <paramref name="step"/>.</summary>
    private sealed class FlippingDevice(ICrossCheckedDevice inner, int step, string quantity, int index, int bit) : ICrossCheckedDevice
    {
        private int _steps;

        public void SetParameters(ReadOnlySpan<double> theta) => inner.SetParameters(theta);

        public void Step(ReadOnlySpan<double> gradient)
        {
            inner.Step(gradient);
            _steps++;
        }

        public double[] Parameters()
        {
            double[] theta = inner.Parameters();
            Flip(theta, "theta");
            return theta;
        }

        public OptimizerState State()
        {
            OptimizerState state = inner.State();
            if (state.BufferNames.Contains(quantity))
            {
                Flip(state.Buffer(quantity), quantity);
            }

            return state;
        }

        public bool[] LastMask()
        {
            bool[] mask = inner.LastMask();
            if (_steps == step && quantity == "mask")
            {
                mask[index] = !mask[index];
            }

            return mask;
        }

        public void Dispose() => inner.Dispose();

        private void Flip(double[] values, string name)
        {
            if (_steps == step && name == quantity)
            {
                values[index] = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(values[index]) ^ (1L << bit));
            }
        }
    }
}
