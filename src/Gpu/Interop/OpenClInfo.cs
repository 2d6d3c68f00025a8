using System.Text;

namespace Verification.Gpu.Interop;

/// <summary>Typed reads of <c>clGetPlatformInfo</c>, <c>clGetDeviceInfo</c> and <c>clGetProgramBuildInfo</c>.</summary>
internal static unsafe class OpenClInfo
{
    public static string PlatformString(nint platform, uint param)
    {
        nuint size;
        OpenClException.ThrowIfError(OpenClNative.clGetPlatformInfo(platform, param, 0, null, &size), "clGetPlatformInfo");
        byte[] bytes = new byte[(int)size];
        fixed (byte* p = bytes)
        {
            OpenClException.ThrowIfError(OpenClNative.clGetPlatformInfo(platform, param, size, p, null), "clGetPlatformInfo");
        }

        return Decode(bytes);
    }

    public static string DeviceString(nint device, uint param)
    {
        nuint size;
        OpenClException.ThrowIfError(OpenClNative.clGetDeviceInfo(device, param, 0, null, &size), "clGetDeviceInfo");
        byte[] bytes = new byte[(int)size];
        fixed (byte* p = bytes)
        {
            OpenClException.ThrowIfError(OpenClNative.clGetDeviceInfo(device, param, size, p, null), "clGetDeviceInfo");
        }

        return Decode(bytes);
    }

    public static T DeviceValue<T>(nint device, uint param)
        where T : unmanaged
    {
        T value = default;
        OpenClException.ThrowIfError(OpenClNative.clGetDeviceInfo(device, param, (nuint)sizeof(T), &value, null), "clGetDeviceInfo");
        return value;
    }

    public static string ProgramBuildLog(nint program, nint device)
    {
        nuint size;
        int status = OpenClNative.clGetProgramBuildInfo(program, device, OpenClConstants.ProgramBuildLog, 0, null, &size);
        if (status != OpenClConstants.Success)
        {
            return $"(the build log could not be read: clGetProgramBuildInfo returned {OpenClErrorCodes.Name(status)})";
        }

        byte[] bytes = new byte[(int)size];
        fixed (byte* p = bytes)
        {
            status = OpenClNative.clGetProgramBuildInfo(program, device, OpenClConstants.ProgramBuildLog, size, p, null);
        }

        return status == OpenClConstants.Success
            ? Decode(bytes)
            : $"(the build log could not be read: clGetProgramBuildInfo returned {OpenClErrorCodes.Name(status)})";
    }

    private static string Decode(byte[] bytes)
    {
        int length = Array.IndexOf(bytes, (byte)0);
        return Encoding.UTF8.GetString(bytes, 0, length < 0 ? bytes.Length : length).Trim();
    }
}
