namespace Verification.GpuCheck.Cli;

/// <summary>No OpenCL platform or device can be used; the message says exactly what is missing (exit code 3).</summary>
public sealed class NoOpenClDeviceException : Exception
{
    /// <summary>Creates the exception with the one-line diagnosis.</summary>
    public NoOpenClDeviceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the one-line diagnosis and the error behind it.</summary>
    public NoOpenClDeviceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
