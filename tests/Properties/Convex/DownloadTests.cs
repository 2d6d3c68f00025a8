using System.Formats.Tar;
using System.Net;
using Verification.Convex.Data.Checksums;
using Verification.Convex.Data.Imdb;

namespace Verification.Properties.Convex;

/// <summary>
/// The download step without a network: an in-process HTTP handler serves the bytes, so the mirror fallback, the
/// SHA-256 gate and the tarball extraction are all exercised on local data.
/// </summary>
public sealed class DownloadTests
{
    private sealed class FakeServer(Dictionary<string, byte[]> files) : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string url = request.RequestUri!.ToString();
            Requests.Add(url);
            return Task.FromResult(files.TryGetValue(url, out byte[]? body)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) }
                : new HttpResponseMessage(HttpStatusCode.NotFound));
        }
    }

    private static DataFileInfo Info(byte[] content, params string[] urls) =>
        new("mnist/x.gz", urls.Select(u => new Uri(u)).ToArray(), Sha256Checksum.OfStream(new MemoryStream(content)), null);

    [Fact]
    public async Task Download_falls_back_through_mirrors_and_keeps_only_a_verified_file()
    {
        byte[] good = [1, 2, 3, 4];
        var server = new FakeServer(new()
        {
            ["https://tampered.example/x.gz"] = [9, 9, 9],
            ["https://mirror.example/x.gz"] = good,
        });
        using var http = new HttpClient(server);
        using var root = new TempDirectory();
        DataFileInfo info = Info(good, "https://missing.example/x.gz", "https://tampered.example/x.gz", "https://mirror.example/x.gz");

        string path = await new DatasetDownloader(http).EnsureAsync(info, root.Path);

        Assert.Equal(good, await File.ReadAllBytesAsync(path));
        Assert.Equal(3, server.Requests.Count);
        Assert.False(File.Exists(path + ".part"));

        // Present and valid: no request at all.
        await new DatasetDownloader(http).EnsureAsync(info, root.Path);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Download_with_no_valid_source_lists_every_failure()
    {
        var server = new FakeServer(new() { ["https://tampered.example/x.gz"] = [9] });
        using var http = new HttpClient(server);
        using var root = new TempDirectory();
        DataFileInfo info = Info([1, 2], "https://missing.example/x.gz", "https://tampered.example/x.gz");
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => new DatasetDownloader(http).EnsureAsync(info, root.Path));
        Assert.Contains("missing.example", e.Message, StringComparison.Ordinal);
        Assert.Contains("SHA-256", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(root.Path, info.RelativePath)));
    }

    [Fact]
    public async Task Existing_file_with_a_wrong_digest_is_rejected()
    {
        using var http = new HttpClient(new FakeServer([]));
        using var root = new TempDirectory();
        root.WriteBytes("mnist/x.gz", [7, 7]);
        await Assert.ThrowsAsync<ChecksumMismatchException>(() => new DatasetDownloader(http).EnsureAsync(Info([1]), root.Path));
    }

    [Fact]
    public async Task Downloaded_tarball_unpacks_into_the_folder_layout_the_reader_expects()
    {
        using var source = new TempDirectory();
        source.WriteBytes(Path.Combine("aclImdb", "test", "neg", "3_1.txt"), "Awful."u8.ToArray());
        source.WriteBytes(Path.Combine("aclImdb", "test", "pos", "5_7.txt"), "Fine."u8.ToArray());
        using var tar = new MemoryStream();
        await TarFile.CreateFromDirectoryAsync(source.Path, tar, includeBaseDirectory: false);
        byte[] tarball = TempDirectory.Gzip(tar.ToArray());

        var server = new FakeServer(new() { ["https://ai.example/aclImdb_v1.tar.gz"] = tarball });
        using var http = new HttpClient(server);
        using var root = new TempDirectory();
        var info = new DataFileInfo(OfficialDataFiles.AclImdbTarball.RelativePath, [new Uri("https://ai.example/aclImdb_v1.tar.gz")],
            Sha256Checksum.OfStream(new MemoryStream(tarball)), null);
        string archive = await new DatasetDownloader(http).EnsureAsync(info, root.Path);
        string unpacked = Path.Combine(root.Path, "unpacked");
        DatasetDownloader.ExtractTarGz(archive, unpacked);

        List<ImdbReview> reviews = AclImdbFolderReader.Read(Path.Combine(unpacked, "aclImdb"), ImdbSplit.Test);
        Assert.Equal([new ImdbReview(0, 1, 3, "Awful."), new ImdbReview(1, 7, 5, "Fine.")], reviews);
    }
}
