namespace Verification.Audit.Cli;

/// <summary>Checks, before any work, that an output folder can be created and written.</summary>
public static class OutputFolder
{
    /// <summary>
    /// Creates <paramref name="folder"/> if needed and writes and deletes a probe file in it, so that an unwritable
    /// output is found in milliseconds instead of after a long run.
    /// </summary>
    /// <exception cref="UsageException">The folder cannot be created or written; the message names it, the option and why.</exception>
    public static void EnsureWritable(string folder, string option)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        string full = Path.GetFullPath(folder);
        try
        {
            if (File.Exists(full))
            {
                throw new UsageException($"{option} '{full}' is a file, not a folder.");
            }

            Directory.CreateDirectory(full);
            string probe = Path.Combine(full, $".write-probe-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new UsageException($"{option} '{full}' cannot be written: {e.Message}", e);
        }
    }

    /// <summary>Checks that the folder that will hold <paramref name="file"/> can be written (see <see cref="EnsureWritable"/>).</summary>
    public static void EnsureParentWritable(string file, string option)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        string full = Path.GetFullPath(file);
        if (Directory.Exists(full))
        {
            throw new UsageException($"{option} '{full}' is a folder, not a file.");
        }

        EnsureWritable(Path.GetDirectoryName(full)!, option);
    }
}
