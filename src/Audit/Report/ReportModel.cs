using Verification.Audit.Experiments;
using Verification.Claims.Search;

namespace Verification.Audit.Report;

/// <summary>Everything a report shows, gathered before it is rendered to Markdown and HTML.</summary>
/// <param name="Command">The exact command that produced it.</param>
/// <param name="Seed">The base seed.</param>
/// <param name="Mode">Quick or full scale, in words.</param>
/// <param name="Hardware">Machine facts.</param>
/// <param name="ClaimBudget">The claims search budget.</param>
/// <param name="Claims">Claim verdicts (empty when the claims were not run).</param>
/// <param name="Experiments">Experiment results, in report order.</param>
/// <param name="Started">When the run started (UTC).</param>
/// <param name="Seconds">Total wall-clock time.</param>
public sealed record ReportModel(
    string Command,
    ulong Seed,
    string Mode,
    IReadOnlyList<(string Key, string Value)> Hardware,
    SearchBudget ClaimBudget,
    IReadOnlyList<ClaimResult> Claims,
    IReadOnlyList<ExperimentResult> Experiments,
    DateTime Started,
    double Seconds)
{
    /// <summary>Runs executed at once.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Experiment runs computed by this audit.</summary>
    public int RunsComputed { get; init; }

    /// <summary>Experiment runs read back from an earlier audit into the same folder.</summary>
    public int RunsReused { get; init; }

    /// <summary>Stored runs that were found but recomputed, and why.</summary>
    public IReadOnlyList<string> RunNotes { get; init; } = [];

    /// <summary>Claims of the catalogue that were not searched because the audit was stopped.</summary>
    public int ClaimsMissing { get; init; }

    /// <summary>Whether the audit was stopped (Ctrl-C) before it finished.</summary>
    public bool Stopped { get; init; }
}
