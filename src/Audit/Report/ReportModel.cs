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
    double Seconds);
