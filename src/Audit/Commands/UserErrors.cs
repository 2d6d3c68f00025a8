namespace Verification.Audit.Commands;

/// <summary>
/// Runs a command and turns the errors a user can cause (a bad option value, an unknown claim id, a missing or corrupt
/// results file, a data file that is not there — its message lists where it looked and how to point the project at it)
/// into a message on standard error and exit code 2, instead of a stack trace.
/// </summary>
internal static class UserErrors
{
    public static int Run(Func<int> command)
    {
        try
        {
            return command();
        }
        catch (Exception e) when (UserError(e) is { } error)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return 2;
        }
    }

    /// <summary>The user error inside <paramref name="e"/>, looking through the AggregateException of a parallel search; null for a bug.</summary>
    private static Exception? UserError(Exception e) => e switch
    {
        AggregateException a => a.Flatten().InnerExceptions.Select(UserError).FirstOrDefault(inner => inner is not null),
        FormatException or ArgumentException or KeyNotFoundException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException => e,
        _ => null,
    };
}
