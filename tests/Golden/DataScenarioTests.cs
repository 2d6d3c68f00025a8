using System.Text.Json.Nodes;
using Verification.Convex.Objectives;
using Verification.Convex.Online;
using Verification.Golden.Approval;
using Verification.Golden.Format;
using Verification.Golden.Recording;
using Verification.Golden.Scenarios;
using Verification.Reference.Problems;

namespace Verification.Golden;

/// <summary>
/// The golden problems of the data scenarios are the objectives of src/Convex (in a fixed sequential order), and their
/// headers pin the data: a header whose digests or options do not match the staged data is rejected by name.
/// </summary>
public class DataScenarioTests
{
    private const string File = "corrupt.verified.jsonl";

    // θ with entries of both signs and several sizes, the same for every run.
    private static double[] Point(int d) => [.. Enumerable.Range(0, d).Select(q => 0.05 * Math.Sin(1.7 * q + 0.3))];

    private static void Close(double expected, double actual, double relative = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(1.0, Math.Abs(expected)), $"expected {expected:R}, found {actual:R}");

    [Fact]
    public void Mnist_problem_is_src_Convex_multinomial_logistic_regression_on_the_chosen_pixels()
    {
        MnistLogisticProblem golden = ScenarioCatalog.Mnist;
        (double[] features, int[] labels) = golden.Data();
        var convex = new MultinomialLogisticRegression(features, golden.Pixels.Length, labels, MnistLogisticProblem.Classes, golden.Lambda);
        Compare(golden, convex, t => convex.Value(t), (t, g) => convex.ValueAndGradient(t, g));
    }

    [Fact]
    public void Imdb_problem_is_src_Convex_binary_logistic_regression_on_the_top_k_features()
    {
        ImdbLogisticProblem golden = ScenarioCatalog.Imdb;
        (var features, int[] labels) = golden.Data();
        Assert.Equal(golden.TopK, features.ColumnCount);
        Assert.Contains(0, labels);
        Assert.Contains(1, labels);
        var convex = new BinaryLogisticRegression(features, labels, golden.Lambda);
        Compare(golden, convex, t => convex.Value(t), (t, g) => convex.ValueAndGradient(t, g));
    }

    private static void Compare(IGoldenProblem golden, IFiniteSumObjective convex, Func<double[], double> value, Action<double[], double[]> gradient)
    {
        Assert.Equal(convex.Dimension, golden.Dimension);
        double[] theta = Point(golden.Dimension);
        Close(value(theta), golden.Loss(theta));
        var expected = new double[golden.Dimension];
        var actual = new double[golden.Dimension];
        gradient(theta, expected);
        golden.Gradient(theta, actual);
        for (int q = 0; q < expected.Length; q++)
        {
            Close(expected[q], actual[q], 1e-10);
        }

        var finiteSum = (IFiniteSumObjective)golden;
        foreach (int i in new[] { 0, 1, 100, finiteSum.ExampleCount - 1 })
        {
            Close(convex.ExampleLoss(i, theta), finiteSum.ExampleLoss(i, theta));
            Close(convex.ExampleGradientNorm(i, theta), finiteSum.ExampleGradientNorm(i, theta), 1e-10);
        }
    }

    // The same string and tokens as tools/golden/test_check.py's Tokenizer test, so both implementations are pinned.
    [Fact]
    public void Imdb_tokenizer_gives_the_tokens_the_python_checker_expects() =>
        Assert.Equal(
            ["don't", "stop", "!", "!", "sci-fi", "quoted", "a", "b", "x-ray", "?", "b", "bold", "b", "10", "10", "caf\u00e9", "ok"],
            Verification.Convex.Features.ImdbTokenizer.Tokenize("Don't<br />STOP!!Sci-Fi 'quoted' a--b x-ray? <b>bold</b> 10/10 caf\u00e9 \U0001F600ok"));

