using System.Runtime.InteropServices;

namespace Verification.Audit.Report;

/// <summary>The machine a report was produced on, in one line per fact.</summary>
public static class HardwareInfo
{
    /// <summary>CPU model, logical cores, memory, OS, .NET runtime, and the accelerator when one was used.</summary>
    public static IReadOnlyList<(string Key, string Value)> Describe(string? accelerator)
    {
        var facts = new List<(string, string)>
        {
            ("CPU", CpuModel()),
            ("logical cores", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("memory", Memory()),
            ("OS", RuntimeInformation.OSDescription),
            (".NET", RuntimeInformation.FrameworkDescription),
        };
        if (accelerator is not null)
        {
            facts.Add(("accelerator", accelerator));
        }

        return facts;
    }

    private static string CpuModel()
    {
        try
        {
            string? line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static string Memory()
    {
        long bytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return $"{bytes / (1024.0 * 1024 * 1024):F1} GiB available to the process";
    }
}
