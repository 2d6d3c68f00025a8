using System.Formats.Tar;
using System.Text;
using Verification.Convex.Data.Checksums;
using Verification.Convex.Data.Download;
using Verification.Convex.Data.Imdb;

namespace Verification.Properties.Convex.Download;

/// <summary>
/// A tarball in the official aclImdb_v1 layout with a few reviews per folder (one holding a TAB, non-ASCII text, ids
/// whose text order differs from their numeric order), entries the conversion must skip, and the TSVs it must become,
/// written out by hand.
/// </summary>
internal static class SmallAclImdb
{
    public const string Vocabulary = "the\nand\na\nfilm\n";

    // Scrambled on purpose: the conversion, not the archive, decides the row order.
    public static IReadOnlyList<(string Name, byte[] Content)> Entries { get; } =
    [
        ("aclImdb/README", "Large Movie Review Dataset v1.0\n"u8.ToArray()),
        ("aclImdb/train/pos/10_8.txt", "Great film.<br /><br />Loved it."u8.ToArray()),
        ("aclImdb/train/neg/2_3.txt", "Dull\tand slow."u8.ToArray()),
        ("aclImdb/train/unsup/0_0.txt", "Unlabelled, skipped."u8.ToArray()),
        ("aclImdb/imdb.vocab", Encoding.UTF8.GetBytes(Vocabulary)),
        ("aclImdb/train/pos/2_10.txt", "Best ever — naïve café."u8.ToArray()),
        ("aclImdb/test/pos/3_9.txt", "Très bien."u8.ToArray()),
        ("aclImdb/train/neg/0_1.txt", "Awful."u8.ToArray()),
        ("aclImdb/train/labeledBow.feat", "0 0:1\n"u8.ToArray()),
        ("aclImdb/test/neg/1_2.txt", "Bad."u8.ToArray()),
        ("aclImdb/train/neg/11_4.txt", "Meh, 4/10."u8.ToArray()),
        ("aclImdb/test/pos/0_7.txt", "Good."u8.ToArray()),
    ];

    public static string ExpectedTrainTsv { get; } =
        "label\trating\tid\ttext\n"
        + "0\t1\t0\tAwful.\n"
        + "0\t3\t2\tDull\tand slow.\n"
        + "0\t4\t11\tMeh, 4/10.\n"
        + "1\t10\t2\tBest ever — naïve café.\n"
        + "1\t8\t10\tGreat film.<br /><br />Loved it.\n";

    public static string ExpectedTestTsv { get; } =
        "label\trating\tid\ttext\n"
        + "0\t2\t1\tBad.\n"
        + "1\t7\t0\tGood.\n"
        + "1\t9\t3\tTrès bien.\n";

    /// <summary>A gzipped tar of <paramref name="entries"/> (default: <see cref="Entries"/>), with directory entries as tar writes them.</summary>
    public static byte[] Tarball(IEnumerable<(string Name, byte[] Content)>? entries = null)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            // A fixed modification time: the same entries give the same bytes, so the tarball's digest can be pinned.
            var mtime = new DateTimeOffset(2011, 6, 1, 0, 0, 0, TimeSpan.Zero);
            writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, "aclImdb/") { ModificationTime = mtime });
            foreach ((string name, byte[] content) in entries ?? Entries)
            {
                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), ModificationTime = mtime });
            }
        }

        return TempDirectory.Gzip(tar.ToArray());
    }

    /// <summary>
    /// The archive description for this tarball: the expected TSVs' and the vocabulary's content digests, and
    /// <paramref name="tarballSha256"/> as the official tarball digest (default: the real digest of <see cref="Tarball"/>).
    /// </summary>
    public static AclImdbArchive Archive(string? tarballSha256 = null, string? trainContentSha256 = null) => new(
        new DataFileInfo(Path.Combine("imdb", "aclImdb_v1.tar.gz"), [], tarballSha256 ?? Digest(Tarball()), null),
        new DataFileInfo(ImdbLoader.TsvRelativePath(ImdbSplit.Train), [], new string('0', 64), trainContentSha256 ?? Digest(Encoding.UTF8.GetBytes(ExpectedTrainTsv))),
        new DataFileInfo(ImdbLoader.TsvRelativePath(ImdbSplit.Test), [], new string('0', 64), Digest(Encoding.UTF8.GetBytes(ExpectedTestTsv))),
        new DataFileInfo(ImdbLoader.VocabularyRelativePath, [], new string('0', 64), Digest(Encoding.UTF8.GetBytes(Vocabulary))));

    public static string Digest(byte[] bytes) => Sha256Checksum.OfStream(new MemoryStream(bytes));
}
