using System.Runtime.InteropServices;

namespace Verification.Gpu.Interop;

/// <summary>
/// Loads the file that provides OpenCL, on the first OpenCL call: a library chosen by path, else the ICD loader
/// <c>libOpenCL.so.1</c>, else NVIDIA's driver <c>libnvidia-opencl.so.1</c> from the usual driver folders, so a GPU
/// machine without the loader package (or without its ICD registration) still works.
/// </summary>
/// <remarks>
/// A library that exports <c>clGetPlatformIDs</c> is bound by its exports. An installable client driver loaded on its
/// own exports little more than <c>clGetExtensionFunctionAddress</c> and <c>clIcdGetPlatformIDsKHR</c>; it is bound as
/// the ICD loader binds it: platforms from <c>clIcdGetPlatformIDsKHR</c>, every other function from the dispatch table
/// that each of its objects starts with (<see cref="OpenClDispatchTable"/>). Once loaded, the process stays with that
/// file; a failed load is retried on the next call.
/// </remarks>
public static unsafe class OpenClLibrary
{
    /// <summary>The ICD loader's soname (Debian's ocl-icd-libopencl1 ships no unversioned libOpenCL.so).</summary>
    public const string LoaderName = OpenClNative.Library;

    /// <summary>The soname of NVIDIA's OpenCL driver library.</summary>
    public const string NvidiaDriverName = "libnvidia-opencl.so.1";

    /// <summary>The environment variable that chooses the OpenCL library by path (as <see cref="Use"/> does).</summary>
    public const string PathVariable = "VERIFICATION_OPENCL_LIBRARY";

    private static readonly Lock Gate = new();
    private static string? _chosenPath;
    private static OpenClEntryPoints? _entryPoints;

    /// <summary>
    /// The folders searched for <see cref="NvidiaDriverName"/> after the dynamic linker's own search: Debian/Ubuntu and
    /// Red Hat library folders, the NVIDIA container toolkit's mounts, and WSL's driver folder.
    /// </summary>
    public static IReadOnlyList<string> DriverFolders { get; } =
    [
        "/usr/lib/x86_64-linux-gnu",
        "/usr/lib/x86_64-linux-gnu/nvidia/current",
        "/usr/lib64",
        "/usr/lib",
        "/usr/local/nvidia/lib64",
        "/usr/local/nvidia/lib",
        "/usr/lib/wsl/lib",
        "/run/nvidia/driver/usr/lib/x86_64-linux-gnu",
    ];

    /// <summary>The loaded library; null until the first OpenCL call succeeds in loading one.</summary>
    public static LoadedOpenClLibrary? Loaded { get; private set; }

    /// <summary>The path chosen with <see cref="Use"/>, else the value of <see cref="PathVariable"/>, or null.</summary>
    public static string? ChosenPath
    {
        get
        {
            lock (Gate)
            {
                return _chosenPath ?? NonEmpty(Environment.GetEnvironmentVariable(PathVariable));
            }
        }
    }

    /// <summary>Makes the OpenCL calls of this process go to <paramref name="path"/>; call before the first OpenCL call.</summary>
    /// <exception cref="InvalidOperationException">OpenCL was already loaded from another file.</exception>
    public static void Use(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        lock (Gate)
        {
            if (Loaded is { } loaded && loaded.Name != path)
            {
                throw new InvalidOperationException($"OpenCL is already loaded from {loaded.Name}; choose the library before the first OpenCL call.");
            }

            _chosenPath = path;
        }
    }

    /// <summary>Where <see cref="NvidiaDriverName"/> lies in <see cref="DriverFolders"/>, or null.</summary>
    /// <param name="fileExists">The file test (injected by tests; <see cref="File.Exists"/> by default).</param>
    public static string? FindNvidiaDriver(Func<string, bool>? fileExists = null)
    {
        fileExists ??= File.Exists;
        return DriverFolders.Select(folder => Path.Combine(folder, NvidiaDriverName)).FirstOrDefault(fileExists);
    }

    /// <summary>The entry points, loading the library on first use.</summary>
    /// <exception cref="DllNotFoundException">No OpenCL library could be loaded.</exception>
    /// <exception cref="EntryPointNotFoundException">The library provides neither the OpenCL API nor the ICD entry points.</exception>
    internal static OpenClEntryPoints EntryPoints => Volatile.Read(ref _entryPoints) ?? Load();

