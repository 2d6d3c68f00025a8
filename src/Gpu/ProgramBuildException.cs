namespace Verification.Gpu;

/// <summary>An OpenCL C program failed to build; <see cref="BuildLog"/> (also in the message) holds the compiler output.</summary>
public sealed class ProgramBuildException : OpenClException
{
    /// <summary>Creates the exception for a failed <c>clBuildProgram</c>.</summary>
    public ProgramBuildException(string programName, string options, int errorCode, string buildLog)
        : base("clBuildProgram", errorCode, $"Program '{programName}' with options '{options}' did not build. Build log:{Environment.NewLine}{buildLog}")
    {
        ProgramName = programName;
        Options = options;
        BuildLog = buildLog;
    }

    /// <summary>The name of the program (its kernel source files).</summary>
    public string ProgramName { get; }

    /// <summary>The build options passed to the compiler.</summary>
    public string Options { get; }

    /// <summary>The complete build log of the device compiler.</summary>
    public string BuildLog { get; }
}
