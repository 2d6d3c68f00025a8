using System.Text.Json;
using Verification.Claims.Search;

namespace Verification.Claims.Reporting;

/// <summary>
/// Wall times measured on the machine that generated docs/audit.md, kept in docs/audit-timings.json so that the table,
/// which a test regenerates, can show them without depending on the clock. <c>tools/measure-audit-times.sh</c> writes it.
/// </summary>
/// <param name="Machine">The machine in words (cores, processor).</param>
/// <param name="GateTestSeconds">The whole <c>dotnet test</c> run.</param>
/// <param name="GateClaimsSeconds">The claims search at gate depth inside it (all threads).</param>
/// <param name="DefaultAuditSeconds">The <c>audit</c> command at its default depth (claims and experiments).</param>
/// <param name="DefaultClaimsSeconds">The claims search at default depth alone.</param>
/// <param name="Measured">When (UTC date).</param>
public sealed record AuditTimings(string Machine, double? GateTestSeconds, double? GateClaimsSeconds, double? DefaultAuditSeconds, double? DefaultClaimsSeconds, string Measured)
{
    /// <summary>The file name beside docs/audit.md.</summary>
    public const string FileName = "audit-timings.json";

    /// <summary>Reads the timings beside <paramref name="auditPath"/>; null when the file does not exist.</summary>
    /// <exception cref="InvalidDataException">The file exists but is not a timings file; the message names it.</exception>
    public static AuditTimings? Read(string auditPath)
    {
        string path = Path.Combine(Path.GetDirectoryName(auditPath) ?? ".", FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<AuditTimings>(File.ReadAllText(path), CounterexampleStore.JsonOptions)
                ?? throw new InvalidDataException($"{path}: empty timings file.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a timings file ({e.Message}).", e);
        }
    }
}
