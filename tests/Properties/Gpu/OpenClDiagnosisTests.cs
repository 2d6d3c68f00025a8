using Verification.Gpu.Devices;
using Verification.Gpu.Interop;

namespace Verification.Properties.Gpu;

/// <summary>
/// The one-line diagnosis when no OpenCL device is usable: each missing piece (loader, ICD file, NVIDIA's
/// registration, a device) is named, with the fix, from facts injected here; and the probe reads OCL_ICD_VENDORS and
/// the driver folders as the loader would.
/// </summary>
public sealed class OpenClDiagnosisTests
{
    private const string Nvidia = "/usr/lib/x86_64-linux-gnu/libnvidia-opencl.so.1";

    private static readonly OpenClSetup Working = new(null, null, OpenClSetup.DefaultIcdFolder, false, [("pocl.icd", "libpocl.so.2")], null, 1, 1);

    [Fact]
    public void A_machine_with_a_device_has_nothing_to_explain() => Assert.Null(OpenClDiagnosis.Explain(Working));

    [Fact]
    public void No_loader_and_no_NVIDIA_driver_names_the_loader_and_the_packages()
    {
        string text = OpenClDiagnosis.Explain(Working with { LibraryError = "not found", IcdFiles = [], Platforms = 0, Devices = 0 })!;
        Assert.StartsWith("No OpenCL: the ICD loader libOpenCL.so.1 is not installed and NVIDIA's libnvidia-opencl.so.1 is in none of /usr/lib/x86_64-linux-gnu, ", text, StringComparison.Ordinal);
        Assert.Contains("Install ocl-icd-libopencl1", text, StringComparison.Ordinal);
        OneLine(text);
    }

    [Fact]
    public void An_empty_ICD_folder_is_named_with_where_it_came_from()
    {
        string text = OpenClDiagnosis.Explain(Working with { IcdFolder = "/tmp/empty", IcdFolderVariable = true, IcdFiles = [], Platforms = 0, Devices = 0 })!;
        Assert.StartsWith("No OpenCL platform: no ICD file (*.icd) under /tmp/empty (from OCL_ICD_VENDORS), so the loader libOpenCL.so.1 knows no driver.", text, StringComparison.Ordinal);
        text = OpenClDiagnosis.Explain(Working with { IcdFiles = [], Platforms = 0, Devices = 0 })!;
        Assert.StartsWith("No OpenCL platform: no ICD file (*.icd) under /etc/OpenCL/vendors, ", text, StringComparison.Ordinal);
        OneLine(text);
    }

    [Fact]
    public void An_unregistered_NVIDIA_driver_gets_the_one_line_fix()
    {
        string text = OpenClDiagnosis.Explain(Working with { IcdFiles = [], NvidiaDriver = Nvidia, Platforms = 0, Devices = 0 })!;
        Assert.StartsWith($"No OpenCL platform: NVIDIA's {Nvidia} is present but not registered with the ICD loader", text, StringComparison.Ordinal);
        Assert.Contains("Fix: echo libnvidia-opencl.so.1 > /etc/OpenCL/vendors/nvidia.icd", text, StringComparison.Ordinal);
        Assert.Contains($"--opencl-library {Nvidia}", text, StringComparison.Ordinal);
        OneLine(text);

        // Registered but reporting nothing is a different problem: the ICD files are listed instead.
        text = OpenClDiagnosis.Explain(Working with { IcdFiles = [("nvidia.icd", "libnvidia-opencl.so.1")], NvidiaDriver = Nvidia, Platforms = 0, Devices = 0 })!;
        Assert.Contains("nvidia.icd → libnvidia-opencl.so.1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_loader_with_an_NVIDIA_driver_that_failed_to_load_says_both()
    {
        string text = OpenClDiagnosis.Explain(Working with { LibraryError = "bad ELF", NvidiaDriver = Nvidia, Platforms = 0, Devices = 0 })!;
        Assert.Contains($"NVIDIA's driver {Nvidia} could not be loaded directly (bad ELF)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chosen_library_that_does_not_load_is_named()
    {
        string text = OpenClDiagnosis.Explain(Working with { LibraryError = "/x.so is not a loadable shared library.", ChosenLibrary = "/x.so", Platforms = 0, Devices = 0 })!;
        Assert.Equal("No OpenCL: the library chosen with --opencl-library or VERIFICATION_OPENCL_LIBRARY, /x.so, could not be loaded (/x.so is not a loadable shared library).", text);
    }

    [Fact]
    public void Platforms_without_devices_are_reported_as_such()
    {
        Assert.StartsWith("No OpenCL device: 2 platform(s) found, none with a device", OpenClDiagnosis.Explain(Working with { Platforms = 2, Devices = 0 }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_filter_asking_for_NVIDIA_explains_its_absence_and_other_filters_do_not()
    {
        Assert.Null(OpenClDiagnosis.NvidiaNote("pthread", Working));
        Assert.Contains("no NVIDIA driver here", OpenClDiagnosis.NvidiaNote("nvidia", Working), StringComparison.Ordinal);
        Assert.Contains("Fix: echo libnvidia-opencl.so.1 > /etc/OpenCL/vendors/nvidia.icd", OpenClDiagnosis.NvidiaNote("NVIDIA", Working with { NvidiaDriver = Nvidia }), StringComparison.Ordinal);
    }

    [Fact]
    public void The_probe_reads_the_folder_OCL_ICD_VENDORS_names_and_the_driver_folders()
    {
        string folder = Directory.CreateTempSubdirectory("icd-").FullName;
        try
        {
            string? Environment(string name) => name == OpenClSetup.IcdFolderVariableName ? folder : null;
            OpenClSetup empty = OpenClSetup.Probe(null, 0, 0, Environment, path => path == Nvidia);
            Assert.Equal((folder, true, 0, Nvidia), (empty.IcdFolder, empty.IcdFolderVariable, empty.IcdFiles.Count, empty.NvidiaDriver));
            Assert.Contains("is present but not registered", OpenClDiagnosis.Explain(empty), StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(folder, "nvidia.icd"), "libnvidia-opencl.so.1\n");
            File.WriteAllText(Path.Combine(folder, "notes.txt"), "not an ICD file");
            OpenClSetup registered = OpenClSetup.Probe(null, 0, 0, Environment, path => path == Nvidia);
            Assert.Equal([("nvidia.icd", "libnvidia-opencl.so.1")], registered.IcdFiles);
            Assert.True(registered.NvidiaRegistered);

            OpenClSetup none = OpenClSetup.Probe(null, 0, 0, _ => null, _ => false);
            Assert.Equal((OpenClSetup.DefaultIcdFolder, false, (string?)null), (none.IcdFolder, none.IcdFolderVariable, none.NvidiaDriver));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_NVIDIA_driver_is_looked_for_in_the_usual_folders_in_order()
    {
        Assert.Equal("/usr/local/nvidia/lib64/libnvidia-opencl.so.1", OpenClLibrary.FindNvidiaDriver(p => p.StartsWith("/usr/local/nvidia/", StringComparison.Ordinal)));
        Assert.Equal(Nvidia, OpenClLibrary.FindNvidiaDriver(_ => true));
        Assert.Null(OpenClLibrary.FindNvidiaDriver(_ => false));
    }

    private static void OneLine(string text) => Assert.DoesNotContain('\n', text);
}
