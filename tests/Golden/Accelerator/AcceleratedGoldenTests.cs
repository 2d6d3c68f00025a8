using System.Text.Json;
using Verification.Golden.Approval;
using Verification.Golden.Format;
using Verification.Golden.Recording;
using Verification.Golden.Scenarios;
using Verification.Gpu;
using Verification.Gpu.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;

namespace Verification.Golden.Accelerator;

/// <summary>
/// The accelerator (OpenCL, float64) against the committed golden files. docs/gpu.md's numerics policy for double is
/// bit for bit (FP_CONTRACT OFF, correctly rounded + − × ÷ √, the reference's operation order), so the tolerance here
/// is zero: every step line the device produces must equal the file's, field for field.
/// </summary>
public class AcceleratedGoldenTests
{
    public static TheoryData<string> GradientScenarioIds => [.. ScenarioCatalog.All.Where(s => s.Optimizer.Gradient is not null).Select(s => s.Id)];

    [OpenClGoldenTheory]
    [MemberData(nameof(GradientScenarioIds))]
    public void Device_double_trajectory_reproduces_the_verified_file_bit_for_bit(string id) =>
        Replay(OpenClGoldenTheoryAttribute.Backend, id, "the OpenCL device in double");

    /// <summary>Replays scenario <paramref name="id"/> on <paramref name="backend"/> in double; the first differing field fails, naming <paramref name="device"/>.</summary>
    internal static void Replay(IGradientMethodBackend backend, string id, string device)
    {
        GoldenScenario scenario = ScenarioCatalog.Get(id);
        string path = GoldenApprover.Default.VerifiedPath(id);
        string file = Path.GetFileName(path);
        IReadOnlyList<JsonDocument> lines = GoldenText.Parse(File.ReadAllText(path), file);
        try
        {
            Assert.Equal(scenario.Steps + 2, lines.Count);
            IGoldenProblem problem = scenario.Problem;
            using var optimizer = new AcceleratedOptimizer<double>(backend, scenario.Optimizer.Gradient!, problem.Dimension);
            optimizer.SetParameters(scenario.InitialPoint);
            for (int t = 1; t <= scenario.Steps; t++)
            {
                double[] theta = optimizer.GetParametersAsDouble();
                double loss = problem.LossAt(t, theta);
                var gradient = new double[problem.Dimension];
                problem.GradientAt(t, theta, gradient);
                optimizer.Step(gradient);
                bool[]? mask = scenario.Optimizer.Gradient is StochGradAdam ? optimizer.LastMask() : null;
                string line = GoldenRecorder.GradientStepLine(t, loss, gradient, mask, optimizer.GetParametersAsDouble(), optimizer.DownloadState());
                using JsonDocument produced = JsonDocument.Parse(line);
                var at = new GoldenLocation(file, t + 1, "") { LineKind = $"step {t}" };
                GoldenDiff.Throw(
                    GoldenDiff.First(lines[t].RootElement, produced.RootElement, at),
                    $"(expected: the verified file; found: {device})");
            }
        }
        finally
        {
            foreach (JsonDocument document in lines)
            {
                document.Dispose();
            }
        }
    }
}
