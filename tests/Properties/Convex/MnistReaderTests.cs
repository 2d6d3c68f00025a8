using Verification.Convex.Data;
using Verification.Convex.Data.Mnist;

namespace Verification.Properties.Convex;

public sealed class MnistReaderTests
{
    [Fact]
    public void Raw_and_gzipped_files_read_the_same()
    {
        using var dir = new TempDirectory();
        byte[] images = IdxFiles.Images(IdxReader.ImagesMagic, 3, 2, 2, IdxFiles.Pixels(3, 2, 2));
        byte[] labels = IdxFiles.Labels(IdxReader.LabelsMagic, [7, 0, 9]);
        MnistDataset raw = MnistLoader.Load(dir.WriteBytes("i.idx", images), dir.WriteBytes("l.idx", labels));
        MnistDataset gz = MnistLoader.Load(dir.WriteGzip("i.gz", images), dir.WriteGzip("l.gz", labels));
        Assert.Equal(raw.Pixels, gz.Pixels);
        Assert.Equal(new byte[] { 7, 0, 9 }, gz.Labels);
        Assert.Equal((2, 2, 3), (gz.Rows, gz.Columns, gz.Count));
    }

    [Fact]
    public void Truncated_gzip_names_the_file_and_where_the_data_stopped()
    {
        using var dir = new TempDirectory();
        byte[] compressed = TempDirectory.Gzip(IdxFiles.Images(IdxReader.ImagesMagic, 50, 28, 28, IdxFiles.Pixels(50, 28, 28)));
        string path = dir.WriteBytes("cut.gz", compressed[..(compressed.Length / 2)]);
        var e = Assert.Throws<TruncatedDataException>(() => IdxReader.ReadImages(path));
        Assert.Equal(path, e.FileName);
        Assert.Equal(DataPositionKind.ByteOffset, e.PositionKind);
        Assert.InRange(e.Position, 16, 16 + 50 * 784 - 1);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains($"byte offset {e.Position}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_raw_file_reports_the_exact_end()
    {
        using var dir = new TempDirectory();
        byte[] full = IdxFiles.Images(IdxReader.ImagesMagic, 4, 2, 2, IdxFiles.Pixels(4, 2, 2));
        string path = dir.WriteBytes("cut.idx", full[..(16 + 10)]);
        var e = Assert.Throws<TruncatedDataException>(() => IdxReader.ReadImages(path));
        Assert.Equal(26, e.Position);
        Assert.Contains("10 of the 16 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_header_is_reported()
    {
        using var dir = new TempDirectory();
        string path = dir.WriteBytes("short.idx", [0, 0, 8, 1, 0, 0]);
        var e = Assert.Throws<TruncatedDataException>(() => IdxReader.ReadLabels(path));
        // The count field starts at 4 and the file stops two bytes into it.
        Assert.Equal(6, e.Position);
        Assert.Contains("2 of the 4 bytes of the label count", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_magic_number_is_reported_at_offset_zero()
    {
        using var dir = new TempDirectory();
        // A labels file given where an images file is expected.
        string path = dir.WriteGzip("labels-as-images.gz", IdxFiles.Labels(IdxReader.LabelsMagic, [1, 2]));
        var e = Assert.Throws<BadMagicNumberException>(() => IdxReader.ReadImages(path));
        Assert.Equal((IdxReader.ImagesMagic, IdxReader.LabelsMagic, 0L), (e.Expected, e.Actual, e.Position));
        Assert.Contains("0x00000801", e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_and_label_count_mismatch_names_both_files()
    {
        using var dir = new TempDirectory();
        string images = dir.WriteBytes("i.idx", IdxFiles.Images(IdxReader.ImagesMagic, 3, 2, 2, IdxFiles.Pixels(3, 2, 2)));
        string labels = dir.WriteBytes("l.idx", IdxFiles.Labels(IdxReader.LabelsMagic, [1, 2]));
        var e = Assert.Throws<CountMismatchException>(() => MnistLoader.Load(images, labels));
        Assert.Equal((labels, 4L, 2L, 3L), (e.FileName, e.Position, e.Actual, e.Expected));
        Assert.Contains(images, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_above_nine_is_an_unknown_label_at_its_byte()
    {
        using var dir = new TempDirectory();
        string path = dir.WriteBytes("l.idx", IdxFiles.Labels(IdxReader.LabelsMagic, [1, 2, 10, 3]));
        var e = Assert.Throws<UnknownLabelException>(() => IdxReader.ReadLabels(path));
        Assert.Equal((8L + 2, "10"), (e.Position, e.Label));
    }

    [Fact]
    public void Trailing_bytes_are_rejected()
    {
        using var dir = new TempDirectory();
        byte[] labels = [.. IdxFiles.Labels(IdxReader.LabelsMagic, [1, 2]), 99];
        string path = dir.WriteBytes("l.idx", labels);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));
        Assert.Equal(10, e.Position);
    }

    [Fact]
    public void Corrupt_gzip_stream_is_reported_as_a_data_error()
    {
        using var dir = new TempDirectory();
        byte[] compressed = TempDirectory.Gzip(IdxFiles.Labels(IdxReader.LabelsMagic, Enumerable.Repeat((byte)3, 5000).ToArray()));
        for (int i = 20; i < 40; i++)
        {
            compressed[i] ^= 0xFF;
        }

        string path = dir.WriteBytes("bad.gz", compressed);
        var e = Assert.ThrowsAny<DataFormatException>(() => IdxReader.ReadLabels(path));
        Assert.Equal(path, e.FileName);
    }
}
