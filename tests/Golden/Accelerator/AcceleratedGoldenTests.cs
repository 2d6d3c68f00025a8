using System.Text.Json;
using Verification.Golden.Approval;
using Verification.Golden.Format;
using Verification.Golden.Recording;
using Verification.Golden.Scenarios;
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
    public void Device_double_trajectory_reproduces_the_verified_file_bit_for_bit(string id)
    {
        GoldenScenario scenario = ScenarioCatalog.Get(id);
        string path = GoldenApprover.Default.VerifiedPath(id);
        string file = Path.GetFileName(path);
        IReadOnlyList<JsonDocument> lines = GoldenText.Parse(File.ReadAllText(path), file);
        try
        {
            Assert.Equal(scenario.Steps + 2, lines.Count);
            IGoldenProblem problem = scenario.Problem;
            using var device = new AcceleratedOptimizer<double>(OpenClGoldenTheoryAttribute.Backend, scenario.Optimizer.Gradient!, problem.Dimension);
            device.SetParameters(scenario.InitialPoint);
            for (int t = 1; t <= scenario.Steps; t++)
            {
                double[] theta = device.GetParametersAsDouble();
                double loss = problem.LossAt(t, theta);
                var gradient = new double[problem.Dimension];
                problem.GradientAt(t, theta, gradient);
                device.Step(gradient);
                bool[]? mask = scenario.Optimizer.Gradient is StochGradAdam ? device.LastMask() : null;
                string line = GoldenRecorder.GradientStepLine(t, loss, gradient, mask, device.GetParametersAsDouble(), device.DownloadState());
                using JsonDocument produced = JsonDocument.Parse(line);
                var at = new GoldenLocation(file, t + 1, "") { LineKind = $"step {t}" };
                GoldenDiff.Throw(
                    GoldenDiff.First(lines[t].RootElement, produced.RootElement, at),
                    "(expected: the verified file; found: the OpenCL device in double)");
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
