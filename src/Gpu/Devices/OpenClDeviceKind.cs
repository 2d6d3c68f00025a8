namespace Verification.Gpu.Devices;

/// <summary>The broad class of an OpenCL device (<c>CL_DEVICE_TYPE</c>), in the order devices are preferred.</summary>
public enum OpenClDeviceKind
{
    /// <summary>A GPU (<c>CL_DEVICE_TYPE_GPU</c>): preferred.</summary>
    Gpu,

    /// <summary>A dedicated accelerator (<c>CL_DEVICE_TYPE_ACCELERATOR</c>).</summary>
    Accelerator,

    /// <summary>A CPU device such as PoCL's (<c>CL_DEVICE_TYPE_CPU</c>): the fallback.</summary>
    Cpu,

    /// <summary>Any other type bit pattern.</summary>
    Other,
}
