using FsCheck;
using FsCheck.Fluent;
using Verification.Gpu;
using Verification.Gpu.Devices;
using Verification.Gpu.Interop;
using Verification.Gpu.Kernels;

namespace Verification.Properties.Gpu;

/// <summary>Device discovery, error reporting, program builds, buffers and the STREAM triad kernel.</summary>
public sealed class OpenClInfrastructureTests
{
    [Fact]
    public void IsAvailable_never_throws_and_always_gives_a_reason()
    {
        bool available = OpenClBackend.IsAvailable(out string reason);
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.Equal(available, OpenClBackend.IsAvailable());
        if (available)
        {
            Assert.StartsWith("OpenCL device: ", reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Error_codes_are_named_and_exceptions_name_the_call_and_the_code()
    {
        Assert.Equal("CL_PLATFORM_NOT_FOUND_KHR", OpenClErrorCodes.Name(-1001));
        Assert.Equal("CL_BUILD_PROGRAM_FAILURE", OpenClErrorCodes.Name(-11));
        Assert.Equal("CL_INVALID_KERNEL_ARGS", OpenClErrorCodes.Name(-52));
        Assert.Equal("CL_UNKNOWN_ERROR(-9999)", OpenClErrorCodes.Name(-9999));
        var error = new OpenClException("clCreateBuffer", -61);
        Assert.Equal("clCreateBuffer failed with CL_INVALID_BUFFER_SIZE (-61).", error.Message);
        Assert.Equal("CL_INVALID_BUFFER_SIZE", error.ErrorName);
    }

    [Fact]
    public void Programs_keep_FP_CONTRACT_off_and_build_without_fast_math()
    {
        Assert.Contains("#pragma OPENCL FP_CONTRACT OFF", KernelSources.Read(KernelSources.Prelude), StringComparison.Ordinal);
        Assert.Equal("-cl-std=CL1.2", OpenClContext.StandardBuildOptions);
        foreach (string flag in new[] { "fast", "mad", "unsafe", "finite", "no-signed-zeros", "denorms" })
        {
            Assert.DoesNotContain(flag, OpenClContext.StandardBuildOptions + " " + OpenClBackend.CorrectlyRoundedSingleOption, StringComparison.Ordinal);
        }
    }

    [OpenClFact]
    public void Selecting_a_missing_device_reports_every_device_and_does_not_throw()
    {
        Assert.False(OpenClDevices.TrySelect("no-such-device-7f3a", out OpenClDeviceInfo? device, out string reason));
        Assert.Null(device);
        Assert.Contains("No OpenCL device matches 'no-such-device-7f3a'", reason, StringComparison.Ordinal);
        Assert.Contains(OpenClTestEnvironment.Device!.Name, reason, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => OpenClDevices.Select("no-such-device-7f3a"));
    }

    [OpenClFact]
    public void The_selection_variable_is_honoured_when_no_filter_is_passed()
    {
        // Tests in one class run sequentially; the shared test device was chosen before any test ran.
        string? saved = Environment.GetEnvironmentVariable(OpenClDevices.SelectionVariable);
        try
        {
            Environment.SetEnvironmentVariable(OpenClDevices.SelectionVariable, "no-such-device-7f3a");
            Assert.False(OpenClDevices.IsAvailable(out string reason));
            Assert.Contains($"from {OpenClDevices.SelectionVariable}", reason, StringComparison.Ordinal);
            Environment.SetEnvironmentVariable(OpenClDevices.SelectionVariable, OpenClTestEnvironment.Device!.Name.ToUpperInvariant());
            Assert.Equal(OpenClTestEnvironment.Device.Name, OpenClDevices.Select().Name);
        }
        finally
        {
            Environment.SetEnvironmentVariable(OpenClDevices.SelectionVariable, saved);
        }
    }

    [OpenClFact]
    public void The_selected_device_is_a_GPU_when_the_machine_has_one_and_matches_its_own_name()
    {
        IReadOnlyList<OpenClDeviceInfo> all = OpenClDevices.Enumerate();
        OpenClDeviceInfo selected = OpenClTestEnvironment.Device!;
        Assert.Contains(selected, all);
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OpenClDevices.SelectionVariable)) && all.Any(d => d.Kind == OpenClDeviceKind.Gpu))
        {
            Assert.Equal(OpenClDeviceKind.Gpu, selected.Kind);
        }

        Assert.True(OpenClDevices.TrySelect(selected.Name, out OpenClDeviceInfo? byName, out _));
        Assert.Equal(selected.Name, byName.Name);
    }

