using Verification.Gpu.Interop;

namespace Verification.Gpu.Devices;

/// <summary>
/// What an OpenCL installation consists of on this machine, as far as it matters for finding a device: whether the
/// library loaded, where the ICD loader looks for drivers and what it finds there, whether NVIDIA's driver library is
/// present, and how many platforms and devices came back. <see cref="OpenClDiagnosis"/> turns it into one line.
/// </summary>
/// <param name="LibraryError">Why the OpenCL library did not load, or null when it did.</param>
/// <param name="ChosenLibrary">The library chosen by path (<see cref="OpenClLibrary.ChosenPath"/>), or null.</param>
/// <param name="IcdFolder">The folder the ICD loader reads <c>*.icd</c> files from.</param>
/// <param name="IcdFolderVariable">Whether <see cref="IcdFolder"/> comes from <c>OCL_ICD_VENDORS</c>.</param>
/// <param name="IcdFiles">Each <c>*.icd</c> file in <see cref="IcdFolder"/> (file name) with the driver it names.</param>
/// <param name="NvidiaDriver">Where <c>libnvidia-opencl.so.1</c> lies, or null when it is in none of <see cref="OpenClLibrary.DriverFolders"/>.</param>
/// <param name="Platforms">Platforms the library reports (0 when it did not load).</param>
/// <param name="Devices">Devices over all platforms.</param>
public sealed record OpenClSetup(
    string? LibraryError,
    string? ChosenLibrary,
    string IcdFolder,
    bool IcdFolderVariable,
    IReadOnlyList<(string File, string Driver)> IcdFiles,
    string? NvidiaDriver,
    int Platforms,
    int Devices)
{
    /// <summary>The folder the ICD loader (ocl-icd and Khronos') reads when <c>OCL_ICD_VENDORS</c> is not set.</summary>
    public const string DefaultIcdFolder = "/etc/OpenCL/vendors";

    /// <summary>The variable that makes the ICD loader read another folder.</summary>
    public const string IcdFolderVariableName = "OCL_ICD_VENDORS";

    /// <summary>Whether some ICD file names NVIDIA's driver.</summary>
    public bool NvidiaRegistered => IcdFiles.Any(f => f.Driver.Contains("nvidia", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Looks at this machine's files: the ICD folder (<c>OCL_ICD_VENDORS</c> when it names a folder, else
    /// <see cref="DefaultIcdFolder"/>), its <c>*.icd</c> files and NVIDIA's driver library.
    /// </summary>
    /// <param name="libraryError">Why the library did not load, or null.</param>
    /// <param name="platforms">The platform count the library reported.</param>
    /// <param name="devices">The device count over those platforms.</param>
    /// <param name="environment">Reads an environment variable (injected by tests; the process environment by default).</param>
    /// <param name="fileExists">The file test (injected by tests).</param>
    public static OpenClSetup Probe(string? libraryError, int platforms, int devices, Func<string, string?>? environment = null, Func<string, bool>? fileExists = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        string? variable = environment(IcdFolderVariableName);
        bool fromVariable = !string.IsNullOrWhiteSpace(variable);
        string folder = fromVariable ? variable! : DefaultIcdFolder;
        var files = new List<(string, string)>();
        try
        {
            if (Directory.Exists(folder))
            {
                foreach (string file in Directory.GetFiles(folder, "*.icd").Order(StringComparer.Ordinal))
                {
                    files.Add((Path.GetFileName(file), File.ReadAllText(file).Trim()));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable folder reads as an empty one: the loader cannot use it either.
        }

        string? chosen = environment(OpenClLibrary.PathVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : OpenClLibrary.ChosenPath;
        return new OpenClSetup(libraryError, chosen, folder, fromVariable, files, OpenClLibrary.FindNvidiaDriver(fileExists), platforms, devices);
    }
}
