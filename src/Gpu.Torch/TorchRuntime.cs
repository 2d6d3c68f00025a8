using System.Runtime.InteropServices;
using TorchSharp;

namespace Verification.Gpu.Torch;

/// <summary>
/// Whether TorchSharp's natives load here, and why not. The native library is loaded by its path first, so that a
/// failure is reported with the loader's own words (a missing GLIBCXX version, a missing file) before TorchSharp is
/// touched: TorchSharp's static constructor would otherwise fail for good for the process, after copying the whole
/// libtorch (600 MB) into a fallback folder beside the application.
/// </summary>
public static class TorchRuntime
{
    /// <summary>The file name of TorchSharp's native glue library on Linux.</summary>
    public const string NativeLibraryName = "libLibTorchSharp.so";

    /// <summary>The version of libstdc++ (GCC 13) that TorchSharp 0.107's native library asks for.</summary>
    public const string NewerLibstdcxxVersion = "GLIBCXX_3.4.32";

    private static readonly Lazy<string?> Failure = new(Probe, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether TorchSharp can be used; never throws. <paramref name="reason"/> names libtorch's version, or says why not in one line.</summary>
    public static bool IsAvailable(out string reason)
    {
        string? failure = Failure.Value;
        reason = failure ?? $"TorchSharp {typeof(torch).Assembly.GetName().Version} with libtorch {torch.__version__}";
        return failure is null;
    }

    /// <summary>Whether TorchSharp can be used; never throws.</summary>
    public static bool IsAvailable() => IsAvailable(out _);

    /// <summary>Throws when TorchSharp cannot be used.</summary>
    /// <exception cref="NotSupportedException">TorchSharp's natives do not load (the message says why, in one line).</exception>
    public static void EnsureAvailable()
    {
        if (Failure.Value is { } failure)
        {
            throw new NotSupportedException(failure);
        }
    }

    /// <summary>The one-line reason for a loader message about <paramref name="path"/>.</summary>
    internal static string Diagnose(string path, string loaderMessage)
    {
        // .NET's DllNotFoundException puts its own advice first and the loader's (dlerror's) words on the last line.
        string loader = loaderMessage.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? loaderMessage.Trim();
        return loaderMessage.Contains(NewerLibstdcxxVersion, StringComparison.Ordinal)
            ? $"TorchSharp cannot load: {path} needs {NewerLibstdcxxVersion} (GCC 13's libstdc++) and the system libstdc++ is older. "
              + "The build patches its copy when patchelf, g++ and python3 are installed (apt-get install -y patchelf g++ python3, then rebuild), "
              + $"or run tools/torch/compat.sh {Path.GetDirectoryName(path)}"
            : $"TorchSharp cannot load {path}: {loader}";
    }

    /// <summary>Where the native library is expected: the build output's RID folder, else beside the application.</summary>
    internal static string? FindNativeLibrary()
    {
        string baseDirectory = AppContext.BaseDirectory;
        foreach (string candidate in new[]
                 {
                     Path.Combine(baseDirectory, "runtimes", "linux-x64", "native", NativeLibraryName),
                     Path.Combine(baseDirectory, NativeLibraryName),
                 })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string? Probe()
    {
        if (OperatingSystem.IsLinux())
        {
            string? path = FindNativeLibrary();
            if (path is null)
            {
                return $"TorchSharp cannot load: {NativeLibraryName} is neither in runtimes/linux-x64/native nor beside the application in {AppContext.BaseDirectory} (a project that uses the backend references Verification.Gpu.Torch, which brings libtorch-cpu-linux-x64)";
            }

            string folder = Path.GetDirectoryName(path)!;
            if (!File.Exists(Path.Combine(folder, "libtorch_cpu.so")))
            {
                return $"TorchSharp cannot load: libtorch's natives (libtorch_cpu.so, package libtorch-cpu-linux-x64) are not in {folder}; the optaudit .NET tool leaves them out, a build from the repository has them";
            }

            try
            {
                NativeLibrary.Load(path);
            }
            catch (DllNotFoundException e)
            {
                return Diagnose(path, e.Message);
            }
            catch (BadImageFormatException e)
            {
                return Diagnose(path, e.Message);
            }
        }

        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            return null;
        }
        catch (TypeInitializationException e)
        {
            return "TorchSharp cannot load: " + (e.InnerException ?? e).Message.Split('\n', 2)[0].Trim();
        }
        catch (NotSupportedException e)
        {
            return "TorchSharp cannot load: " + e.Message.Split('\n', 2)[0].Trim();
        }
        catch (ExternalException e)
        {
            return "TorchSharp cannot load: " + e.Message.Split('\n', 2)[0].Trim();
        }
    }
}
