namespace Verification.Golden.Approval;

/// <summary>An approval that cannot go through: no verified file yet, or accepting asked for on CI.</summary>
public sealed class GoldenApprovalException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GoldenApprovalException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public GoldenApprovalException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
