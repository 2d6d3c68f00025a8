namespace Verification.Reference.Validation;

/// <summary>Two inputs that must have the same length do not.</summary>
public sealed class DimensionMismatchException : ArgumentException
{
    /// <summary>Creates the exception naming both inputs and their lengths.</summary>
    public DimensionMismatchException(string name, int actual, string expectedName, int expected)
        : base($"Length mismatch: {name} has length {actual} but {expectedName} has length {expected}.", name)
    {
        Actual = actual;
        Expected = expected;
    }

    /// <summary>The length that was given.</summary>
    public int Actual { get; }

    /// <summary>The length that was required.</summary>
    public int Expected { get; }
}
