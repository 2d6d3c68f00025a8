using System.Diagnostics;

namespace Verification.Properties.Gpu;

/// <summary>Runs the built gpu-check in its own process (OpenCL's loader and library choice are fixed per process).</summary>
internal static class GpuCheckProcess
{
    /// <summary>Runs <c>gpu-check</c> with <paramref name="args"/> and the environment changes (null removes a variable).</summary>
    public static (int ExitCode, string Output, string Error) Run(IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment)
    {
        string program = Path.Combine(AppContext.BaseDirectory, "gpu-check.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(program);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach ((string name, string? value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"gpu-check {string.Join(' ', start.ArgumentList)} did not finish in 3 minutes");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
