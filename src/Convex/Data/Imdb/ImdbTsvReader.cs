using System.Globalization;
using System.Text;

namespace Verification.Convex.Data.Imdb;

/// <summary>
/// Reads the staged TSV form of aclImdb (<c>label, rating, id, text</c>, gzipped or raw). Each line is split on its
/// first three TABs only, because 27 reviews contain TABs in their text.
/// </summary>
public static class ImdbTsvReader
{
    /// <summary>The required first line.</summary>
    public const string Header = "label\trating\tid\ttext";

    /// <summary>Reads every review, in file order.</summary>
    /// <exception cref="MalformedLineException">A missing header, too few fields, or a field that does not parse.</exception>
    /// <exception cref="UnknownLabelException">A label other than 0 or 1.</exception>
    /// <exception cref="TruncatedDataException">The compressed stream breaks off.</exception>
    public static List<ImdbReview> Read(string path)
    {
        var reviews = new List<ImdbReview>(25_000);
        using Stream stream = PositionedReader.OpenMaybeGzip(path);
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), false, 1 << 16);
        long lineNumber = 0;
        while (true)
        {
            string? line;
            try
            {
                line = reader.ReadLine();
            }
            catch (InvalidDataException e)
            {
                throw new TruncatedDataException(path, lineNumber + 1, DataPositionKind.Line,
                    $"compressed stream is corrupt or cut short after line {lineNumber.ToString(CultureInfo.InvariantCulture)} ({e.Message})", e);
            }
            catch (DecoderFallbackException e)
            {
                throw new MalformedLineException(path, lineNumber + 1, $"invalid UTF-8 ({e.Message})");
            }

            if (line is null)
            {
                break;
            }

            lineNumber++;
            if (lineNumber == 1)
            {
                if (line != Header)
                {
                    throw new MalformedLineException(path, 1, $"header must be '{Header.Replace("\t", "<TAB>", StringComparison.Ordinal)}'");
                }

                continue;
            }

            reviews.Add(ParseLine(path, lineNumber, line));
        }

        if (lineNumber == 0)
        {
            throw new MalformedLineException(path, 1, "file is empty (no header)");
        }

        return reviews;
    }

    private static ImdbReview ParseLine(string path, long lineNumber, string line)
    {
        string[] fields = line.Split('\t', 4);
        if (fields.Length < 4)
        {
            throw new MalformedLineException(path, lineNumber, $"expected 4 TAB-separated fields (label, rating, id, text), found {fields.Length}");
        }

        int label = fields[0] switch
        {
            "0" => 0,
            "1" => 1,
            _ => throw new UnknownLabelException(path, lineNumber, DataPositionKind.Line, fields[0], "0 = negative, 1 = positive"),
        };
        if (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int rating))
        {
            throw new MalformedLineException(path, lineNumber, $"rating '{fields[1]}' is not a non-negative integer");
        }

        if (!ImdbReview.RatingAgreesWithLabel(label, rating))
        {
            throw new MalformedLineException(path, lineNumber, $"rating {rating} is impossible for label {label} (negative: 1..4, positive: 7..10)");
        }

        if (!int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out int id))
        {
            throw new MalformedLineException(path, lineNumber, $"id '{fields[2]}' is not a non-negative integer");
        }

        return new ImdbReview(label, rating, id, fields[3]);
    }
}
