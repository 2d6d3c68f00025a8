using Verification.Audit.Experiments;

namespace Verification.Audit.Commands;

/// <summary>The options shared by <c>audit</c> and <c>experiment</c>.</summary>
/// <param name="OutputDirectory">Where the report goes.</param>
/// <param name="DataDirectory">An explicit data folder, or null for the default search.</param>
/// <param name="Seed">The base seed.</param>
/// <param name="Quick">Quick (default) or full scale.</param>
/// <param name="Device">Reference or accelerator.</param>
/// <param name="Depth">Claims search depth: gate, default or deep.</param>
/// <param name="CommandLine">The command as typed, for the report.</param>
/// <param name="Threads">Runs (and claim searches) executed at once; null uses every core. Results do not depend on it.</param>
internal sealed record AuditSettings(string OutputDirectory, string? DataDirectory, ulong Seed, bool Quick, ComputeDevice Device, string Depth, string CommandLine, int? Threads = null)
{
    /// <summary>Runs the experiments at their tiny (test) scale: for the tests of resuming and thread independence only.</summary>
    public bool Tiny { get; init; }
}
