namespace Verification.Reference.Optimizers;

/// <summary>
/// Integer powers β^t as the left fold ((1·β)·β)·…·β, the one definition every implementation here shares.
/// </summary>
/// <remarks>
/// The C library's pow is not correctly rounded everywhere, so β^t from pow can differ by an ULP between platforms
/// and languages. A product of t correctly rounded multiplications is reproducible anywhere; optimizers keep the
/// running product in their state (as TensorFlow 1's Adam kept <c>beta1_power</c>), so each step costs one multiply.
/// Its relative error is below t·2^-53 (about 1e-12 at t = 10^4), far below anything an audit compares.
/// </remarks>
public static class RunningPower
{
    /// <summary>β^t by t multiplications (for tests and one-off use; optimizers advance a running product).</summary>
    public static double Of(double beta, long t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        double power = 1.0;
        for (long i = 0; i < t; i++)
        {
            power *= beta;
        }

        return power;
    }
}
