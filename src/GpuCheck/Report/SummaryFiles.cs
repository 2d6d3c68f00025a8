using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Verification.GpuCheck.Report;

/// <summary>Writes <c>gpu-check.json</c> and <c>gpu-check.md</c>.</summary>
internal static class SummaryFiles
{
    /// <summary>The JSON file's name.</summary>
    public const string JsonName = "gpu-check.json";

    /// <summary>The Markdown file's name.</summary>
    public const string MarkdownName = "gpu-check.md";

    // The file is read by people and scripts, never embedded in HTML: keep '>' and non-ASCII text (β, →) as they are.
    private static readonly JsonTypeInfo<GpuCheckSummary> TypeInfo = (JsonTypeInfo<GpuCheckSummary>)new JsonSerializerOptions(SummaryJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }.GetTypeInfo(typeof(GpuCheckSummary));

    /// <summary>The summary as JSON text.</summary>
    public static string Json(GpuCheckSummary summary) => JsonSerializer.Serialize(summary, TypeInfo) + "\n";

    /// <summary>Writes both files into <paramref name="folder"/> (UTF-8, LF line ends).</summary>
    public static void Write(GpuCheckSummary summary, string folder)
    {
        Directory.CreateDirectory(folder);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        File.WriteAllText(Path.Combine(folder, JsonName), Json(summary), utf8);
        File.WriteAllText(Path.Combine(folder, MarkdownName), SummaryMarkdown.Render(summary), utf8);
    }
}
