using Verification.Reference.Optimizers;

namespace Verification.Gpu.CrossCheck;

/// <summary>
/// A double-precision optimizer run on a device, as the cross-check drives and reads it. The seam exists so that a
/// run can be wrapped (to prove that a perturbed device result is caught) or replaced by another backend.
/// </summary>
public interface ICrossCheckedDevice : IDisposable
{
    /// <summary>Uploads θ₀.</summary>
    void SetParameters(ReadOnlySpan<double> theta);

    /// <summary>Takes one step with <paramref name="gradient"/>.</summary>
    void Step(ReadOnlySpan<double> gradient);

    /// <summary>θ after the last step.</summary>
    double[] Parameters();

    /// <summary>The state after the last step, with the reference's names.</summary>
    OptimizerState State();

    /// <summary>The keep mask of the last step (StochGradAdam only).</summary>
    bool[] LastMask();
}
