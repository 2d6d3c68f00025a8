using System.Formats.Tar;
using System.IO.Compression;

namespace Verification.Convex.Data.Checksums;

/// <summary>
/// Downloads published data files for users with internet access: each URL is tried in order, the download lands in a
/// temporary file, and only a file whose SHA-256 matches is moved into place. Nothing here runs in the test suite
/// except <see cref="Sha256Checksum.Verify"/>, which the download relies on.
/// </summary>
public sealed class DatasetDownloader
{
    private readonly HttpClient _http;

    /// <summary>Creates a downloader on <paramref name="http"/> (the caller owns its lifetime).</summary>
    public DatasetDownloader(HttpClient http) => _http = http ?? throw new ArgumentNullException(nameof(http));

    /// <summary>
    /// Ensures <paramref name="file"/> exists under <paramref name="dataRoot"/> with the right digest, downloading it if
    /// it is missing. Returns the full path.
    /// </summary>
    /// <exception cref="ChecksumMismatchException">An existing file, or every download, has the wrong digest.</exception>
    /// <exception cref="HttpRequestException">No URL could be fetched; the message lists each failure.</exception>
    public async Task<string> EnsureAsync(DataFileInfo file, string dataRoot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        string destination = Path.GetFullPath(Path.Combine(dataRoot, file.RelativePath));
        if (File.Exists(destination))
        {
            Sha256Checksum.Verify(destination, file);
            return destination;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var failures = new List<string>();
        foreach (Uri url in file.Urls)
        {
            string temporary = destination + ".part";
            try
            {
                using (HttpResponseMessage response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false))
                {
                    response.EnsureSuccessStatusCode();
                    await using FileStream output = File.Create(temporary);
                    await response.Content.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                }

                Sha256Checksum.Verify(temporary, file);
                File.Move(temporary, destination, overwrite: true);
                return destination;
            }
            catch (Exception e) when (e is HttpRequestException or ChecksumMismatchException or IOException or TaskCanceledException)
            {
                failures.Add($"{url}: {e.Message}");
                File.Delete(temporary);
            }
        }

        throw new HttpRequestException($"Could not download '{file.RelativePath}'. Tried:{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", failures)}");
    }

    /// <summary>Unpacks a verified <c>aclImdb_v1.tar.gz</c> into <paramref name="destinationFolder"/> (which then holds <c>aclImdb/</c>).</summary>
    public static void ExtractTarGz(string tarGzPath, string destinationFolder)
    {
        Directory.CreateDirectory(destinationFolder);
        using FileStream file = File.OpenRead(tarGzPath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        TarFile.ExtractToDirectory(gzip, destinationFolder, overwriteFiles: false);
    }
}
