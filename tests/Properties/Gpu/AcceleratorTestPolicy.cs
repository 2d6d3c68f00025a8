namespace Verification.Properties.Gpu;

/// <summary>
/// When an accelerator test may skip. On a developer's machine a backend that cannot load (no OpenCL driver,
/// TorchSharp's natives refused by the loader) turns its tests into skips with the reason. With the environment
/// variable <c>CI</c> set (as CI services and .ci/run set it) they run and fail with that reason instead: a CI machine
/// is set up to have every backend, so a missing one is a broken setup that must not pass as green.
/// </summary>
internal static class AcceleratorTestPolicy
{
    /// <summary>The environment variable CI services set.</summary>
    public const string Variable = "CI";

    /// <summary>Whether <c>CI</c> is set to anything but empty, 0 or false.</summary>
    public static bool FailInsteadOfSkip => IsContinuousIntegration(Environment.GetEnvironmentVariable(Variable));

    /// <summary>Whether a value of <c>CI</c> means "running on CI".</summary>
    public static bool IsContinuousIntegration(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Trim() != "0" && !value.Trim().Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>The skip reason to set for a backend that is unusable for <paramref name="reason"/>: null (run and fail) on CI.</summary>
    public static string? SkipReason(string? reason, string? ciValue) =>
        reason is null || IsContinuousIntegration(ciValue) ? null : reason;

    /// <summary><see cref="SkipReason(string?, string?)"/> with this process's <c>CI</c>.</summary>
    public static string? SkipReason(string? reason) => SkipReason(reason, Environment.GetEnvironmentVariable(Variable));

    /// <summary>The exception a test gets when it runs (on CI) against a backend that could not be opened.</summary>
    public static InvalidOperationException Unavailable(string reason) =>
        new($"{reason} (CI is set, so accelerator tests fail instead of skipping when their backend cannot load)");
}
