using System.Text.Json;
using System.Text.Json.Serialization;
using Verification.Claims.Catalogue;

namespace Verification.Claims.Search;

/// <summary>
/// Reads and writes <c>docs/counterexamples/&lt;ID&gt;.json</c>: the claim, where it is, both sides and the instance.
/// Doubles are written in their shortest round-trip form, so a stored instance re-evaluates to the same bits.
/// </summary>
public static class CounterexampleStore
{
    /// <summary>The serializer options for instances and counterexample files.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        IndentSize = 1,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The file a claim's counterexample lives in.</summary>
    public static string PathFor(string directory, string claimId) => Path.Combine(directory, claimId + ".json");

    /// <summary>Writes a counterexample file (LF line endings, trailing newline).</summary>
    public static void Write(string directory, ClaimInfo info, Counterexample counterexample)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(counterexample);
        Directory.CreateDirectory(directory);
        var file = new CounterexampleFile(
            info.Id, info.Paper, info.Location, info.Statement, info.Relation == Relation.Equal ? "=" : "<=",
            counterexample.Family, counterexample.Sides.Left, counterexample.Sides.Right, counterexample.InsideCondition, counterexample.Instance);
        string json = JsonSerializer.Serialize(file, JsonOptions).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
        File.WriteAllText(PathFor(directory, info.Id), json);
    }

    /// <summary>Reads a counterexample file.</summary>
    /// <exception cref="InvalidDataException">The file is not a counterexample file; the message names it.</exception>
    public static CounterexampleFile Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<CounterexampleFile>(File.ReadAllText(path), JsonOptions)
                ?? throw new InvalidDataException($"{path}: empty counterexample file.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid counterexample file ({e.Message}).", e);
        }
    }
}

/// <summary>The content of a counterexample file.</summary>
/// <param name="Id">The claim's id.</param>
/// <param name="Paper">The paper.</param>
/// <param name="Location">Where in the paper.</param>
/// <param name="Statement">The claim.</param>
/// <param name="Relation"><c>&lt;=</c> or <c>=</c>.</param>
/// <param name="Family">The instance family it came from.</param>
/// <param name="Left">The left side on the instance.</param>
/// <param name="Right">The right side on the instance.</param>
/// <param name="InsideCondition">For a conditional claim: whether the instance satisfies its condition.</param>
/// <param name="Instance">The instance.</param>
public sealed record CounterexampleFile(
    string Id, string Paper, string Location, string Statement, string Relation, string Family, double Left, double Right, bool InsideCondition, JsonElement Instance);
