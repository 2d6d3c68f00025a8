using System.Text.Json.Serialization;

namespace Verification.GpuCheck.Report;

/// <summary>
/// Source-generated JSON for the summary: no reflection at run time, so the trimmed single file keeps working.
/// Named floating-point literals are allowed because a float32 error ratio can be infinite.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(GpuCheckSummary))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext;
