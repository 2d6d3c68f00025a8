namespace Verification.Gpu.Interop;

/// <summary>How the OpenCL functions of the loaded library are reached.</summary>
public enum OpenClBinding
{
    /// <summary>The library exports the OpenCL API by name (the ICD loader <c>libOpenCL.so.1</c>, a non-ICD build).</summary>
    Exports,

    /// <summary>
    /// An installable client driver loaded without the ICD loader: platforms come from its <c>clIcdGetPlatformIDsKHR</c>
    /// and every other function from the platform's dispatch table, as the loader itself would forward them.
    /// </summary>
    IcdDispatch,
}
