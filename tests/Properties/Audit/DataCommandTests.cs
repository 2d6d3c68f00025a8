using System.CommandLine;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Verification.Audit.Cli;
using Verification.Audit.Commands;
using Verification.Convex.Data.Checksums;
using Verification.Convex.Data.Download;
using Verification.Convex.Data.Imdb;
using Verification.Properties.Convex;
using Verification.Properties.Convex.Download;

namespace Verification.Properties.Audit;

/// <summary>
/// <c>data fetch</c> and <c>data where</c> through the command line, with <c>VERIFICATION_DATA_MIRRORS</c> naming a
/// real HTTP server on 127.0.0.1 that serves the staged MNIST files and an aclImdb tarball rebuilt from the staged TSVs,
/// so the official catalogue, its pinned digests and the exit codes are all exercised.
/// </summary>
[Collection(LocalServerCollection.Name)]
public sealed class DataCommandTests
{
    [Fact]
    public void Data_fetch_fills_an_empty_folder_from_a_local_mirror_and_data_where_finds_every_file()
    {
        using var mirror = new LocalMirror();
        foreach (DataFileInfo file in OfficialDataFiles.Mnist)
        {
            mirror.Serve("/m/" + Path.GetFileName(file.RelativePath), File.ReadAllBytes(RealData.Path(file.RelativePath)));
        }

        mirror.Serve("/m/aclImdb_v1.tar.gz", OfficialLayoutTarball());
        using var target = new TempDirectory();

        (int code, string output, string error) = Invoke(mirror.Base("m"), "data", "fetch", "--data-dir", target.Path);

        Assert.True(code == 0, error);
        Assert.Contains($"Data root: {target.Path}", output, StringComparison.Ordinal);
        foreach (DataFileInfo file in OfficialDataFiles.Mnist)
        {
            Sha256Checksum.Verify(target.File(file.RelativePath), file);
        }

        // The built IMDB files have exactly the staged content, so golden files computed from them agree everywhere.
        foreach (DataFileInfo built in AclImdbArchive.Official.Outputs)
        {
            Assert.Equal(built.ContentSha256, Sha256Checksum.OfDecompressedContent(target.File(built.RelativePath)));
        }

        Assert.Equal(["aclImdb_test.tsv.gz", "aclImdb_train.tsv.gz", "imdb.vocab.gz"],
            Directory.GetFiles(target.File("imdb")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(4, Directory.GetFiles(target.File("mnist")).Length);
        // The rebuilt tarball is not the official one byte for byte, but its content is: one note, and it is used.
        Assert.Contains("note: the archive from", error, StringComparison.Ordinal);
        Assert.Equal(ImdbLoader.OfficialSplitCount, ImdbTsvReader.Read(target.File(ImdbLoader.TsvRelativePath(ImdbSplit.Test))).Count);

        (int whereCode, string whereOutput, _) = Invoke(mirror.Base("m"), "data", "where", "--data-dir", target.Path);
        Assert.Equal(0, whereCode);
        foreach (DataFileInfo file in DataCatalog.Official.RequiredFiles)
        {
            Assert.Contains(target.File(file.RelativePath), whereOutput, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("missing", whereOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_fetch_with_every_mirror_down_exits_3_and_data_where_says_missing()
    {
        string closed = $"http://127.0.0.1:{LocalMirror.FreePort()}/m";
        using var target = new TempDirectory();

        (int code, _, string error) = Invoke(closed, "data", "fetch", "--data-dir", target.Path);
        (int whereCode, string whereOutput, _) = Invoke(closed, "data", "where", "--data-dir", target.Path);

        Assert.Equal(ExitCodes.DataUnavailable, code);
        Assert.Contains($"error: Could not fetch '{OfficialDataFiles.Mnist[0].RelativePath}'. Tried, in order:", error, StringComparison.Ordinal);
        Assert.Contains($"{closed}/{Path.GetFileName(OfficialDataFiles.Mnist[0].RelativePath)}: ", error, StringComparison.Ordinal);
        Assert.Contains($"put these files under {target.Path}", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failures, whereCode);
        Assert.Contains($"{OfficialDataFiles.Mnist[0].RelativePath}  missing", whereOutput, StringComparison.Ordinal);
    }

    /// <summary>Runs the data command line with the mirror variable set to <paramref name="mirrors"/> for the call.</summary>
    private static (int Code, string Output, string Error) Invoke(string mirrors, params string[] args)
    {
        string? saved = Environment.GetEnvironmentVariable(MirrorList.EnvironmentVariable);
        Environment.SetEnvironmentVariable(MirrorList.EnvironmentVariable, mirrors);
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int code = new RootCommand { DataCommand.Create() }.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(MirrorList.EnvironmentVariable, saved);
        }
    }

    /// <summary>The staged IMDB reviews and vocabulary in the official tarball's layout (what tools/data/make-aclimdb-tarball.py builds).</summary>
    private static byte[] OfficialLayoutTarball()
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar))
        {
            foreach (ImdbSplit split in new[] { ImdbSplit.Train, ImdbSplit.Test })
            {
                foreach (ImdbReview review in ImdbTsvReader.Read(RealData.Path(ImdbLoader.TsvRelativePath(split))))
                {
                    string name = $"aclImdb/{(split == ImdbSplit.Train ? "train" : "test")}/{(review.Label == 0 ? "neg" : "pos")}/{review.Id}_{review.Rating}.txt";
                    tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(review.Text)) });
                }
            }

            using var vocabulary = new GZipStream(File.OpenRead(RealData.Path(ImdbLoader.VocabularyRelativePath)), CompressionMode.Decompress);
            var plain = new MemoryStream();
            vocabulary.CopyTo(plain);
            plain.Position = 0;
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "aclImdb/imdb.vocab") { DataStream = plain });
        }

        return memory.ToArray();
    }
}
