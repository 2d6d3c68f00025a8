using System.Globalization;

namespace Verification.Convex.Data.Mnist;

/// <summary>
/// Reader for the IDX files of MNIST (LeCun et al.): a big-endian header (magic, count, then the dimensions) and
/// unsigned bytes, gzipped or raw.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic number of an IDX file of unsigned bytes with three dimensions (images).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX file of unsigned bytes with one dimension (labels).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>The largest label an MNIST label file may hold.</summary>
    public const int MaxLabel = 9;

    /// <summary>Reads an images file: the pixels of image i are <c>pixels[i*rows*cols .. (i+1)*rows*cols)</c>, row-major.</summary>
    /// <exception cref="DataFormatException">Wrong magic, bad header, truncated data or trailing bytes.</exception>
    public static (int Count, int Rows, int Columns, byte[] Pixels) ReadImages(string path)
    {
        using PositionedReader reader = PositionedReader.Open(path);
        int magic = reader.ReadInt32BigEndian("the magic number");
        if (magic != ImagesMagic)
        {
            throw new BadMagicNumberException(path, ImagesMagic, magic);
        }

        int count = ReadNonNegative(reader, "the image count");
        int rows = ReadNonNegative(reader, "the row count");
        int columns = ReadNonNegative(reader, "the column count");
        long total = (long)count * rows * columns;
        if (total > Array.MaxLength)
        {
            throw new DataFormatException(path, 4, DataPositionKind.ByteOffset,
                $"header declares {count}x{rows}x{columns} pixels, more than one array can hold");
        }

        var pixels = new byte[total];
        reader.ReadExactly(pixels, $"{count.ToString(CultureInfo.InvariantCulture)} images of {rows}x{columns} pixels");
        RejectTrailing(reader);
        return (count, rows, columns, pixels);
    }

    /// <summary>Reads a labels file and checks that every label is a digit 0..9.</summary>
    /// <exception cref="DataFormatException">Wrong magic, truncated data, trailing bytes or a label above 9.</exception>
    public static byte[] ReadLabels(string path)
    {
        using PositionedReader reader = PositionedReader.Open(path);
        int magic = reader.ReadInt32BigEndian("the magic number");
        if (magic != LabelsMagic)
        {
            throw new BadMagicNumberException(path, LabelsMagic, magic);
        }

        int count = ReadNonNegative(reader, "the label count");
        var labels = new byte[count];
        reader.ReadExactly(labels, $"{count.ToString(CultureInfo.InvariantCulture)} labels");
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] > MaxLabel)
            {
                throw new UnknownLabelException(path, 8 + i, DataPositionKind.ByteOffset,
                    labels[i].ToString(CultureInfo.InvariantCulture), "0..9");
            }
        }

        RejectTrailing(reader);
        return labels;
    }

    private static int ReadNonNegative(PositionedReader reader, string what)
    {
        long at = reader.Position;
        int value = reader.ReadInt32BigEndian(what);
        if (value < 0)
        {
            throw new DataFormatException(reader.FileName, at, DataPositionKind.ByteOffset, $"{what} is negative ({value})");
        }

        return value;
    }

    private static void RejectTrailing(PositionedReader reader)
    {
        if (!reader.AtEnd())
        {
            throw new DataFormatException(reader.FileName, reader.Position, DataPositionKind.ByteOffset,
                "unexpected bytes after the content the header declares");
        }
    }
}
