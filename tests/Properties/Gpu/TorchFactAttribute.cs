namespace Verification.Properties.Gpu;

/// <summary>
/// A <see cref="FactAttribute"/> that reports the test as skipped, with the reason, when TorchSharp cannot load here,
/// instead of passing vacuously; with <c>CI</c> set it runs and fails instead (<see cref="AcceleratorTestPolicy"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class TorchFactAttribute : FactAttribute
{
    /// <summary>Marks a TorchSharp test; sets <see cref="FactAttribute.Skip"/> when TorchSharp cannot load.</summary>
    public TorchFactAttribute() => Skip = TorchTestEnvironment.SkipReason();
}
