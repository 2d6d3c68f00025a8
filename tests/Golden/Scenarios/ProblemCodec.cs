using System.Text.Json;
using Verification.Golden.Format;

namespace Verification.Golden.Scenarios;

/// <summary>The header's <c>problem</c> object: writes a problem and reads it back.</summary>
public static class ProblemCodec
{
    /// <summary>Writes <c>"problem": {…}</c>.</summary>
    public static void Write(Utf8JsonWriter writer, IGoldenProblem problem)
    {
        writer.WriteStartObject("problem");
        writer.WriteString("kind", problem.Kind);
        writer.WriteNumber("dimension", problem.Dimension);
        switch (problem)
        {
            case QuadraticProblem q:
                GoldenJson.WriteDoubles(writer, "h", q.Curvatures);
                GoldenJson.WriteDoubles(writer, "c", q.Centre);
                break;
            case LeastSquaresSum ls:
                writer.WriteNumber("examples", ls.ExampleCount);
                writer.WriteStartArray("a");
                foreach (double[] row in ls.Rows)
                {
                    writer.WriteStartArray();
                    foreach (double value in row)
                    {
                        GoldenDouble.Write(writer, value);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
                GoldenJson.WriteDoubles(writer, "b", ls.Targets);
                break;
            default:
                throw new NotSupportedException($"No golden encoding for problem kind '{problem.Kind}'.");
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads a <c>problem</c> object.</summary>
    public static IGoldenProblem Read(JsonElement problem, GoldenLocation at)
    {
        string kind = GoldenJson.String(problem, "kind", at);
        int dimension = GoldenJson.Int(problem, "dimension", at);
        IGoldenProblem result = kind switch
        {
            "quadratic" => new QuadraticProblem(GoldenJson.Doubles(problem, "h", at), GoldenJson.Doubles(problem, "c", at)),
            "least_squares" => ReadLeastSquares(problem, at),
            _ => throw at.Child("kind").Format($"unknown problem kind '{kind}' (known: quadratic, least_squares)"),
        };
        if (result is QuadraticProblem q && q.Centre.Length != q.Curvatures.Length)
        {
            throw at.Child("c").Format($"length {q.Centre.Length} differs from h's {q.Curvatures.Length}");
        }

        return result.Dimension == dimension
            ? result
            : throw at.Child("dimension").Format($"declares {dimension} but the data have dimension {result.Dimension}");
    }

    private static LeastSquaresSum ReadLeastSquares(JsonElement problem, GoldenLocation at)
    {
        int n = GoldenJson.Int(problem, "examples", at);
        double[][] a = GoldenJson.Matrix(problem, "a", at);
        double[] b = GoldenJson.Doubles(problem, "b", at);
        if (a.Length != n || b.Length != n || n == 0)
        {
            throw at.Child("examples").Format($"declares {n} examples but a has {a.Length} rows and b {b.Length} entries");
        }

        return new LeastSquaresSum(a, b);
    }
}
