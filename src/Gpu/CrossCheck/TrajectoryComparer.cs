using Verification.Reference.Optimizers;

namespace Verification.Gpu.CrossCheck;

/// <summary>
/// Compares a device step with the reference's bit for bit (by 64-bit pattern, so −0 ≠ +0 and a NaN payload counts):
/// θ first, then the state's scalars and buffers in their ordinal name order, so the first difference is reported
/// the same way every time.
/// </summary>
public static class TrajectoryComparer
{
    /// <summary>The first difference after step <paramref name="step"/>, or null when θ and the whole state agree.</summary>
    /// <exception cref="ArgumentException">The two sides do not have the same shape (a bug in the caller, not a finding).</exception>
    public static TrajectoryMismatch? FirstDifference(
        int step, ReadOnlySpan<double> referenceTheta, OptimizerState reference, ReadOnlySpan<double> deviceTheta, OptimizerState device)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(device);
        if (FirstDifference(step, "theta", referenceTheta, deviceTheta) is { } theta)
        {
            return theta;
        }

        if (reference.Step != device.Step)
        {
            return new TrajectoryMismatch(step, "scalar step", -1, reference.Step, device.Step);
        }

        if (!reference.ScalarNames.SequenceEqual(device.ScalarNames, StringComparer.Ordinal)
            || !reference.BufferNames.SequenceEqual(device.BufferNames, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The device state has entries [{string.Join(", ", device.ScalarNames.Concat(device.BufferNames))}] where the reference has [{string.Join(", ", reference.ScalarNames.Concat(reference.BufferNames))}].",
                nameof(device));
        }

        foreach (string name in reference.ScalarNames)
        {
            double r = reference.Scalar(name), d = device.Scalar(name);
            if (BitConverter.DoubleToInt64Bits(r) != BitConverter.DoubleToInt64Bits(d))
            {
                return new TrajectoryMismatch(step, "scalar " + name, -1, r, d);
            }
        }

        foreach (string name in reference.BufferNames)
        {
            if (FirstDifference(step, name, reference.Buffer(name), device.Buffer(name)) is { } buffer)
            {
                return buffer;
            }
        }

        return null;
    }

    /// <summary>The first coordinate where two vectors differ in their bit patterns, or null.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static TrajectoryMismatch? FirstDifference(int step, string quantity, ReadOnlySpan<double> reference, ReadOnlySpan<double> device)
    {
        if (reference.Length != device.Length)
        {
            throw new ArgumentException($"{quantity} has {device.Length} entries on the device and {reference.Length} in the reference.", nameof(device));
        }

        for (int j = 0; j < reference.Length; j++)
        {
            if (BitConverter.DoubleToInt64Bits(reference[j]) != BitConverter.DoubleToInt64Bits(device[j]))
            {
                return new TrajectoryMismatch(step, quantity, j, reference[j], device[j]);
            }
        }

        return null;
    }

    /// <summary>The first coordinate where two masks differ (reported as 1/0 values of the quantity <c>mask</c>), or null.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static TrajectoryMismatch? FirstMaskDifference(int step, ReadOnlySpan<bool> reference, ReadOnlySpan<bool> device)
    {
        if (reference.Length != device.Length)
        {
            throw new ArgumentException($"The mask has {device.Length} entries on the device and {reference.Length} in the reference.", nameof(device));
        }

        for (int j = 0; j < reference.Length; j++)
        {
            if (reference[j] != device[j])
            {
                return new TrajectoryMismatch(step, "mask", j, reference[j] ? 1.0 : 0.0, device[j] ? 1.0 : 0.0);
            }
        }

        return null;
    }

    /// <summary>The number of values <see cref="FirstDifference(int, ReadOnlySpan{double}, OptimizerState, ReadOnlySpan{double}, OptimizerState)"/> compares: θ, every scalar and every buffer entry.</summary>
    public static long ValueCount(OptimizerState state, int dimension)
    {
        ArgumentNullException.ThrowIfNull(state);
        return dimension + state.ScalarNames.Count + state.BufferNames.Sum(name => (long)state.Buffer(name).Length);
    }
}
