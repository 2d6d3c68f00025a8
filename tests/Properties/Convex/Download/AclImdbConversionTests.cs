using System.IO.Compression;
using System.Text;
using Verification.Convex.Data.Download;
using Verification.Convex.Data.Imdb;

namespace Verification.Properties.Convex.Download;

/// <summary>
/// The aclImdb tarball becomes the staged TSVs byte for byte, malformed entries are rejected by name, and a fetch only
/// installs files whose uncompressed content matches the pinned digests.
/// </summary>
[Collection(LocalServerCollection.Name)]
public sealed class AclImdbConversionTests
{
    [Fact]
    public void The_small_tarball_converts_to_exactly_the_expected_tsv_bytes_and_vocabulary()
    {
        using var dir = new TempDirectory();
        string tarball = dir.WriteBytes("aclImdb_v1.tar.gz", SmallAclImdb.Tarball());
        string train = dir.File("train.tsv.gz"), test = dir.File("test.tsv.gz"), vocabulary = dir.File("imdb.vocab.gz");

        AclImdbTarballConverter.Convert(tarball, train, test, vocabulary);

        Assert.Equal(SmallAclImdb.ExpectedTrainTsv, Gunzip(train));
        Assert.Equal(SmallAclImdb.ExpectedTestTsv, Gunzip(test));
        Assert.Equal(SmallAclImdb.Vocabulary, Gunzip(vocabulary));
        // The reader splits on the first three TABs only, so the review holding a TAB reads back whole.
        Assert.Contains(new ImdbReview(0, 3, 2, "Dull\tand slow."), ImdbTsvReader.Read(train));
    }

