using Verification.Audit.Experiments;
using Verification.Properties.Gpu;

namespace Verification.Properties.Audit;

/// <summary>
/// An experiment run with <c>--device Accelerator</c> (OpenCL) or <c>--device Torch</c> must plot the same numbers
/// as on the reference: the float64 device steps are bit-identical to the reference's (only the wall-clock series may
/// differ).
/// </summary>
public class AcceleratedExperimentTests
{
    [OpenClFact(RequiresFloat64 = true)]
    public void Sample_rate_study_on_the_accelerator_plots_the_reference_numbers_bit_for_bit() =>
        AssertReferenceNumbers(ComputeDevice.Accelerator, "OpenCL");

    [TorchFact]
    public void Sample_rate_study_on_torch_plots_the_reference_numbers_bit_for_bit() =>
        AssertReferenceNumbers(ComputeDevice.Torch, "TorchSharp");

    private static void AssertReferenceNumbers(ComputeDevice where, string backendName)
    {
        ExperimentResult reference = Run(ComputeDevice.Reference);
        ExperimentResult device = Run(where);
        Assert.Equal(reference.Figures.Select(f => f.Id), device.Figures.Select(f => f.Id));
        foreach ((Figure r, Figure d) in reference.Figures.Zip(device.Figures))
        {
            foreach ((Series rs, Series ds) in r.Series.Zip(d.Series))
            {
                Assert.Equal(rs.Name, ds.Name);
                Assert.Equal(rs.X.Select(BitConverter.DoubleToInt64Bits), ds.X.Select(BitConverter.DoubleToInt64Bits));
                Assert.True(
                    rs.Y.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(ds.Y.Select(BitConverter.DoubleToInt64Bits)),
                    $"{r.Id}/{rs.Name}: the accelerator's series differs from the reference's");
            }
        }

        Assert.Contains("float64", device.Setup + device.Findings, StringComparison.Ordinal);
        Assert.Contains(backendName, device.Setup, StringComparison.Ordinal);
    }

    private static ExperimentResult Run(ComputeDevice device) =>
        new SgaSampleRate().Run(new ExperimentContext(null, 3, Quick: true, device, new Progress<(double, string)>()) { Tiny = true });
}
