using System.Text;
using System.Text.Json;
using Verification.Golden.Format;
using Verification.Golden.Scenarios;
using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;
using Verification.Reference.Problems;
using Verification.Reference.Sampling;

namespace Verification.Golden.Recording;

/// <summary>
/// Runs a scenario on the reference and writes its golden file: a header line, one line per step, an end line
/// (docs/golden-format.md). The text is a pure function of the scenario: LF endings, fixed field order, names of
/// state entries in ordinal order.
/// </summary>
internal static class GoldenRecorder
{
    /// <summary>The <c>format</c> value of the header.</summary>
    public const string FormatName = "verification-golden";

    /// <summary>The <c>version</c> value of the header.</summary>
    public const int FormatVersion = 1;

    /// <summary>The whole golden file of <paramref name="scenario"/>.</summary>
    public static string Record(GoldenScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var text = new StringBuilder();
        text.Append(Line(w => WriteHeader(w, scenario)));
        IGoldenProblem problem = scenario.Problem;
        double[] theta = (double[])scenario.InitialPoint.Clone();
        if (scenario.Optimizer.Gradient is { } optimizer)
        {
            OptimizerState state = optimizer.Init(problem.Dimension);
            var gradient = new double[problem.Dimension];
            for (int t = 1; t <= scenario.Steps; t++)
            {
                double loss = problem.LossAt(t, theta);
                problem.GradientAt(t, theta, gradient);
                optimizer.Step(state, theta, gradient);
                bool[]? mask = optimizer is StochGradAdam sga ? sga.Mask(t, problem.Dimension) : null;
                text.Append(GradientStepLine(t, loss, gradient, mask, theta, state));
            }
        }
        else
        {
            IFiniteSumOptimizer sampled = scenario.Optimizer.FiniteSum!;
            var objective = (IFiniteSumObjective)problem;
            OptimizerState state = sampled.Init(objective);
            for (int t = 1; t <= scenario.Steps; t++)
            {
                double loss = problem.Loss(theta);
                SampledBatch batch = sampled.Step(state, theta, objective);
                text.Append(Line(w =>
                {
                    w.WriteNumber("t", t);
                    GoldenJson.WriteDouble(w, "loss", loss);
                    w.WriteBoolean("refreshed", batch.Refreshed);
                    w.WriteNumber("norm_evaluations", batch.NormEvaluations);
                    w.WriteStartArray("indices");
                    foreach (int i in batch.Indices)
                    {
                        w.WriteNumberValue(i);
                    }

                    w.WriteEndArray();
                    GoldenJson.WriteDoubles(w, "probabilities", batch.Probabilities);
                    GoldenJson.WriteDoubles(w, "weights", batch.Weights);
                    GoldenJson.WriteDoubles(w, "fed_gradient", batch.FedGradient);
                    GoldenJson.WriteDoubles(w, "theta", theta);
                    WriteState(w, state);
                }));
            }
        }

        double finalLoss = problem.LossAt(scenario.Steps + 1, theta);
        text.Append(Line(w =>
        {
            w.WriteBoolean("end", true);
            w.WriteNumber("steps", scenario.Steps);
            GoldenJson.WriteDouble(w, "final_loss", finalLoss);
        }));
        return text.ToString();
    }

    /// <summary>The step line of a gradient-driven optimizer (docs/golden-format.md §4), LF-terminated.</summary>
    /// <param name="t">The 1-based step.</param>
    /// <param name="loss">f(θ_t).</param>
    /// <param name="gradient">∇f(θ_t), as fed.</param>
    /// <param name="mask">Ω_t for StochGradAdam, else null.</param>
    /// <param name="theta">θ_{t+1}.</param>
    /// <param name="state">The state after step t.</param>
    public static string GradientStepLine(int t, double loss, double[] gradient, bool[]? mask, double[] theta, OptimizerState state) => Line(w =>
    {
        w.WriteNumber("t", t);
        GoldenJson.WriteDouble(w, "loss", loss);
        GoldenJson.WriteDoubles(w, "gradient", gradient);
        if (mask is not null)
        {
            w.WriteString("mask", new string([.. mask.Select(k => k ? '1' : '0')]));
        }

        GoldenJson.WriteDoubles(w, "theta", theta);
        WriteState(w, state);
    });

    private static void WriteHeader(Utf8JsonWriter w, GoldenScenario scenario)
    {
        w.WriteString("format", FormatName);
        w.WriteNumber("version", FormatVersion);
        w.WriteString("scenario", scenario.Id);
        ProblemCodec.Write(w, scenario.Problem);
        OptimizerCodec.Write(w, scenario.Optimizer);
        GoldenJson.WriteDoubles(w, "initial_point", scenario.InitialPoint);
        w.WriteNumber("steps", scenario.Steps);
    }

    private static void WriteState(Utf8JsonWriter w, OptimizerState state)
    {
        w.WriteStartObject("state");
        w.WriteNumber("step", state.Step);
        w.WriteStartObject("scalars");
        foreach (string name in state.ScalarNames)
        {
            GoldenJson.WriteDouble(w, name, state.Scalar(name));
        }

        w.WriteEndObject();
        w.WriteStartObject("buffers");
        foreach (string name in state.BufferNames)
        {
            GoldenJson.WriteDoubles(w, name, state.Buffer(name));
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string Line(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
