using System.Diagnostics;
using System.Globalization;
using Verification.Convex.Data.Checksums;

namespace Verification.Convex.Data.Download;

/// <summary>
/// Brings a data root to hold every file of a <see cref="DataCatalog"/>. Each missing file is downloaded from its
/// mirrors in order into <c>&lt;dest&gt;.part</c> and moved into place only after its SHA-256 is verified; wrong bytes
/// are deleted and the next mirror is tried. The IMDB files are built from the aclImdb tarball and checked by the
/// digests of their uncompressed content. Files already present are left alone, and verified when asked.
/// </summary>
public sealed class DataFetcher : IDisposable
{
    private readonly DataFetchOptions _options;
    private readonly TextWriter _log;
    private readonly HttpClient _http;
    private readonly HttpFileDownloader _downloader;
    private readonly IDownloadProgress _progress;
    private readonly IReadOnlyList<Uri>? _mirrorBases;

    /// <summary>Creates a fetcher that writes what it does to <paramref name="log"/>.</summary>
    /// <exception cref="DataSettingException">The mirror variable names something that is not an http(s) URL.</exception>
    public DataFetcher(DataFetchOptions options, TextWriter log)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _mirrorBases = options.MirrorBases();
        _progress = options.Progress ?? new TextDownloadProgress(log);
        _http = HttpFileDownloader.CreateClient(options);
        _downloader = new HttpFileDownloader(_http, options);
    }

    /// <summary>Ensures every file of the catalog is under <paramref name="root"/>, verifying those present when <paramref name="verifyPresent"/>.</summary>
    /// <exception cref="DataFetchException">A file could not be fetched, or a present file has the wrong digest.</exception>
    public async Task EnsureAllAsync(string root, bool verifyPresent, CancellationToken cancellationToken = default)
    {
        foreach (DataFileInfo file in _options.Catalog.Files)
        {
            await EnsureFileAsync(file, root, verifyPresent, cancellationToken).ConfigureAwait(false);
        }

        if (_options.Catalog.Imdb is { } imdb)
        {
            await EnsureImdbAsync(imdb, root, verifyPresent, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ensures <paramref name="file"/> is under <paramref name="root"/>, downloading it if missing; returns its full path.</summary>
    /// <exception cref="DataFetchException">Every mirror failed (the message lists each with its reason), or a present file has the wrong digest.</exception>
    public async Task<string> EnsureFileAsync(DataFileInfo file, string root, bool verifyPresent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        string destination = Path.GetFullPath(Path.Combine(root, file.RelativePath));
        if (File.Exists(destination))
        {
            if (verifyPresent)
            {
                VerifyPresent(file, destination, root);
            }

            return destination;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        string part = destination + ".part";
        var attempts = new List<FetchAttempt>();
        bool fetched = await TryMirrorsAsync(file.RelativePath, MirrorList.UrlsFor(file, _mirrorBases), part, attempts, _ =>
        {
            ChecksumMatch match = Verified(part, file);
            File.Move(part, destination);
            _log.WriteLine($"  {file.RelativePath}: verified ({Describe(match)}), saved as {destination}");
        }, cancellationToken).ConfigureAwait(false);
        return fetched ? destination : throw Failure(file.RelativePath, attempts, root);
    }

    /// <summary>
    /// Ensures the files built from <paramref name="archive"/> are under <paramref name="root"/>: when any is missing,
    /// converts <c>imdb/aclImdb_v1.tar.gz</c> if it is already there, else downloads it from its mirrors.
    /// </summary>
    /// <exception cref="DataFetchException">No source gave files with the pinned content digests, or a present file has the wrong digest.</exception>
    public async Task EnsureImdbAsync(AclImdbArchive archive, string root, bool verifyPresent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var missing = new List<DataFileInfo>();
        foreach (DataFileInfo output in archive.Outputs)
        {
            string path = Path.GetFullPath(Path.Combine(root, output.RelativePath));
            if (!File.Exists(path))
            {
                missing.Add(output);
            }
            else if (verifyPresent)
            {
                VerifyPresent(output, path, root);
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        string tarball = Path.GetFullPath(Path.Combine(root, archive.Tarball.RelativePath));
        Directory.CreateDirectory(Path.GetDirectoryName(tarball)!);
        if (File.Exists(tarball))
        {
            // An archive put there by hand (or kept by an earlier run) is used as it is and never deleted when it is wrong.
            _log.WriteLine($"Converting {tarball}, which is already there");
            try
            {
                Install(archive, tarball, tarball, missing, root);
            }
            catch (ContentRejectedException e)
            {
                throw Failure(archive.Tarball.RelativePath, [new FetchAttempt(tarball, e.Message + " Delete or replace this file.")], root);
            }

            DropArchive(tarball, keptPath: tarball);
            return;
        }

        string part = tarball + ".part";
        var attempts = new List<FetchAttempt>();
        bool fetched = await TryMirrorsAsync(archive.Tarball.RelativePath, MirrorList.UrlsFor(archive.Tarball, _mirrorBases), part, attempts,
            url => Install(archive, part, url.ToString(), missing, root), cancellationToken).ConfigureAwait(false);
        if (!fetched)
        {
            throw Failure(archive.Tarball.RelativePath, attempts, root);
        }

        DropArchive(part, keptPath: tarball);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<bool> TryMirrorsAsync(string label, IReadOnlyList<Uri> urls, string part, List<FetchAttempt> attempts, Action<Uri> accept, CancellationToken cancellationToken)
    {
        // Bytes already in the partial file came from an earlier run or an earlier mirror; they are resumed, and
        // discarded once if the result does not verify (the source may have served a different file).
        bool resumedForeign = File.Exists(part) && new FileInfo(part).Length > 0;
        if (resumedForeign)
        {
            _log.WriteLine($"Resuming {label} from the {TextDownloadProgress.FormatBytes(new FileInfo(part).Length)} already in {part}");
        }

        foreach (Uri url in urls)
        {
            while (true)
            {
                _log.WriteLine($"Downloading {label} from {url}");
                try
                {
                    await _progress.TrackAsync(label, meter => _downloader.DownloadAsync(url, part, meter, cancellationToken)).ConfigureAwait(false);
                }
                catch (TransferFailedException e)
                {
                    attempts.Add(new FetchAttempt(url.ToString(), e.Message));
                    _log.WriteLine($"  {url}: {e.Message}");
                    resumedForeign = File.Exists(part) && new FileInfo(part).Length > 0;
                    break;
                }

                try
                {
                    accept(url);
                    return true;
                }
                catch (ContentRejectedException e)
                {
                    File.Delete(part);
                    if (resumedForeign)
                    {
                        resumedForeign = false;
                        _log.WriteLine($"  {url}: the resumed file did not verify ({e.Message}); downloading it again from byte 0");
                        continue;
                    }

                    attempts.Add(new FetchAttempt(url.ToString(), e.Message));
                    _log.WriteLine($"  {url}: {e.Message}; the download was deleted");
                    break;
                }
            }
        }

        if (File.Exists(part))
        {
            _log.WriteLine($"Kept the {TextDownloadProgress.FormatBytes(new FileInfo(part).Length)} in {part}: the next fetch resumes from there.");
        }

        return false;
    }

    /// <summary>Converts the tarball, checks every built file's content digest, and only then moves the missing ones into place.</summary>
    private void Install(AclImdbArchive archive, string tarballPath, string source, IReadOnlyList<DataFileInfo> missing, string root)
    {
        string archiveDigest = Sha256Checksum.OfFile(tarballPath);
        string[] destinations = archive.Outputs.Select(o => Path.GetFullPath(Path.Combine(root, o.RelativePath))).ToArray();
        string[] parts = destinations.Select(d => d + ".part").ToArray();
        try
        {
            var clock = Stopwatch.StartNew();
            _log.WriteLine($"Converting {Path.GetFileName(archive.Tarball.RelativePath)} to {string.Join(", ", archive.Outputs.Select(o => o.RelativePath))}");
            try
            {
                AclImdbTarballConverter.Convert(tarballPath, parts[0], parts[1], parts[2]);
            }
            catch (ArchiveContentException e)
            {
                throw new ContentRejectedException($"{e.Message} (archive SHA-256 {archiveDigest})", e);
            }

            for (int i = 0; i < parts.Length; i++)
            {
                DataFileInfo output = archive.Outputs[i];
                string expected = output.ContentSha256
                    ?? throw new ArgumentException($"Built file '{output.RelativePath}' has no content digest to check it against.", nameof(archive));
                string actual = Sha256Checksum.OfDecompressedContent(parts[i]);
                if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                {
                    var mismatch = new ChecksumMismatchException(output.RelativePath, expected, actual, ofDecompressedContent: true);
                    throw new ContentRejectedException(
                        $"{mismatch.Message} It was built from an archive whose SHA-256 is {archiveDigest} (official: {archive.Tarball.Sha256}).", mismatch);
                }
            }

            _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  converted in {clock.Elapsed.TotalSeconds:0.0} s; the uncompressed content of every built file matches its pinned SHA-256"));
            if (string.Equals(archiveDigest, archive.Tarball.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                _log.WriteLine($"  the archive matches the official SHA-256 {archive.Tarball.Sha256}");
            }
            else
            {
                _log.WriteLine($"note: the archive from {source} has SHA-256 {archiveDigest}, not the official {archive.Tarball.Sha256}; "
                    + "it is used because every file built from it matches its pinned content digest (a mirror may repack the same content).");
            }

            for (int i = 0; i < parts.Length; i++)
            {
                if (missing.Contains(archive.Outputs[i]))
                {
                    File.Move(parts[i], destinations[i]);
                    _log.WriteLine($"  {archive.Outputs[i].RelativePath}: saved as {destinations[i]}");
                }
            }
        }
        finally
        {
            foreach (string part in parts)
            {
                File.Delete(part);
            }
        }
    }

    private void DropArchive(string path, string keptPath)
    {
        if (_options.KeepArchives)
        {
            if (path != keptPath)
            {
                File.Move(path, keptPath);
            }

            _log.WriteLine($"Kept the archive as {keptPath}.");
            return;
        }

        File.Delete(path);
        _log.WriteLine($"Deleted the archive {(path == keptPath ? path : Path.GetFileName(keptPath))} after its verified conversion (--keep-archives keeps it).");
    }

    private static ChecksumMatch Verified(string path, DataFileInfo file)
    {
        try
        {
            return Sha256Checksum.Verify(path, file);
        }
        catch (ChecksumMismatchException e)
        {
            string content = file.ContentSha256 is null ? "" : $" (nor does its decompressed content match {file.ContentSha256})";
            throw new ContentRejectedException(e.Message + content, e);
        }
    }

    private void VerifyPresent(DataFileInfo file, string path, string root)
    {
        try
        {
            ChecksumMatch match = Verified(path, file);
            _log.WriteLine($"  {file.RelativePath}: present and verified ({Describe(match)})");
        }
        catch (ContentRejectedException e)
        {
            throw new DataFetchException(file.RelativePath,
                $"'{path}' is present but is not the published file: {e.Message} Delete or replace it, then run `data fetch` again.",
                root, [], e);
        }
    }

    private static string Describe(ChecksumMatch match) =>
        match == ChecksumMatch.StoredBytes ? "SHA-256 of the file" : "SHA-256 of the decompressed content";

    private DataFetchException Failure(string relativePath, IReadOnlyList<FetchAttempt> attempts, string root)
    {
        var missing = _options.Catalog.RequiredFiles.Select(f => f.RelativePath).Where(r => !File.Exists(Path.Combine(root, r))).ToList();
        if (!missing.Contains(relativePath) && !IsArchive(relativePath))
        {
            missing.Insert(0, relativePath);
        }

        return new DataFetchException(relativePath, attempts, Path.GetFullPath(root), missing);
    }

    private bool IsArchive(string relativePath) => _options.Catalog.Imdb?.Tarball.RelativePath == relativePath;
}
