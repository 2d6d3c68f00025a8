namespace Verification.GpuCheck.Cli;

/// <summary>The exit codes of <c>gpu-check</c>, documented in docs/gpu.md so that scripts can act on them.</summary>
public static class GpuCheckExitCodes
{
    /// <summary>Every optimizer of the catalogue matched the reference (float64 bit for bit, float32 within the bound).</summary>
    public const int Matching = 0;

    /// <summary>Some optimizer did not match: a differing value, a value beyond the float bound, a device error, or no fp64.</summary>
    public const int Mismatch = 1;

    /// <summary>A mistake on the command line (unknown option, bad value, unwritable output folder).</summary>
    public const int UsageError = 2;

    /// <summary>No OpenCL platform or device (or none matching --device); the message says what is missing.</summary>
    public const int NoDevice = 3;

    /// <summary>An unexpected exception: a bug in this program (EX_SOFTWARE of sysexits.h); its stack trace is printed.</summary>
    public const int InternalError = 70;
}
