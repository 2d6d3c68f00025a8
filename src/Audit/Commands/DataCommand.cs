using System.CommandLine;
using Verification.Audit.Cli;
using Verification.Convex.Data;
using Verification.Convex.Data.Checksums;
using Verification.Convex.Data.Download;

namespace Verification.Audit.Commands;

/// <summary>
/// <c>data fetch [--data-dir DIR] [--keep-archives]</c> downloads whatever MNIST or IMDB file is missing, verifies
/// what is present and prints where the data is; <c>data where [--data-dir DIR]</c> prints where each file is found.
/// Progress and steps go to standard error, the answer to standard output. A fetch that fails ends with exit code 3.
/// </summary>
internal static class DataCommand
{
    internal static Command Create()
    {
        var dataDir = new Option<string?>("--data-dir")
        {
            Description = $"Data folder, used alone when given (default: ${DataLocator.EnvironmentVariable}, then a shared/data above, then the per-user cache ~/.cache/optaudit/data)",
        };
        var keep = new Option<bool>("--keep-archives") { Description = "Keep the downloaded aclImdb_v1.tar.gz after its verified conversion" };
        var fetch = new Command("fetch", "Download the missing MNIST and IMDB files, verify the present ones, and print where the data is") { dataDir, keep };
        fetch.SetAction((parse, cancellation) => FetchAsync(
            parse.GetValue(dataDir), parse.GetValue(keep), null, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellation));
        var where = new Command("where", $"Print where each data file is found, or 'missing' (exit code {ExitCodes.Failures} when any is)") { dataDir };
        where.SetAction(parse => Where(parse.GetValue(dataDir), DataFetchOptions.FromEnvironment(), parse.InvocationConfiguration.Output));
        return new Command("data", "Fetch, verify and locate the MNIST and IMDB data") { fetch, where };
    }

    /// <summary>
    /// The data root holding every file, fetched first if needed, with a progress bar on a terminal; it also becomes
    /// <see cref="DataLocator.Default"/>, so that readers given no folder (the claims, the golden scenarios) read the same
    /// files. Commands that read data call it before any work starts, so that a missing file is fetched (or reported) up front.
    /// </summary>
    internal static string EnsureData(string? dataDirectory)
    {
        string root = DataProvisioning.EnsureAvailable(dataDirectory, Console.Error, ProgressFor(Console.Error));
        DataLocator.SetDefaultRoot(root);
        return root;
    }

    /// <summary>Runs <c>data fetch</c>; <paramref name="options"/> null means from the process environment.</summary>
    internal static async Task<int> FetchAsync(string? dataDirectory, bool keepArchives, DataFetchOptions? options, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        try
        {
            options ??= DataFetchOptions.FromEnvironment();
            options = options with { KeepArchives = keepArchives, Progress = options.Progress ?? ProgressFor(error) };
            string root = await DataProvisioning.ProvideAsync(dataDirectory, error, options, verifyPresent: true, cancellation).ConfigureAwait(false);
            await output.WriteLineAsync($"Data root: {root}").ConfigureAwait(false);
            foreach (DataFileInfo file in options.Catalog.RequiredFiles)
            {
                await output.WriteLineAsync($"  {file.RelativePath}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
        catch (Exception e) when (ErrorReport.Classify(e).Cause is not null)
        {
            // The command line's own mapping (3 for a failed fetch, 2 for a bad VERIFICATION_DATA_* setting), on this
            // command's error writer.
            return ErrorReport.Write(e, error);
        }
    }

    /// <summary>Runs <c>data where</c>: one line per required file with its path or "missing", then where downloads would go.</summary>
    internal static int Where(string? dataDirectory, DataFetchOptions options, TextWriter output)
    {
        DataLocator locator = options.Locator(dataDirectory);
        IReadOnlyList<DataFileInfo> required = options.Catalog.RequiredFiles;
        int width = required.Max(f => f.RelativePath.Length);
        bool allFound = true;
        foreach (DataFileInfo file in required)
        {
            string where;
            try
            {
                where = locator.Locate(file.RelativePath);
            }
            catch (DataNotFoundException)
            {
                where = "missing";
                allFound = false;
            }

            output.WriteLine($"{file.RelativePath.PadRight(width)}  {where}");
        }

        output.WriteLine($"`data fetch` downloads into: {locator.DownloadRoot ?? "(no folder: pass --data-dir or set " + DataLocator.EnvironmentVariable + ")"}");
        return allFound ? 0 : ExitCodes.Failures;
    }

    /// <summary>A live bar when <paramref name="error"/> is the process's standard error on a terminal; null (progress lines) otherwise.</summary>
    private static IDownloadProgress? ProgressFor(TextWriter error) =>
        ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected ? new TerminalDownloadProgress() : null;
}
