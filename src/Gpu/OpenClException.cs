using Verification.Gpu.Interop;

namespace Verification.Gpu;

/// <summary>An OpenCL call returned an error status; the message names the call and the status code.</summary>
public class OpenClException : Exception
{
    /// <summary>Creates the exception for <paramref name="call"/> failing with <paramref name="errorCode"/>.</summary>
    public OpenClException(string call, int errorCode)
        : this(call, errorCode, null)
    {
    }

    /// <summary>Creates the exception with extra detail appended to the standard message.</summary>
    public OpenClException(string call, int errorCode, string? detail)
        : base(FormatMessage(call, errorCode, detail))
    {
        Call = call;
        ErrorCode = errorCode;
    }

    /// <summary>The OpenCL function that failed, such as <c>clCreateBuffer</c>.</summary>
    public string Call { get; }

    /// <summary>The raw <c>cl_int</c> status.</summary>
    public int ErrorCode { get; }

    /// <summary>The symbolic name of <see cref="ErrorCode"/>, such as <c>CL_INVALID_VALUE</c>.</summary>
    public string ErrorName => OpenClErrorCodes.Name(ErrorCode);

    /// <summary>Throws when <paramref name="status"/> is not <c>CL_SUCCESS</c>.</summary>
    public static void ThrowIfError(int status, string call)
    {
        if (status != OpenClConstants.Success)
        {
            throw new OpenClException(call, status);
        }
    }

    private static string FormatMessage(string call, int errorCode, string? detail)
    {
        string message = $"{call} failed with {OpenClErrorCodes.Name(errorCode)} ({errorCode}).";
        return detail is null ? message : message + " " + detail;
    }
}
