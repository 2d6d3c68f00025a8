using System.Text;
using Verification.Convex.Data;
using Verification.Convex.Data.Imdb;

namespace Verification.Properties.Convex;

public sealed class ImdbReaderTests
{
    private const string Header = "label\trating\tid\ttext\n";

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Tsv_splits_on_the_first_three_tabs_only()
    {
        using var dir = new TempDirectory();
        string path = dir.WriteGzip("t.tsv.gz", Utf8(Header + "0\t3\t12\tBad.<br />Really\tbad.\n1\t10\t4\tGreat!\n"));
        List<ImdbReview> reviews = ImdbTsvReader.Read(path);
        Assert.Equal(new ImdbReview(0, 3, 12, "Bad.<br />Really\tbad."), reviews[0]);
        Assert.Equal(new ImdbReview(1, 10, 4, "Great!"), reviews[1]);
    }

    [Fact]
    public void Malformed_line_names_the_file_and_the_line()
    {
        using var dir = new TempDirectory();
        string path = dir.WriteBytes("t.tsv", Utf8(Header + "0\t3\t1\tok\n1\t8\tmissing text field\n"));
        var e = Assert.Throws<MalformedLineException>(() => ImdbTsvReader.Read(path));
        Assert.Equal((path, 3L, DataPositionKind.Line), (e.FileName, e.Position, e.PositionKind));
        Assert.Equal(3L, e.LineNumber);
        Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unparsable_rating_is_a_malformed_line()
    {
        using var dir = new TempDirectory();
        string path = dir.WriteBytes("t.tsv", Utf8(Header + "0\tthree\t1\ttext\n"));
        Assert.Equal(2L, Assert.Throws<MalformedLineException>(() => ImdbTsvReader.Read(path)).LineNumber);
    }

    [Fact]
    public void Rating_impossible_for_the_label_is_a_malformed_line()
    {
        using var dir = new TempDirectory();
        string path = dir.WriteBytes("t.tsv", Utf8(Header + "1\t3\t1\tlabelled positive with 3 stars\n"));
        Assert.Contains("impossible", Assert.Throws<MalformedLineException>(() => ImdbTsvReader.Read(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_label_names_the_file_the_line_and_the_label()
    {
        using var dir = new TempDirectory();
        string path = dir.WriteBytes("t.tsv", Utf8(Header + "0\t2\t1\tfine\n0\t2\t2\tfine\npos\t9\t3\ttext\n"));
        var e = Assert.Throws<UnknownLabelException>(() => ImdbTsvReader.Read(path));
        Assert.Equal((4L, "pos"), (e.Position, e.Label));
        Assert.Contains("line 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_header_is_reported_on_line_one()
    {
        using var dir = new TempDirectory();
        string path = dir.WriteBytes("t.tsv", Utf8("0\t2\t1\tno header\n"));
        Assert.Equal(1L, Assert.Throws<MalformedLineException>(() => ImdbTsvReader.Read(path)).LineNumber);
    }

    [Fact]
    public void Truncated_gzipped_tsv_is_reported()
    {
        using var dir = new TempDirectory();
        var text = new StringBuilder(Header);
        for (int i = 0; i < 2000; i++)
        {
            text.Append(i % 2).Append('\t').Append(i % 2 == 0 ? 2 : 9).Append('\t').Append(i).Append("\treview number ").Append(i * 7919).Append('\n');
        }

        byte[] compressed = TempDirectory.Gzip(Utf8(text.ToString()));
        string path = dir.WriteBytes("t.tsv.gz", compressed[..(compressed.Length / 2)]);
        var e = Assert.Throws<TruncatedDataException>(() => ImdbTsvReader.Read(path));
        Assert.Equal((path, DataPositionKind.Line), (e.FileName, e.PositionKind));
        Assert.InRange(e.Position, 2, 2001);
    }

    [Fact]
    public void AclImdb_folder_layout_reads_like_the_tsv()
    {
        using var dir = new TempDirectory();
        string root = System.IO.Path.Combine(dir.Path, "aclImdb");
        dir.WriteBytes(System.IO.Path.Combine("aclImdb", "train", "neg", "10_2.txt"), Utf8("Dull."));
        dir.WriteBytes(System.IO.Path.Combine("aclImdb", "train", "neg", "2_4.txt"), Utf8("Meh<br />tab\there."));
        dir.WriteBytes(System.IO.Path.Combine("aclImdb", "train", "pos", "0_10.txt"), Utf8("Loved it!"));
        string tsv = dir.WriteBytes("train.tsv", Utf8(Header + "0\t4\t2\tMeh<br />tab\there.\n0\t2\t10\tDull.\n1\t10\t0\tLoved it!\n"));

        List<ImdbReview> fromFolder = AclImdbFolderReader.Read(root, ImdbSplit.Train);
        Assert.Equal(ImdbTsvReader.Read(tsv), fromFolder);
    }

    [Fact]
    public void AclImdb_file_name_must_be_id_underscore_rating()
    {
        using var dir = new TempDirectory();
        dir.WriteBytes(System.IO.Path.Combine("aclImdb", "test", "neg", "7.txt"), Utf8("x"));
        dir.WriteBytes(System.IO.Path.Combine("aclImdb", "test", "pos", "1_8.txt"), Utf8("y"));
        var e = Assert.Throws<MalformedLineException>(() => AclImdbFolderReader.Read(System.IO.Path.Combine(dir.Path, "aclImdb"), ImdbSplit.Test));
        Assert.EndsWith("7.txt", e.FileName, StringComparison.Ordinal);
    }

    [Fact]
    public void AclImdb_rating_must_match_its_folder()
    {
        using var dir = new TempDirectory();
        dir.WriteBytes(System.IO.Path.Combine("aclImdb", "train", "neg", "1_9.txt"), Utf8("x"));
        dir.WriteBytes(System.IO.Path.Combine("aclImdb", "train", "pos", "1_8.txt"), Utf8("y"));
        Assert.Throws<MalformedLineException>(() => AclImdbFolderReader.Read(System.IO.Path.Combine(dir.Path, "aclImdb"), ImdbSplit.Train));
    }

    [Fact]
    public void AclImdb_missing_folder_is_named()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<DirectoryNotFoundException>(() => AclImdbFolderReader.Read(dir.Path, ImdbSplit.Train));
        Assert.Contains("neg", e.Message, StringComparison.Ordinal);
    }
}
