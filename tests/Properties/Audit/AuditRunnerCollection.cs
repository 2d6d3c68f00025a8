namespace Verification.Properties.Audit;

/// <summary>
/// Test classes that run the audit runner, whose progress display is a Spectre.Console live display: only one may run
/// in a process at a time (a second throws "Trying to run one or more interactive functions concurrently"), so these
/// classes run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AuditRunnerCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Audit runner (one live progress display at a time)";
}
