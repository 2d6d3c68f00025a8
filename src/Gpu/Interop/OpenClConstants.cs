namespace Verification.Gpu.Interop;

/// <summary>The numeric values of the OpenCL enums and bitfields used here (from the Khronos <c>cl.h</c>).</summary>
internal static class OpenClConstants
{
    public const int Success = 0;
    public const uint True = 1;

    // cl_platform_info
    public const uint PlatformProfile = 0x0900;
    public const uint PlatformVersion = 0x0901;
    public const uint PlatformName = 0x0902;
    public const uint PlatformVendor = 0x0903;

    // cl_device_type (cl_bitfield)
    public const ulong DeviceTypeDefault = 1UL << 0;
    public const ulong DeviceTypeCpu = 1UL << 1;
    public const ulong DeviceTypeGpu = 1UL << 2;
    public const ulong DeviceTypeAccelerator = 1UL << 3;
    public const ulong DeviceTypeAll = 0xFFFFFFFFUL;

    // cl_device_info
    public const uint DeviceType = 0x1000;
    public const uint DeviceMaxComputeUnits = 0x1002;
    public const uint DeviceMaxWorkGroupSize = 0x1004;
    public const uint DeviceSingleFpConfig = 0x101B;
    public const uint DeviceGlobalMemSize = 0x101F;
    public const uint DeviceName = 0x102B;
    public const uint DeviceVendor = 0x102C;
    public const uint DriverVersion = 0x102D;
    public const uint DeviceVersion = 0x102F;
    public const uint DeviceExtensions = 0x1030;
    public const uint DeviceDoubleFpConfig = 0x1032;
    public const uint DeviceOpenClCVersion = 0x103D;

    // cl_device_fp_config (cl_bitfield)
    public const ulong FpFma = 1UL << 5;
    public const ulong FpCorrectlyRoundedDivideSqrt = 1UL << 7;

    // cl_context_properties
    public const nint ContextPlatform = 0x1084;

    // cl_program_build_info
    public const uint ProgramBuildStatus = 0x1181;
    public const uint ProgramBuildLog = 0x1183;

    // cl_mem_flags (cl_bitfield)
    public const ulong MemReadWrite = 1UL << 0;
}
