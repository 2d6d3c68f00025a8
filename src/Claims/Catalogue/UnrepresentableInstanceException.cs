namespace Verification.Claims.Catalogue;

/// <summary>
/// An instance whose evaluation leaves the range of double arithmetic: a nonzero gradient whose square underflows to 0
/// (so a second moment is 0 where in exact arithmetic it is positive), or a square that overflows. The search skips
/// such an instance and counts it; it is never taken as a violation, because the failure is the arithmetic's, not the
/// claim's.
/// </summary>
public sealed class UnrepresentableInstanceException : ArithmeticException
{
    /// <summary>Creates the exception with what left the range and where.</summary>
    public UnrepresentableInstanceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public UnrepresentableInstanceException()
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public UnrepresentableInstanceException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Throws when <paramref name="x"/> ≠ 0 but the second moment <paramref name="second"/> built from x² is 0 or infinite.</summary>
    public static void ThrowIfSecondMomentLost(double x, double second, string where)
    {
        if ((x != 0.0 && second == 0.0) || double.IsInfinity(second))
        {
            throw new UnrepresentableInstanceException($"{where}: the second moment of {x:G3} is {second} in double arithmetic.");
        }
    }
}
