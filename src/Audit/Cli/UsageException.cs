namespace Verification.Audit.Cli;

/// <summary>A mistake in how a command was called (an unknown name, a value out of range, an unwritable output folder).</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception with the one-line message shown to the user.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the one-line message shown to the user and the error that caused it.</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
