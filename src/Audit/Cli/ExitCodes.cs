namespace Verification.Audit.Cli;

/// <summary>
/// The exit codes of every command, documented in README.md ("Exit codes") so that scripts can tell a finding from a
/// mistake from a bug.
/// </summary>
public static class ExitCodes
{
    /// <summary>Everything ran and nothing failed.</summary>
    public const int Success = 0;

    /// <summary>The work ran, but something it checks failed (an experiment threw and the report says so, a golden file differs).</summary>
    public const int Failures = 1;

    /// <summary>A user error found before any work: an unknown command, option, name or value, or an output folder that cannot be written.</summary>
    public const int UsageError = 2;

    /// <summary>Data the command needs is missing and could not be fetched (offline, every mirror failed, or a file is corrupt).</summary>
    public const int DataUnavailable = 3;

    /// <summary>Stopped by Ctrl-C: a partial report was written; rerunning into the same folder finishes it (128 + SIGINT, the shell's convention).</summary>
    public const int Interrupted = 130;

    /// <summary>An unexpected exception: a bug in this program (EX_SOFTWARE of sysexits.h); its stack trace is printed.</summary>
    public const int InternalError = 70;
}
