namespace Verification.GpuCheck.Checking;

/// <summary>The verdict words of the summary (docs/gpu.md, "Reading the summary").</summary>
internal static class Verdicts
{
    /// <summary>Everything compared agreed (float64: bit for bit; float32: within the bound).</summary>
    public const string Matching = "matching";

    /// <summary>A value differed (float64) or went beyond the bound (float32).</summary>
    public const string Mismatch = "mismatch";

    /// <summary>The device failed (an OpenCL error, a kernel that does not build).</summary>
    public const string Error = "error";

    /// <summary>The check could not run on this device (float64 without fp64).</summary>
    public const string NotRun = "not_run";

    /// <summary>Left out of the float32 check by design, with the documented reason.</summary>
    public const string Excluded = "excluded";

    /// <summary>An optimizer whose every check matched or was excluded by design.</summary>
    public static bool IsMatching(string precisionVerdict) => precisionVerdict is Matching or Excluded;
}
