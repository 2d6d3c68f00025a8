namespace Verification.Audit.Commands;

/// <summary>
/// Runs a command and turns the errors a user can cause (a bad option value, an unknown claim id, a missing or corrupt
/// results file) into one line on standard error and exit code 2, instead of a stack trace.
/// </summary>
internal static class UserErrors
{
    public static int Run(Func<int> command)
    {
        try
        {
            return command();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or KeyNotFoundException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }
}
