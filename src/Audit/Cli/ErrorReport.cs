using Verification.Convex.Data;
using Verification.Convex.Data.Checksums;
using Verification.Convex.Data.Download;

namespace Verification.Audit.Cli;

/// <summary>
/// Turns an exception that reached the top of a command into what the user sees: one line and a documented exit code
/// for a mistake or missing data, the stack trace under a line saying so for a bug.
/// </summary>
public static class ErrorReport
{
    /// <summary>Writes the report of <paramref name="e"/> to <paramref name="error"/> and returns the exit code.</summary>
    public static int Write(Exception e, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(error);
        (Exception? cause, int code) = Classify(e);
        if (cause is not null)
        {
            error.WriteLine($"error: {cause.Message}");
            return code;
        }

        WriteBug(e.ToString(), error);
        return ExitCodes.InternalError;
    }

    /// <summary>Writes a bug's exception text (with its stack trace) under the line that says it is one.</summary>
    public static void WriteBug(string exceptionText, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        error.WriteLine("internal error: this is a bug, not a mistake in the command; please report it with the text below.");
        error.WriteLine(exceptionText);
    }

    /// <summary>
    /// The user-facing cause inside <paramref name="e"/> and its exit code, looking through the AggregateException of a
    /// parallel search; (null, <see cref="ExitCodes.InternalError"/>) for a bug.
    /// </summary>
    public static (Exception? Cause, int Code) Classify(Exception e) => e switch
    {
        AggregateException a => a.Flatten().InnerExceptions.Select(Classify).FirstOrDefault(c => c.Cause is not null, (null, ExitCodes.InternalError)),
        UsageException or DataSettingException => (e, ExitCodes.UsageError),

        // Data that is missing, unreadable or corrupt: the message names the file and where it looked or what is wrong.
        DataNotFoundException or DataFormatException or ChecksumMismatchException or DataFetchException or ArchiveContentException => (e, ExitCodes.DataUnavailable),

        // A results file of `claims merge` or a --shard value: their messages name the file or the value.
        InvalidDataException or FormatException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException => (e, ExitCodes.UsageError),
        _ => (null, ExitCodes.InternalError),
    };
}
