using Verification.Reference.Problems;

namespace Verification.Gpu.Convex;

/// <summary>
/// An <see cref="IFiniteSumObjective"/> that answers <see cref="ExampleGradientNorm"/> from norms computed elsewhere
/// (on the device, at one θ) and delegates everything else to <see cref="Inner"/>. It lets the reference
/// <c>ImportanceSampler</c> run its refresh and its O(B log n) tree descent on the host with the device's n norms.
/// Valid only at the θ the norms were computed at.
/// </summary>
/// <param name="Inner">The objective.</param>
/// <param name="Norms">‖∇f_i(θ)‖₂ for every example i at the current θ.</param>
public sealed record PrecomputedNormsObjective(IFiniteSumObjective Inner, double[] Norms) : IFiniteSumObjective
{
    /// <inheritdoc/>
    public int ExampleCount => Inner.ExampleCount;

    /// <inheritdoc/>
    public int Dimension => Inner.Dimension;

    /// <inheritdoc/>
    public double ExampleLoss(int example, ReadOnlySpan<double> theta) => Inner.ExampleLoss(example, theta);

    /// <inheritdoc/>
    public void ExampleGradient(int example, ReadOnlySpan<double> theta, Span<double> gradient) => Inner.ExampleGradient(example, theta, gradient);

    /// <inheritdoc/>
    public double ExampleGradientNorm(int example, ReadOnlySpan<double> theta) => Norms[example];
}
