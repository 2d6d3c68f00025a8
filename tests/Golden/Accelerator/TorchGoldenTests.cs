namespace Verification.Golden.Accelerator;

/// <summary>
/// The TorchSharp backend (float64) against the committed golden files, with zero tolerance as for OpenCL: the
/// backend rounds every operation once, in the reference's order, with a correctly rounded square root (docs/gpu.md,
/// "TorchSharp"), so every step line must equal the file's, field for field.
/// </summary>
public class TorchGoldenTests
{
    [TorchGoldenTheory]
    [MemberData(nameof(AcceleratedGoldenTests.GradientScenarioIds), MemberType = typeof(AcceleratedGoldenTests))]
    public void Torch_double_trajectory_reproduces_the_verified_file_bit_for_bit(string id) =>
        AcceleratedGoldenTests.Replay(TorchGoldenTheoryAttribute.Backend, id, $"the TorchSharp backend in double ({TorchGoldenTheoryAttribute.Backend.Device})");
}
