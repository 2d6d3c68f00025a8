using System.Text;
using Verification.Gpu.Interop;

namespace Verification.Gpu;

/// <summary>A built OpenCL program, the factory of its kernels.</summary>
public sealed unsafe class OpenClProgram : IDisposable
{
    private readonly OpenClHandle _program;

    internal OpenClProgram(OpenClContext context, string name, OpenClHandle program)
    {
        Context = context;
        Name = name;
        _program = program;
    }

    /// <summary>The context the program was built in.</summary>
    public OpenClContext Context { get; }

    /// <summary>The program's name (its source files).</summary>
    public string Name { get; }

    /// <summary>Creates the kernel <paramref name="kernelName"/>.</summary>
    public OpenClKernel CreateKernel(string kernelName)
    {
        byte[] nameBytes = Encoding.UTF8.GetBytes(kernelName + "\0");
        int status;
        nint kernel;
        fixed (byte* n = nameBytes)
        {
            kernel = OpenClNative.clCreateKernel(_program.Value, n, &status);
        }

        if (status != OpenClConstants.Success)
        {
            throw new OpenClException("clCreateKernel", status, $"Kernel '{kernelName}' in program '{Name}'.");
        }

        return new OpenClKernel(Context, kernelName, new OpenClHandle(kernel, OpenClObjectKind.Kernel));
    }

    /// <inheritdoc/>
    public void Dispose() => _program.Dispose();
}
