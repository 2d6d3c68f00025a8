using Verification.GpuCheck.Cli;

// Checks the OpenCL device against the reference over the whole optimizer catalogue; docs/gpu.md ("gpu-check").
return GpuCheckCommandLine.Run(args);
