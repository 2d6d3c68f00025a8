using System.Diagnostics;
using Verification.Convex.Data.Checksums;
using Verification.Convex.Data.Download;

namespace Verification.Properties.Convex.Download;

/// <summary>
/// Downloads of single files from a real HTTP server on 127.0.0.1 with injected faults: a missing mirror, a cut
/// connection, wrong bytes, a stalled server, no server at all, a server that ignores Range, and stale partial files.
/// The files are the staged MNIST ones with their official digests.
/// </summary>
[Collection(LocalServerCollection.Name)]
public sealed class MirrorDownloadTests
{
    private const string Labels = "t10k-labels-idx1-ubyte.gz";
    private const string Images = "t10k-images-idx3-ubyte.gz";

    [Fact]
    public async Task A_missing_first_mirror_falls_through_to_the_second()
    {
        (DataFileInfo info, byte[] bytes) = FetchSetup.Mnist(Labels);
        using var mirror = new LocalMirror();
        mirror.Serve("/b/" + Labels, bytes);
        using var scratch = new TempDirectory();
        var log = new StringWriter();
        using var fetcher = new DataFetcher(FetchSetup.Options(new DataCatalog([info], null), scratch.Path, mirror.Base("a"), mirror.Base("b")), log);

        string path = await fetcher.EnsureFileAsync(info, scratch.Path, verifyPresent: false);

        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Equal(["/a/" + Labels, "/b/" + Labels], mirror.Requests.Select(r => r.Path));
        Assert.Contains("HTTP 404", log.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(path + ".part"));
    }

