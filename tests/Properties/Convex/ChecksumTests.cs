using Verification.Convex.Data.Checksums;

namespace Verification.Properties.Convex;

/// <summary>The checksum step of the download, run on local files (there is no network here).</summary>
public sealed class ChecksumTests
{
    [Fact]
    public void Staged_files_match_their_published_digests()
    {
        // The three small MNIST .gz files are the official ones byte for byte; the training images were recompressed
        // and match through their decompressed content.
        foreach (DataFileInfo file in OfficialDataFiles.Mnist)
        {
            ChecksumMatch match = Sha256Checksum.Verify(RealData.Path(file.RelativePath), file);
            Assert.Equal(file.RelativePath.EndsWith("train-images-idx3-ubyte.gz", StringComparison.Ordinal)
                ? ChecksumMatch.DecompressedContent : ChecksumMatch.StoredBytes, match);
        }

        foreach (DataFileInfo file in OfficialDataFiles.StagedImdb)
        {
            Assert.Equal(ChecksumMatch.StoredBytes, Sha256Checksum.Verify(RealData.Path(file.RelativePath), file));
        }
    }

    [Fact]
    public void Wrong_content_is_a_checksum_mismatch_naming_both_digests()
    {
        using var dir = new TempDirectory();
        string path = dir.WriteBytes("t10k-labels-idx1-ubyte.gz", [1, 2, 3]);
        DataFileInfo official = OfficialDataFiles.Mnist[3];
        var e = Assert.Throws<ChecksumMismatchException>(() => Sha256Checksum.Verify(path, official));
        Assert.Equal(official.Sha256, e.Expected);
        // SHA-256 of the bytes 01 02 03.
        Assert.Equal("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", e.Actual);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recompressed_file_matches_through_its_content_digest()
    {
        using var dir = new TempDirectory();
        byte[] content = "hello"u8.ToArray();
        string path = dir.WriteGzip("x.gz", content);
        var info = new DataFileInfo("x.gz", [], new string('0', 64), Sha256Checksum.OfStream(new MemoryStream(content)));
        Assert.Equal(ChecksumMatch.DecompressedContent, Sha256Checksum.Verify(path, info));
    }

    [Fact]
    public void Bytes_that_start_like_gzip_but_do_not_decompress_are_a_checksum_mismatch()
    {
        // A download cut mid-stream: its content digest cannot be computed, which is a mismatch, not a format error.
        using var dir = new TempDirectory();
        DataFileInfo official = OfficialDataFiles.Mnist[3];
        byte[] whole = File.ReadAllBytes(RealData.Path(official.RelativePath));
        string path = dir.WriteBytes("t10k-labels-idx1-ubyte.gz", whole[..(whole.Length / 2)]);
        var e = Assert.Throws<ChecksumMismatchException>(() => Sha256Checksum.Verify(path, official));
        Assert.Equal(official.Sha256, e.Expected);
    }

    [Fact]
    public void Official_download_table_lists_https_sources()
    {
        Assert.All(OfficialDataFiles.Mnist, f => Assert.Equal("https", f.Urls[0].Scheme));
        Assert.Equal("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz", OfficialDataFiles.AclImdbTarball.Urls[0].ToString());
        Assert.All(OfficialDataFiles.Mnist.Append(OfficialDataFiles.AclImdbTarball), f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
    }
}
