namespace Verification.Reference.Validation;

/// <summary>A gradient handed to an optimizer holds NaN or an infinity.</summary>
public sealed class InvalidGradientException : ArgumentException
{
    /// <summary>Creates the exception for coordinate <paramref name="index"/> at step <paramref name="step"/>.</summary>
    public InvalidGradientException(long step, int index, double value)
        : base($"Invalid gradient: coordinate {index} is {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} at step {step} (gradients must be finite).", "gradient")
    {
        Step = step;
        Index = index;
        Value = value;
    }

    /// <summary>The 1-based step whose gradient was rejected.</summary>
    public long Step { get; }

    /// <summary>The first offending coordinate.</summary>
    public int Index { get; }

    /// <summary>The offending value.</summary>
    public double Value { get; }
}