    [Theory]
    [InlineData("aclImdb/train/neg/5_8.txt", "Nice.", "rating 8 in the file name is impossible for the neg folder")]
    [InlineData("aclImdb/test/pos/4_3.txt", "Poor.", "rating 3 in the file name is impossible for the pos folder")]
    [InlineData("aclImdb/test/pos/x_9.txt", "Fine.", "file name must be <id>_<rating>.txt")]
    [InlineData("aclImdb/train/neg/12_2.txt", "Two\nlines.", "line break at byte 3")]
    [InlineData("aclImdb/train/neg/0_2.txt", "Same id as 0_1.", "is also the id of 'aclImdb/train/neg/0_1.txt'")]
    public void A_malformed_review_entry_is_rejected_naming_the_entry(string name, string text, string detail)
    {
        using var dir = new TempDirectory();
        string tarball = dir.WriteBytes("bad.tar.gz", SmallAclImdb.Tarball([.. SmallAclImdb.Entries, (name, Encoding.UTF8.GetBytes(text))]));

        var e = Assert.Throws<ArchiveContentException>(() => AclImdbTarballConverter.Convert(tarball, dir.File("a"), dir.File("b"), dir.File("c")));

        Assert.Equal(name, e.EntryName);
        Assert.Contains($"entry '{name}'", e.Message, StringComparison.Ordinal);
        Assert.Contains(detail, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_rejected_naming_the_entry_and_the_byte()
    {
        using var dir = new TempDirectory();
        const string name = "aclImdb/test/neg/7_1.txt";
        string tarball = dir.WriteBytes("bad.tar.gz", SmallAclImdb.Tarball([.. SmallAclImdb.Entries, (name, [0x42, 0x61, 0x64, 0xC3, 0x28])]));

        var e = Assert.Throws<ArchiveContentException>(() => AclImdbTarballConverter.Convert(tarball, dir.File("a"), dir.File("b"), dir.File("c")));

        Assert.Equal(name, e.EntryName);
        Assert.Contains("invalid UTF-8 at byte 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_archive_without_the_vocabulary_or_a_folder_is_rejected()
    {
        using var dir = new TempDirectory();
        string noVocabulary = dir.WriteBytes("a.tar.gz", SmallAclImdb.Tarball(SmallAclImdb.Entries.Where(e => e.Name != "aclImdb/imdb.vocab")));
        string noTestNeg = dir.WriteBytes("b.tar.gz", SmallAclImdb.Tarball(SmallAclImdb.Entries.Where(e => !e.Name.StartsWith("aclImdb/test/neg/", StringComparison.Ordinal))));
        string notTar = dir.WriteBytes("c.tar.gz", TempDirectory.Gzip("not a tar file at all"u8.ToArray()));

        Assert.Equal("aclImdb/imdb.vocab", Assert.Throws<ArchiveContentException>(() => AclImdbTarballConverter.Convert(noVocabulary, dir.File("x"), dir.File("y"), dir.File("z"))).EntryName);
        Assert.Equal("aclImdb/test/neg/", Assert.Throws<ArchiveContentException>(() => AclImdbTarballConverter.Convert(noTestNeg, dir.File("x"), dir.File("y"), dir.File("z"))).EntryName);
        Assert.Contains("not a readable gzipped tar", Assert.Throws<ArchiveContentException>(() => AclImdbTarballConverter.Convert(notTar, dir.File("x"), dir.File("y"), dir.File("z"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fetched_tarball_is_converted_verified_installed_and_then_deleted()
    {
        using var mirror = new LocalMirror();
        mirror.Serve("/m/aclImdb_v1.tar.gz", SmallAclImdb.Tarball());
        using var scratch = new TempDirectory();
        var log = new StringWriter();
        AclImdbArchive archive = SmallAclImdb.Archive();
        using var fetcher = new DataFetcher(FetchSetup.Options(new DataCatalog([], archive), scratch.Path, mirror.Base("m")), log);

        await fetcher.EnsureImdbAsync(archive, scratch.Path, verifyPresent: false);

        Assert.Equal(SmallAclImdb.ExpectedTrainTsv, Gunzip(scratch.File(archive.TrainTsv.RelativePath)));
        Assert.Equal(SmallAclImdb.ExpectedTestTsv, Gunzip(scratch.File(archive.TestTsv.RelativePath)));
        Assert.Equal(SmallAclImdb.Vocabulary, Gunzip(scratch.File(archive.Vocabulary.RelativePath)));
        Assert.Equal(["aclImdb_test.tsv.gz", "aclImdb_train.tsv.gz", "imdb.vocab.gz"],
            Directory.GetFiles(scratch.File("imdb")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("the archive matches the official SHA-256", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("Deleted the archive", log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("note:", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repacked_tarball_with_the_pinned_content_is_used_with_one_note_and_kept_on_request()
    {
        using var mirror = new LocalMirror();
        mirror.Serve("/m/aclImdb_v1.tar.gz", SmallAclImdb.Tarball());
        using var scratch = new TempDirectory();
        var log = new StringWriter();
        string official = new('c', 64);
        AclImdbArchive archive = SmallAclImdb.Archive(tarballSha256: official);
        DataFetchOptions options = FetchSetup.Options(new DataCatalog([], archive), scratch.Path, mirror.Base("m")) with { KeepArchives = true };
        using var fetcher = new DataFetcher(options, log);

        await fetcher.EnsureImdbAsync(archive, scratch.Path, verifyPresent: false);

        string text = log.ToString();
        int note = text.IndexOf("note:", StringComparison.Ordinal);
        Assert.True(note >= 0, text);
        Assert.Equal(-1, text.IndexOf("note:", note + 1, StringComparison.Ordinal));
        Assert.Contains($"{SmallAclImdb.Digest(SmallAclImdb.Tarball())}, not the official {official}", text, StringComparison.Ordinal);
        Assert.Equal(SmallAclImdb.ExpectedTrainTsv, Gunzip(scratch.File(archive.TrainTsv.RelativePath)));
        Assert.Equal(SmallAclImdb.Tarball(), await File.ReadAllBytesAsync(scratch.File(archive.Tarball.RelativePath)));
    }

    [Fact]
    public async Task A_tarball_whose_content_differs_installs_nothing_and_names_the_file_and_both_digests()
    {
        using var mirror = new LocalMirror();
        mirror.Serve("/m/aclImdb_v1.tar.gz", SmallAclImdb.Tarball());
        using var scratch = new TempDirectory();
        string pinned = new('a', 64);
        AclImdbArchive archive = SmallAclImdb.Archive(trainContentSha256: pinned);
        using var fetcher = new DataFetcher(FetchSetup.Options(new DataCatalog([], archive), scratch.Path, mirror.Base("m")), new StringWriter());

        var e = await Assert.ThrowsAsync<DataFetchException>(() => fetcher.EnsureImdbAsync(archive, scratch.Path, verifyPresent: false));

        Assert.Contains($"decompressed content of '{archive.TrainTsv.RelativePath}'", e.Message, StringComparison.Ordinal);
        Assert.Contains(pinned, e.Message, StringComparison.Ordinal);
        Assert.Contains(SmallAclImdb.Digest(Encoding.UTF8.GetBytes(SmallAclImdb.ExpectedTrainTsv)), e.Message, StringComparison.Ordinal);
        // Nothing moved into place, no partial files left: not even the test TSV and the vocabulary, which did match.
        Assert.Empty(Directory.GetFiles(scratch.File("imdb")));
    }

    [Fact]
    public async Task A_tarball_put_in_place_by_hand_is_converted_without_the_network()
    {
        int closed = LocalMirror.FreePort();
        using var scratch = new TempDirectory();
        AclImdbArchive archive = SmallAclImdb.Archive();
        scratch.WriteBytes(archive.Tarball.RelativePath, SmallAclImdb.Tarball());
        var log = new StringWriter();
        using var fetcher = new DataFetcher(FetchSetup.Options(new DataCatalog([], archive), scratch.Path, $"http://127.0.0.1:{closed}"), log);

        await fetcher.EnsureImdbAsync(archive, scratch.Path, verifyPresent: false);

        Assert.Equal(SmallAclImdb.ExpectedTestTsv, Gunzip(scratch.File(archive.TestTsv.RelativePath)));
        Assert.False(File.Exists(scratch.File(archive.Tarball.RelativePath)));
        Assert.DoesNotContain("Downloading", log.ToString(), StringComparison.Ordinal);
    }

    private static string Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, new UTF8Encoding(false, true));
        return reader.ReadToEnd();
    }
}