    private static OpenClEntryPoints Load()
    {
        lock (Gate)
        {
            if (_entryPoints is { } loaded)
            {
                return loaded;
            }

            (nint handle, OpenClLibrarySource source, string name) = Open();
            (OpenClEntryPoints entries, OpenClBinding binding) = Bind(handle, name);
            Loaded = new LoadedOpenClLibrary(source, name, binding);
            Volatile.Write(ref _entryPoints, entries);
            return entries;
        }
    }

    private static (nint Handle, OpenClLibrarySource Source, string Name) Open()
    {
        string? chosen = _chosenPath ?? NonEmpty(Environment.GetEnvironmentVariable(PathVariable));
        if (chosen is not null)
        {
            // A chosen file that does not load must not silently fall back to another OpenCL.
            return NativeLibrary.TryLoad(chosen, out nint own)
                ? (own, OpenClLibrarySource.ChosenPath, chosen)
                : throw new DllNotFoundException($"{chosen} is not a loadable shared library.");
        }

        if (NativeLibrary.TryLoad(LoaderName, out nint loader))
        {
            return (loader, OpenClLibrarySource.IcdLoader, LoaderName);
        }

        foreach (string candidate in DriverFolders.Select(folder => Path.Combine(folder, NvidiaDriverName)).Where(File.Exists).Prepend(NvidiaDriverName))
        {
            if (NativeLibrary.TryLoad(candidate, out nint driver))
            {
                return (driver, OpenClLibrarySource.NvidiaDriver, candidate);
            }
        }

        throw new DllNotFoundException($"Neither the ICD loader {LoaderName} nor NVIDIA's {NvidiaDriverName} could be loaded.");
    }

    /// <summary>Binds the functions of the loaded library <paramref name="handle"/> by export, else through the ICD dispatch table.</summary>
    private static (OpenClEntryPoints Entries, OpenClBinding Binding) Bind(nint handle, string name)
    {
        var entries = new OpenClEntryPoints();
        if (NativeLibrary.TryGetExport(handle, "clGetPlatformIDs", out nint getPlatformIds))
        {
            entries.GetPlatformIds = (delegate* unmanaged<uint, nint*, uint*, int>)getPlatformIds;
            entries.Fill(name, function => NativeLibrary.TryGetExport(handle, function, out nint address) ? address : nint.Zero);
            return (entries, OpenClBinding.Exports);
        }

        nint icdGetPlatformIds = IcdGetPlatformIds(handle);
        if (icdGetPlatformIds == nint.Zero)
        {
            throw new EntryPointNotFoundException($"{name} exports neither the OpenCL API (clGetPlatformIDs) nor the installable-client-driver entry point clIcdGetPlatformIDsKHR.");
        }

        // clIcdGetPlatformIDsKHR has clGetPlatformIDs' signature and meaning for this one driver.
        entries.GetPlatformIds = (delegate* unmanaged<uint, nint*, uint*, int>)icdGetPlatformIds;
        uint count;
        if (entries.GetPlatformIds(0, null, &count) == OpenClConstants.Success && count > 0)
        {
            nint platform;
            if (entries.GetPlatformIds(1, &platform, null) == OpenClConstants.Success && platform != nint.Zero)
            {
                // Every object of one driver points at the same table, so the first platform's serves every call.
                nint table = *(nint*)platform;
                entries.Fill(name, function => OpenClDispatchTable.Lookup(table, function));
            }
        }

        // Without a platform no other function can be reached (each needs a handle that starts from a platform), and
        // discovery stops at the platform count.
        return (entries, OpenClBinding.IcdDispatch);
    }

    /// <summary>The driver's clIcdGetPlatformIDsKHR, asked of its clGetExtensionFunctionAddress first as ocl-icd does, else by export.</summary>
    private static nint IcdGetPlatformIds(nint handle)
    {
        if (NativeLibrary.TryGetExport(handle, "clGetExtensionFunctionAddress", out nint getExtension))
        {
            ReadOnlySpan<byte> functionName = "clIcdGetPlatformIDsKHR\0"u8;
            fixed (byte* p = functionName)
            {
                nint address = ((delegate* unmanaged<byte*, nint>)getExtension)(p);
                if (address != nint.Zero)
                {
                    return address;
                }
            }
        }

        return NativeLibrary.TryGetExport(handle, "clIcdGetPlatformIDsKHR", out nint exported) ? exported : nint.Zero;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