    [Fact]
    public async Task A_connection_cut_mid_file_is_resumed_with_a_range_request()
    {
        (DataFileInfo info, byte[] bytes) = FetchSetup.Mnist(Images);
        using var mirror = new LocalMirror();
        mirror.Serve("/m/" + Images, bytes, MirrorFault.CutOnceAtHalf);
        using var scratch = new TempDirectory();
        var log = new StringWriter();
        using var fetcher = new DataFetcher(FetchSetup.Options(new DataCatalog([info], null), scratch.Path, mirror.Base("m")), log);

        string path = await fetcher.EnsureFileAsync(info, scratch.Path, verifyPresent: false);

        int half = bytes.Length / 2;
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Equal([new MirrorRequest("/m/" + Images, null), new MirrorRequest("/m/" + Images, $"bytes={half}-")], mirror.Requests);
        // Resumed, not restarted: the file crossed the wire once, not one and a half times.
        Assert.Equal(bytes.Length, mirror.BytesServed);
        Assert.True(mirror.BytesServed < 1.5 * bytes.Length, $"{mirror.BytesServed} bytes served for a {bytes.Length}-byte file");
        Assert.Contains($"resuming from byte {half}", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_bytes_are_never_moved_into_place()
    {
        (DataFileInfo info, byte[] bytes) = FetchSetup.Mnist(Labels);
        using var mirror = new LocalMirror();
        mirror.Serve("/m/" + Labels, bytes, MirrorFault.WrongBytes);
        using var scratch = new TempDirectory();
        using var fetcher = new DataFetcher(FetchSetup.Options(new DataCatalog([info], null), scratch.Path, mirror.Base("m")), new StringWriter());

        var e = await Assert.ThrowsAsync<DataFetchException>(() => fetcher.EnsureFileAsync(info, scratch.Path, verifyPresent: false));

        string destination = Path.Combine(scratch.Path, info.RelativePath);
        Assert.False(File.Exists(destination));
        Assert.False(File.Exists(destination + ".part"));
        string served = Sha256Checksum.OfStream(new MemoryStream(bytes.Select(b => (byte)(b ^ 0x5A)).ToArray()));
        Assert.Contains(info.Sha256, e.Message, StringComparison.Ordinal);
        Assert.Contains(served, e.Message, StringComparison.Ordinal);
        Assert.Contains(mirror.Base("m") + "/" + Labels, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stalled_server_times_out_with_a_message_naming_the_url_and_the_timeout()
    {
        (DataFileInfo info, byte[] bytes) = FetchSetup.Mnist(Labels);
        using var mirror = new LocalMirror();
        mirror.Serve("/m/" + Labels, bytes, MirrorFault.StallBeforeHeaders);
        using var scratch = new TempDirectory();
        DataFetchOptions options = FetchSetup.Options(new DataCatalog([info], null), scratch.Path, mirror.Base("m")) with { InactivityTimeout = TimeSpan.FromSeconds(1) };
        using var fetcher = new DataFetcher(options, new StringWriter());

        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<DataFetchException>(() => fetcher.EnsureFileAsync(info, scratch.Path, verifyPresent: false));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"gave up after {clock.Elapsed}, the server stalls for 8 s");
        Assert.Contains($"{mirror.Base("m")}/{Labels}: no response within 1 s (inactivity timeout)", e.Message, StringComparison.Ordinal);
        Assert.Contains(DataFetchOptions.TimeoutEnvironmentVariable, e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(scratch.Path, info.RelativePath)));
    }

    [Fact]
    public async Task A_server_stalling_mid_file_is_resumed_after_the_timeout()
    {
        (DataFileInfo info, byte[] bytes) = FetchSetup.Mnist(Images);
        using var mirror = new LocalMirror();
        mirror.Serve("/m/" + Images, bytes, MirrorFault.StallOnceAtHalf);
        using var scratch = new TempDirectory();
        var log = new StringWriter();
        DataFetchOptions options = FetchSetup.Options(new DataCatalog([info], null), scratch.Path, mirror.Base("m")) with { InactivityTimeout = TimeSpan.FromSeconds(1) };
        using var fetcher = new DataFetcher(options, log);

        string path = await fetcher.EnsureFileAsync(info, scratch.Path, verifyPresent: false);

        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Equal($"bytes={bytes.Length / 2}-", mirror.Requests[1].Range);
        Assert.Contains("no data for 1 s after byte", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_nothing_listening_the_fetch_fails_within_seconds_listing_every_url()
    {
        (DataFileInfo info, _) = FetchSetup.Mnist(Labels);
        int closed = LocalMirror.FreePort();
        string first = $"http://127.0.0.1:{closed}/one", second = $"http://127.0.0.1:{closed}/two";
        using var scratch = new TempDirectory();
        using var fetcher = new DataFetcher(FetchSetup.Options(new DataCatalog([info], null), scratch.Path, first, second), new StringWriter());

        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<DataFetchException>(() => fetcher.EnsureFileAsync(info, scratch.Path, verifyPresent: false));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal([$"{first}/{Labels}", $"{second}/{Labels}"], e.Attempts.Select(a => a.Source));
        Assert.Contains($"{first}/{Labels}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{second}/{Labels}: ", e.Message, StringComparison.Ordinal);
        // Where to put the file by hand, and the knobs.
        Assert.Contains($"put these files under {scratch.Path}", e.Message, StringComparison.Ordinal);
        Assert.Contains("  - " + info.RelativePath, e.Message, StringComparison.Ordinal);
        Assert.Contains(MirrorList.EnvironmentVariable, e.Message, StringComparison.Ordinal);
        Assert.Contains("VERIFICATION_DATA_DIR", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_ignoring_range_makes_the_download_restart_from_zero_and_still_verify()
    {
        (DataFileInfo info, byte[] bytes) = FetchSetup.Mnist(Images);
        using var mirror = new LocalMirror();
        mirror.Serve("/m/" + Images, bytes, MirrorFault.IgnoreRange);
        using var scratch = new TempDirectory();
        int half = bytes.Length / 2;
        scratch.WriteBytes(info.RelativePath + ".part", bytes[..half]);
        var log = new StringWriter();
        using var fetcher = new DataFetcher(FetchSetup.Options(new DataCatalog([info], null), scratch.Path, mirror.Base("m")), log);

        string path = await fetcher.EnsureFileAsync(info, scratch.Path, verifyPresent: false);

        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Equal([new MirrorRequest("/m/" + Images, $"bytes={half}-")], mirror.Requests);
        Assert.Contains($"ignored the request to resume from byte {half} (HTTP 200); starting over from byte 0", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_partial_file_that_does_not_verify_is_fetched_again_from_zero()
    {
        (DataFileInfo info, byte[] bytes) = FetchSetup.Mnist(Labels);
        using var mirror = new LocalMirror();
        mirror.Serve("/m/" + Labels, bytes);
        using var scratch = new TempDirectory();
        scratch.WriteBytes(info.RelativePath + ".part", new byte[100]);
        var log = new StringWriter();
        using var fetcher = new DataFetcher(FetchSetup.Options(new DataCatalog([info], null), scratch.Path, mirror.Base("m")), log);

        string path = await fetcher.EnsureFileAsync(info, scratch.Path, verifyPresent: false);

        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Equal([new MirrorRequest("/m/" + Labels, "bytes=100-"), new MirrorRequest("/m/" + Labels, null)], mirror.Requests);
        Assert.Contains("the resumed file did not verify", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_present_file_is_verified_without_any_request_and_a_wrong_one_is_reported_not_replaced()
    {
        (DataFileInfo info, byte[] bytes) = FetchSetup.Mnist(Labels);
        using var mirror = new LocalMirror();
        mirror.Serve("/m/" + Labels, bytes);
        using var scratch = new TempDirectory();
        using var fetcher = new DataFetcher(FetchSetup.Options(new DataCatalog([info], null), scratch.Path, mirror.Base("m")), new StringWriter());

        string path = scratch.WriteBytes(info.RelativePath, bytes);
        await fetcher.EnsureFileAsync(info, scratch.Path, verifyPresent: true);
        File.WriteAllBytes(path, [1, 2, 3]);
        var e = await Assert.ThrowsAsync<DataFetchException>(() => fetcher.EnsureFileAsync(info, scratch.Path, verifyPresent: true));

        Assert.Empty(mirror.Requests);
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(info.Sha256, e.Message, StringComparison.Ordinal);
        // SHA-256 of the bytes 01 02 03.
        Assert.Contains("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", e.Message, StringComparison.Ordinal);
    }
}
