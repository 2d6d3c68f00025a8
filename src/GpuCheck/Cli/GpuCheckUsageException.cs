namespace Verification.GpuCheck.Cli;

/// <summary>A mistake in how <c>gpu-check</c> was called; its message is the one line the user sees.</summary>
public sealed class GpuCheckUsageException : Exception
{
    /// <summary>Creates the exception with the one-line message shown to the user.</summary>
    public GpuCheckUsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the one-line message shown to the user and the error that caused it.</summary>
    public GpuCheckUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