    [Fact]
    public void Reddi_problems_reveal_the_src_Convex_slopes()
    {
        ReddiCounterexample deterministic = ReddiCounterexample.Deterministic(3.0);
        ReddiCounterexample stochastic = ReddiCounterexample.Stochastic(3.0, 0.1, 42);
        var g = new double[1];
        for (int t = 1; t <= 30; t++)
        {
            ScenarioCatalog.Reddi.GradientAt(t, [0.25], g);
            Assert.Equal(deterministic.Slope(t), g[0]);
            Assert.Equal(t % 3 == 1 ? 3.0 : -1.0, g[0]);
            ScenarioCatalog.ReddiStochastic.GradientAt(t, [0.25], g);
            Assert.Equal(stochastic.Slope(t), g[0]);
            Assert.Equal(0.25 * g[0], ScenarioCatalog.ReddiStochastic.LossAt(t, [0.25]));
        }
    }

    [Theory]
    [InlineData("mnist-sgd", "subset_sha256")]
    [InlineData("mnist-sgd", "features_sha256")]
    [InlineData("imdb-sgd", "subset_sha256")]
    [InlineData("imdb-sgd", "features_sha256")]
    [InlineData("mnist-sgd", "data.images_sha256")]
    [InlineData("imdb-sgd", "data.vocabulary_sha256")]
    public void Header_digest_that_the_data_do_not_give_is_rejected_by_name(string id, string field)
    {
        string text = EditHeader(id, problem =>
        {
            JsonNode target = problem;
            string[] path = field.Split('.');
            foreach (string part in path[..^1])
            {
                target = target[part]!;
            }

            target[path[^1]] = new string('0', 64);
        });
        var e = Assert.Throws<GoldenFormatException>(() => GoldenReplay.Check(text, File));
        Assert.Contains($"{File} line 1", e.Message, StringComparison.Ordinal);
        Assert.Contains(field.Split('.')[0], e.Location.Field, StringComparison.Ordinal);
    }

    // pixel * (1/255) rounds twice; for 24 of the 256 byte values it is not pixel / 255, and the subset holds some.
    [Fact]
    public void Mnist_features_digest_tells_pixel_over_255_from_pixel_times_its_reciprocal()
    {
        MnistLogisticProblem golden = ScenarioCatalog.Mnist;
        int p = golden.Pixels.Length;
        (double[] features, _) = golden.Data();
        double[][] right = [.. features.Chunk(p).Select(row => row.Select(v => Math.Round(v * 255.0) / 255.0).ToArray())];
        double[][] wrong = [.. features.Chunk(p).Select(row => row.Select(v => Math.Round(v * 255.0) * (1.0 / 255.0)).ToArray())];
        Assert.True(right.Zip(wrong).Count(rows => !rows.First.SequenceEqual(rows.Second)) > 0, "no subset pixel tells the two scalings apart");
        Assert.Equal(golden.FeaturesSha256, MnistLogisticProblem.FeaturesDigest(right, p));
        Assert.NotEqual(golden.FeaturesSha256, MnistLogisticProblem.FeaturesDigest(wrong, p));
    }

    [Fact]
    public void Header_with_other_feature_options_is_rejected()
    {
        string text = EditHeader("imdb-adam", problem => problem["features"]!["values"] = "tf_idf");
        var e = Assert.Throws<GoldenFormatException>(() => GoldenReplay.Check(text, File));
        Assert.Contains("problem.features", e.Location.Field, StringComparison.Ordinal);
    }

    [Fact]
    public void Reddi_header_with_a_wrong_probability_is_rejected()
    {
        string text = EditHeader("reddi-stochastic-adam", problem => problem["probability"] = new JsonObject { ["r"] = "0.25", ["x"] = "3fd0000000000000" });
        var e = Assert.Throws<GoldenFormatException>(() => GoldenReplay.Check(text, File));
        Assert.Contains("problem.probability", e.Location.Field, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_an_example_index_changes_the_digest_and_is_rejected()
    {
        string text = EditHeader("mnist-adam", problem => problem["indices"]![5] = 60_000 - 1);
        var e = Assert.Throws<GoldenFormatException>(() => GoldenReplay.Check(text, File));
        Assert.Contains("subset_sha256", e.Location.Field, StringComparison.Ordinal);
    }

    private static string EditHeader(string id, Action<JsonNode> edit)
    {
        string[] lines = System.IO.File.ReadAllText(GoldenApprover.Default.VerifiedPath(id)).Split('\n');
        JsonNode header = JsonNode.Parse(lines[0])!;
        edit(header["problem"]!);
        lines[0] = header.ToJsonString();
        return string.Join('\n', lines);
    }
}
