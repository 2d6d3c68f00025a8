using System.Text;
using Verification.Gpu.Devices;
using Verification.Gpu.Interop;

namespace Verification.Gpu;

/// <summary>
/// An OpenCL context on one device with one in-order command queue: the owner of programs and buffers.
/// </summary>
/// <remarks>
/// Programs are built with <see cref="StandardBuildOptions"/> (<c>-cl-std=CL1.2</c>, the newest OpenCL C that NVIDIA
/// accepts) and never with fast-math flags; the kernel sources set <c>#pragma OPENCL FP_CONTRACT OFF</c>, so no
/// multiply-add is fused behind the source's back (docs/gpu.md, numerics policy).
/// </remarks>
public sealed unsafe class OpenClContext : IDisposable
{
    /// <summary>The options every program is built with.</summary>
    public const string StandardBuildOptions = "-cl-std=CL1.2";

    /// <summary>Creates a context and queue on <paramref name="device"/>.</summary>
    public OpenClContext(OpenClDeviceInfo device)
    {
        ArgumentNullException.ThrowIfNull(device);
        Device = device;
        nint* properties = stackalloc nint[3] { OpenClConstants.ContextPlatform, device.PlatformHandle, 0 };
        nint deviceHandle = device.DeviceHandle;
        int status;
        nint context = OpenClNative.clCreateContext(properties, 1, &deviceHandle, nint.Zero, nint.Zero, &status);
        OpenClException.ThrowIfError(status, "clCreateContext");
        ContextHandle = new OpenClHandle(context, OpenClObjectKind.Context);

        nint queue = OpenClNative.clCreateCommandQueue(context, deviceHandle, 0, &status);
        if (status != OpenClConstants.Success)
        {
            ContextHandle.Dispose();
            throw new OpenClException("clCreateCommandQueue", status);
        }

        QueueHandle = new OpenClHandle(queue, OpenClObjectKind.CommandQueue);
    }

    /// <summary>The device this context runs on.</summary>
    public OpenClDeviceInfo Device { get; }

    internal OpenClHandle ContextHandle { get; }

    internal OpenClHandle QueueHandle { get; }

    /// <summary>Creates a context on the device chosen by <see cref="OpenClDevices.Select"/>.</summary>
    public static OpenClContext CreateDefault(string? nameFilter = null) => new(OpenClDevices.Select(nameFilter));

    /// <summary>Allocates a buffer of <paramref name="length"/> elements (contents undefined until written).</summary>
    public DeviceBuffer<T> Allocate<T>(int length)
        where T : unmanaged => new(this, length);

    /// <summary>Allocates a buffer holding a copy of <paramref name="values"/>.</summary>
    public DeviceBuffer<T> Upload<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var buffer = new DeviceBuffer<T>(this, values.Length);
        buffer.Upload(values);
        return buffer;
    }

    /// <summary>
    /// Builds <paramref name="source"/> with <see cref="StandardBuildOptions"/> plus <paramref name="extraOptions"/>.
    /// </summary>
    /// <exception cref="ProgramBuildException">The compiler rejected the program; the message holds the full build log.</exception>
    public OpenClProgram BuildProgram(string name, string source, string extraOptions = "")
    {
        ArgumentNullException.ThrowIfNull(source);
        string options = string.IsNullOrWhiteSpace(extraOptions) ? StandardBuildOptions : StandardBuildOptions + " " + extraOptions.Trim();
        byte[] sourceBytes = Encoding.UTF8.GetBytes(source);
        byte[] optionBytes = Encoding.UTF8.GetBytes(options + "\0");
        int status;
        nint program;
        fixed (byte* s = sourceBytes)
        {
            byte* strings = s;
            nuint length = (nuint)sourceBytes.Length;
            program = OpenClNative.clCreateProgramWithSource(ContextHandle.Value, 1, &strings, &length, &status);
        }

        OpenClException.ThrowIfError(status, "clCreateProgramWithSource");
        var handle = new OpenClHandle(program, OpenClObjectKind.Program);
        nint deviceHandle = Device.DeviceHandle;
        fixed (byte* o = optionBytes)
        {
            status = OpenClNative.clBuildProgram(program, 1, &deviceHandle, o, nint.Zero, nint.Zero);
        }

        if (status != OpenClConstants.Success)
        {
            string log = OpenClInfo.ProgramBuildLog(program, deviceHandle);
            handle.Dispose();
            throw new ProgramBuildException(name, options, status, log);
        }

        return new OpenClProgram(this, name, handle);
    }

    /// <summary>Blocks until every command queued so far has completed (<c>clFinish</c>).</summary>
    public void Finish() => OpenClException.ThrowIfError(OpenClNative.clFinish(QueueHandle.Value), "clFinish");

    /// <inheritdoc/>
    public void Dispose()
    {
        QueueHandle.Dispose();
        ContextHandle.Dispose();
    }
}
