namespace Verification.Reference.Validation;

/// <summary>A probability vector is not a distribution: a negative, NaN or infinite entry, or a total other than 1.</summary>
public sealed class InvalidProbabilitiesException : ArgumentException
{
    /// <summary>Creates the exception with a message that names the entry or the total.</summary>
    public InvalidProbabilitiesException(string message)
        : base(message, "probabilities")
    {
    }
}
