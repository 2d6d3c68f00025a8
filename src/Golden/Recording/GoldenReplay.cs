using System.Text.Json;
using Verification.Golden.Format;
using Verification.Golden.Scenarios;
using Verification.Reference.Problems;
using Verification.Reference.Validation;

namespace Verification.Golden.Recording;

/// <summary>
/// Checks a golden file against the reference using nothing but the file: reads the header into a problem and an
/// optimizer, replays it, and compares every line field by field. A file that cannot be read gives a
/// <see cref="GoldenFormatException"/>; a readable file with a wrong value a <see cref="GoldenMismatchException"/>.
/// </summary>
internal static class GoldenReplay
{
    /// <summary>Reads the header line into a scenario.</summary>
    public static GoldenScenario ReadHeader(JsonElement header, string file)
    {
        var at = new GoldenLocation(file, 1, "") { LineKind = "header" };
        GoldenDouble.ValidateAll(header, at);
        string format = GoldenJson.String(header, "format", at);
        if (format != GoldenRecorder.FormatName)
        {
            throw at.Child("format").Format($"'{format}' is not '{GoldenRecorder.FormatName}'");
        }

        int version = GoldenJson.Int(header, "version", at);
        if (version != GoldenRecorder.FormatVersion)
        {
            throw at.Child("version").Format($"version {version} is not supported (this reader knows {GoldenRecorder.FormatVersion})");
        }

        string id = GoldenJson.String(header, "scenario", at);
        IGoldenProblem problem = ProblemCodec.Read(GoldenJson.Field(header, "problem", at), at.Child("problem"));
        GoldenOptimizer optimizer;
        try
        {
            optimizer = OptimizerCodec.Read(GoldenJson.Field(header, "optimizer", at), at.Child("optimizer"));
        }
        catch (Exception e) when (e is InvalidHyperparameterException or InvalidProbabilitiesException or DimensionMismatchException)
        {
            throw at.Child("optimizer").Format($"invalid configuration: {e.Message}");
        }

        if (optimizer.FiniteSum is not null && problem is not IFiniteSumObjective)
        {
            throw at.Child("problem").Format($"{optimizer.Name} samples examples but a {problem.Kind} problem has none");
        }

        double[] initial = GoldenJson.Doubles(header, "initial_point", at);
        if (initial.Length != problem.Dimension)
        {
            throw at.Child("initial_point").Format($"length {initial.Length}, but the problem has dimension {problem.Dimension}");
        }

        int steps = GoldenJson.Int(header, "steps", at);
        return new GoldenScenario(id, problem, optimizer, initial, steps);
    }

    /// <summary>Replays the golden text <paramref name="text"/> (named <paramref name="file"/> in messages).</summary>
    public static void Check(string text, string file)
    {
        IReadOnlyList<JsonDocument> lines = GoldenText.Parse(text, file);
        try
        {
            GoldenScenario scenario = ReadHeader(lines[0].RootElement, file);
            IReadOnlyList<JsonDocument> expected = GoldenText.Parse(GoldenRecorder.Record(scenario), file);
            for (int i = 0; i < expected.Count; i++)
            {
                var at = new GoldenLocation(file, i + 1, "") { LineKind = GoldenText.KindOf(expected[i].RootElement) };
                if (i >= lines.Count)
                {
                    throw at.Format($"the file ends after line {lines.Count}: it is truncated (the header declares {scenario.Steps} steps and an end line)");
                }

                JsonElement line = lines[i].RootElement;
                GoldenDouble.ValidateAll(line, at);
                if (i < expected.Count - 1 && line.ValueKind == JsonValueKind.Object && line.TryGetProperty("end", out _))
                {
                    throw at.Format($"the end line comes after step {i - 1}, but the header declares {scenario.Steps} steps (truncated?)");
                }

                if (GoldenDiff.First(expected[i].RootElement, line, at) is { } difference)
                {
                    if (difference.Structural)
                    {
                        throw difference.At.Format($"expected {difference.Expected}, found {difference.Actual}");
                    }

                    GoldenDiff.Throw(difference, "(expected: what the reference computes when it replays this file's header)");
                }
            }

            if (lines.Count > expected.Count)
            {
                throw new GoldenLocation(file, expected.Count + 1, "").Format("unexpected line after the end line");
            }

            foreach (JsonDocument document in expected)
            {
                document.Dispose();
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
