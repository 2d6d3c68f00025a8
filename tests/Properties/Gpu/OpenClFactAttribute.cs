namespace Verification.Properties.Gpu;

/// <summary>
/// A <see cref="FactAttribute"/> that reports the test as skipped, with the specific reason, when no OpenCL device
/// is usable (or, with <see cref="RequiresFloat64"/>, when the device has no fp64), instead of passing vacuously. With
/// <c>CI</c> set, a missing OpenCL device is a failure instead (<see cref="AcceleratorTestPolicy"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class OpenClFactAttribute : FactAttribute
{
    private bool _requiresFloat64;
    private bool _requiresCorrectlyRoundedSingle;

    /// <summary>Marks an OpenCL test; sets <see cref="FactAttribute.Skip"/> when no device is usable.</summary>
    public OpenClFactAttribute()
    {
        string? reason = OpenClTestEnvironment.SkipReason(requireFloat64: false);
        if (reason is not null)
        {
            Skip = reason;
        }
    }

    /// <summary>
    /// Whether the test needs float kernels with IEEE (correctly rounded) divide and sqrt, which OpenCL makes optional
    /// (<c>CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT</c>, enabled with <c>-cl-fp32-correctly-rounded-divide-sqrt</c>).
    /// </summary>
    public bool RequiresCorrectlyRoundedSingle
    {
        get => _requiresCorrectlyRoundedSingle;
        set
        {
            _requiresCorrectlyRoundedSingle = value;
            if (value && Skip is null && OpenClTestEnvironment.Device is { SupportsCorrectlyRoundedSingleDivideSqrt: false } device)
            {
                Skip = $"This test compares float kernels bit for bit with IEEE float arithmetic, and the selected OpenCL device {device.Description} does not offer correctly rounded float divide and sqrt (CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT); the tolerance property covers it.";
            }
        }
    }

    /// <summary>Whether the test needs double-precision kernels.</summary>
    public bool RequiresFloat64
    {
        get => _requiresFloat64;
        set
        {
            _requiresFloat64 = value;
            string? reason = OpenClTestEnvironment.SkipReason(value);
            if (reason is not null)
            {
                Skip = reason;
            }
        }
    }
}
