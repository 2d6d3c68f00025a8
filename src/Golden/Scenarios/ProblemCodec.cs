using System.Globalization;
using System.Text.Json;
using Verification.Convex.Data.Checksums;
using Verification.Golden.Format;

namespace Verification.Golden.Scenarios;

/// <summary>The header's <c>problem</c> object: writes a problem and reads it back.</summary>
internal static class ProblemCodec
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
            case ReddiOnlineProblem r:
                WriteReddi(writer, r);
                break;
            case MnistLogisticProblem mnist:
                WriteMnist(writer, mnist);
                break;
            case ImdbLogisticProblem imdb:
                WriteImdb(writer, imdb);
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
            "reddi_online" => ReadReddi(problem, at),
            "mnist_logistic" => ReadMnist(problem, at),
            "imdb_logistic" => ReadImdb(problem, at),
            _ => throw at.Child("kind").Format($"unknown problem kind '{kind}' (known: quadratic, least_squares, reddi_online, mnist_logistic, imdb_logistic)"),
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

    /// <summary>The data files of the MNIST scenarios, relative to the data root, with the SHA-256 of their decompressed content.</summary>
    public static (string Path, string Sha256) MnistImages => Official(OfficialDataFiles.Mnist, "train-images-idx3-ubyte.gz");

    /// <summary>The MNIST training labels file and its decompressed digest.</summary>
    public static (string Path, string Sha256) MnistLabels => Official(OfficialDataFiles.Mnist, "train-labels-idx1-ubyte.gz");

    /// <summary>The IMDB training TSV and its decompressed digest.</summary>
    public static (string Path, string Sha256) ImdbReviews => Official(OfficialDataFiles.StagedImdb, "aclImdb_train.tsv.gz");

    /// <summary>The official IMDB vocabulary and its decompressed digest.</summary>
    public static (string Path, string Sha256) ImdbVocabulary => Official(OfficialDataFiles.StagedImdb, "imdb.vocab.gz");

    private static (string, string) Official(IReadOnlyList<DataFileInfo> files, string name)
    {
        DataFileInfo file = files.Single(f => Path.GetFileName(f.RelativePath) == name);
        return (file.RelativePath.Replace('\\', '/'), file.ContentSha256!);
    }

    private static void WriteReddi(Utf8JsonWriter writer, ReddiOnlineProblem r)
    {
        writer.WriteString("variant", r.Problem.IsStochastic ? "stochastic" : "deterministic");
        GoldenJson.WriteDouble(writer, "c", r.Problem.C);
        writer.WriteNumber("period", ReddiOnlineProblem.Period);
        GoldenJson.WriteDouble(writer, "lower", ReddiOnlineProblem.Lower);
        GoldenJson.WriteDouble(writer, "upper", ReddiOnlineProblem.Upper);
        if (r.Problem.IsStochastic)
        {
            GoldenJson.WriteDouble(writer, "delta", r.Problem.Delta);
            GoldenJson.WriteDouble(writer, "probability", r.Problem.Probability);
            writer.WriteString("seed", r.Problem.Seed.ToString(CultureInfo.InvariantCulture));
            writer.WriteNumber("stream", 3);
        }
        else
        {
            writer.WriteNull("delta");
            writer.WriteNull("probability");
            writer.WriteNull("seed");
            writer.WriteNull("stream");
        }
    }

    private static ReddiOnlineProblem ReadReddi(JsonElement problem, GoldenLocation at)
    {
        string variant = GoldenJson.String(problem, "variant", at);
        double c = GoldenJson.Double(problem, "c", at);
        if (GoldenJson.Int(problem, "period", at) != ReddiOnlineProblem.Period)
        {
            throw at.Child("period").Format($"must be {ReddiOnlineProblem.Period} (f_t = C x exactly when t mod 3 = 1)");
        }

        if (GoldenJson.Double(problem, "lower", at) != ReddiOnlineProblem.Lower || GoldenJson.Double(problem, "upper", at) != ReddiOnlineProblem.Upper)
        {
            throw at.Child("lower").Format("the feasible interval must be [-1, 1]");
        }

        try
        {
            if (variant == "deterministic")
            {
                return ReddiOnlineProblem.Deterministic(c);
            }

            if (variant != "stochastic")
            {
                throw at.Child("variant").Format($"unknown variant '{variant}' (known: deterministic, stochastic)");
            }

            if (GoldenJson.Int(problem, "stream", at) != 3)
            {
                throw at.Child("stream").Format("must be 3 (ProblemData)");
            }

            var result = ReddiOnlineProblem.Stochastic(c, GoldenJson.Double(problem, "delta", at), GoldenJson.UInt64(problem, "seed", at));
            double p = GoldenJson.Double(problem, "probability", at);
            return BitConverter.DoubleToUInt64Bits(p) == BitConverter.DoubleToUInt64Bits(result.Problem.Probability)
                ? result
                : throw at.Child("probability").Format($"{p:R} is not (1 + delta)/(C + 1) = {result.Problem.Probability:R}");
        }
        catch (Verification.Reference.Validation.InvalidHyperparameterException e)
        {
            throw at.Format($"invalid problem: {e.Message}");
        }
    }

    private static void WriteInts(Utf8JsonWriter writer, string name, int[] values)
    {
        writer.WriteStartArray(name);
        foreach (int value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }

    private static int[] ReadInts(JsonElement element, string name, GoldenLocation at)
    {
        JsonElement array = GoldenJson.Field(element, name, at);
        GoldenJson.Expect(array, JsonValueKind.Array, at.Child(name));
        var result = new int[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out result[i]) || result[i] < 0)
            {
                throw at.Child($"{name}[{i}]").Format($"expected a non-negative integer, found {item.GetRawText()}");
            }

            i++;
        }

        return result;
    }

    private static void WriteDataFile(Utf8JsonWriter writer, string name, (string Path, string Sha256) file)
    {
        writer.WriteString(name, file.Path);
        writer.WriteString(name + "_sha256", file.Sha256);
    }

    private static void ExpectDataFile(JsonElement data, string name, (string Path, string Sha256) file, GoldenLocation at)
    {
        if (GoldenJson.String(data, name, at) != file.Path || GoldenJson.String(data, name + "_sha256", at) != file.Sha256)
        {
            throw at.Child(name).Format($"this reader knows only {file.Path} with decompressed SHA-256 {file.Sha256}");
        }
    }

    private static void ExpectDigest(string declared, string actual, GoldenLocation at)
    {
        if (declared != actual)
        {
            throw at.Format($"the data in ../shared/data give {actual}, the file declares {declared}: different data (or a different feature computation)");
        }
    }

    private static void WriteMnist(Utf8JsonWriter writer, MnistLogisticProblem p)
    {
        writer.WriteNumber("examples", p.ExampleCount);
        writer.WriteNumber("classes", MnistLogisticProblem.Classes);
        GoldenJson.WriteDouble(writer, "l2", p.Lambda);
        writer.WriteStartObject("data");
        WriteDataFile(writer, "images", MnistImages);
        WriteDataFile(writer, "labels", MnistLabels);
        writer.WriteEndObject();
        WriteInts(writer, "indices", p.Indices);
        writer.WriteStartObject("features");
        WriteInts(writer, "pixels", p.Pixels);
        GoldenJson.WriteDouble(writer, "pixel_scale", MnistLogisticProblem.PixelScale);
        writer.WriteString("bias", "last");
        writer.WriteEndObject();
        writer.WriteString("subset_sha256", p.SubsetSha256);
        writer.WriteString("features_sha256", p.FeaturesSha256);
    }

    private static MnistLogisticProblem ReadMnist(JsonElement problem, GoldenLocation at)
    {
        int n = GoldenJson.Int(problem, "examples", at);
        if (GoldenJson.Int(problem, "classes", at) != MnistLogisticProblem.Classes)
        {
            throw at.Child("classes").Format("must be 10");
        }

        double lambda = GoldenJson.Double(problem, "l2", at);
        JsonElement data = GoldenJson.Field(problem, "data", at);
        ExpectDataFile(data, "images", MnistImages, at.Child("data"));
        ExpectDataFile(data, "labels", MnistLabels, at.Child("data"));
        int[] indices = ReadInts(problem, "indices", at);
        if (indices.Length != n || n == 0 || indices.Any(i => i >= 60_000))
        {
            throw at.Child("indices").Format($"must hold {n} indices below 60000");
        }

        JsonElement features = GoldenJson.Field(problem, "features", at);
        int[] pixels = ReadInts(features, "pixels", at.Child("features"));
        if (pixels.Length == 0 || pixels.Any(j => j >= 784))
        {
            throw at.Child("features.pixels").Format("must hold pixel indices below 784");
        }

        if (GoldenJson.Double(features, "pixel_scale", at.Child("features")) != MnistLogisticProblem.PixelScale
            || GoldenJson.String(features, "bias", at.Child("features")) != "last")
        {
            throw at.Child("features").Format("this reader knows pixel_scale 255 and bias 'last' only");
        }

        var result = new MnistLogisticProblem(indices, pixels, lambda);
        ExpectDigest(GoldenJson.String(problem, "subset_sha256", at), result.SubsetSha256, at.Child("subset_sha256"));
        ExpectDigest(GoldenJson.String(problem, "features_sha256", at), result.FeaturesSha256, at.Child("features_sha256"));
        return result;
    }

    private static void WriteImdb(Utf8JsonWriter writer, ImdbLogisticProblem p)
    {
        writer.WriteNumber("examples", p.ExampleCount);
        GoldenJson.WriteDouble(writer, "l2", p.Lambda);
        writer.WriteStartObject("data");
        WriteDataFile(writer, "reviews", ImdbReviews);
        WriteDataFile(writer, "vocabulary", ImdbVocabulary);
        writer.WriteEndObject();
        WriteInts(writer, "indices", p.Indices);
        writer.WriteStartObject("features");
        writer.WriteString("tokenizer", "imdb");
        writer.WriteNumber("top_k", p.TopK);
        writer.WriteString("values", "term_frequency");
        writer.WriteString("normalization", "l2");
        writer.WriteString("bias", "last");
        writer.WriteEndObject();
        writer.WriteString("subset_sha256", p.SubsetSha256);
        writer.WriteString("features_sha256", p.FeaturesSha256);
    }

    private static ImdbLogisticProblem ReadImdb(JsonElement problem, GoldenLocation at)
    {
        int n = GoldenJson.Int(problem, "examples", at);
        double lambda = GoldenJson.Double(problem, "l2", at);
        JsonElement data = GoldenJson.Field(problem, "data", at);
        ExpectDataFile(data, "reviews", ImdbReviews, at.Child("data"));
        ExpectDataFile(data, "vocabulary", ImdbVocabulary, at.Child("data"));
        int[] indices = ReadInts(problem, "indices", at);
        if (indices.Length != n || n == 0 || indices.Any(i => i >= 25_000))
        {
            throw at.Child("indices").Format($"must hold {n} indices below 25000");
        }

        JsonElement features = GoldenJson.Field(problem, "features", at);
        GoldenLocation f = at.Child("features");
        int topK = GoldenJson.Int(features, "top_k", f);
        if (GoldenJson.String(features, "tokenizer", f) != "imdb" || GoldenJson.String(features, "values", f) != "term_frequency"
            || GoldenJson.String(features, "normalization", f) != "l2" || GoldenJson.String(features, "bias", f) != "last" || topK < 1)
        {
            throw f.Format("this reader knows tokenizer 'imdb', values 'term_frequency', normalization 'l2', bias 'last' and top_k >= 1 only");
        }

        var result = new ImdbLogisticProblem(indices, topK, lambda);
        ExpectDigest(GoldenJson.String(problem, "subset_sha256", at), result.SubsetSha256, at.Child("subset_sha256"));
        ExpectDigest(GoldenJson.String(problem, "features_sha256", at), result.FeaturesSha256, at.Child("features_sha256"));
        return result;
    }
}
