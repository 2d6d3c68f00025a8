namespace Verification.Gpu.Interop;

/// <summary>The file OpenCL was loaded from, how it was found, and how its functions are reached.</summary>
/// <param name="Source">How the file was found.</param>
/// <param name="Name">The name or path it was loaded by.</param>
/// <param name="Binding">Exports or the ICD dispatch table.</param>
public sealed record LoadedOpenClLibrary(OpenClLibrarySource Source, string Name, OpenClBinding Binding);