    [OpenClFact]
    public void A_build_failure_throws_with_the_full_build_log()
    {
        const string source = "__kernel void broken(__global float* a) { a[0] = undeclared_identifier_q9; }";
        ProgramBuildException error = Assert.Throws<ProgramBuildException>(() => OpenClTestEnvironment.Backend.Context.BuildProgram("broken", source));
        Assert.Equal(OpenClErrorCodes.BuildProgramFailure, error.ErrorCode);
        Assert.Contains("undeclared_identifier_q9", error.BuildLog, StringComparison.Ordinal);
        Assert.Contains(error.BuildLog, error.Message, StringComparison.Ordinal);
        Assert.Contains("clBuildProgram failed with CL_BUILD_PROGRAM_FAILURE", error.Message, StringComparison.Ordinal);
        Assert.Contains("-cl-std=CL1.2", error.Message, StringComparison.Ordinal);
    }

    [OpenClFact]
    public void Buffers_round_trip_every_supported_type_including_empty_ones()
    {
        OpenClContext context = OpenClTestEnvironment.Backend.Context;
        RoundTrip(context, [1u, 0u, uint.MaxValue, 7u]);
        RoundTrip(context, [int.MinValue, -1, 0, int.MaxValue, 5]);
        RoundTrip(context, [float.Epsilon, -0.0f, float.NaN, 1.5f]);
        RoundTrip(context, Array.Empty<float>());
        if (context.Device.SupportsFloat64)
        {
            RoundTrip(context, [double.Epsilon, -0.0, Math.PI, double.MaxValue]);
        }

        Assert.Throws<NotSupportedException>(() => context.Allocate<long>(3));
        using DeviceBuffer<int> buffer = context.Allocate<int>(3);
        Assert.Throws<ArgumentException>(() => buffer.Upload(new int[2]));
    }

    [OpenClFact]
    public void Stream_triad_equals_the_host_loop_bit_for_bit() =>
        GpuGenerators.Check(Prop.ForAll(
            Arb.From(from n in GpuGenerators.Length
                     from q in GpuGenerators.Finite
                     from seed in Gen.Choose(0, int.MaxValue)
                     select (n, q, seed)),
            c =>
            {
                var random = new Random(c.seed);
                double[] b = Enumerable.Range(0, c.n).Select(_ => (random.NextDouble() - 0.5) * 1e3).ToArray();
                double[] cc = Enumerable.Range(0, c.n).Select(_ => random.NextDouble() - 0.5).ToArray();
                OpenClBackend backend = OpenClTestEnvironment.Backend;
                Triad(backend, b, cc, (float)c.q, x => (float)x, (x, y, z) => x + (z * y));
                if (backend.SupportsFloat64)
                {
                    Triad(backend, b, cc, c.q, x => x, (x, y, z) => x + (z * y));
                }
            }),
            50);

    private static void Triad<T>(OpenClBackend backend, double[] b, double[] c, T q, Func<double, T> convert, Func<T, T, T, T> hostTriad)
        where T : unmanaged
    {
        T[] hb = b.Select(convert).ToArray(), hc = c.Select(convert).ToArray();
        using IDeviceVector<T> a = backend.Allocate<T>(b.Length), db = backend.Allocate<T>(b.Length), dc = backend.Allocate<T>(b.Length);
        db.Upload(hb);
        dc.Upload(hc);
        backend.StreamTriad(a, db, dc, q);
        var actual = new T[b.Length];
        a.Download(actual);
        T[] expected = hb.Select((x, i) => hostTriad(x, hc[i], q)).ToArray();
        Assert.Equal(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(expected.AsSpan()).ToArray(),
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(actual.AsSpan()).ToArray());
    }

    private static void RoundTrip<T>(OpenClContext context, T[] values)
        where T : unmanaged
    {
        using DeviceBuffer<T> buffer = context.Upload<T>(values);
        Assert.Equal(values.Length, buffer.Length);
        T[] back = buffer.ToArray();
        Assert.Equal(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray(),
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(back.AsSpan()).ToArray());
    }
}
