using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Verification.Convex.Data.Imdb;

namespace Verification.Convex.Data.Download;

/// <summary>
/// Builds the staged IMDB files from the official tarball's layout without unpacking it: the tar stream is read once,
/// the labelled reviews <c>aclImdb/{train,test}/{neg,pos}/&lt;id&gt;_&lt;rating&gt;.txt</c> are kept in memory (about
/// 65 MB) and <c>aclImdb/imdb.vocab</c> is gzipped as it streams by; everything else (the unlabelled reviews, the
/// bag-of-words files) is skipped. The TSVs have the staged format exactly: header <c>label&lt;TAB&gt;rating&lt;TAB&gt;id&lt;TAB&gt;text</c>,
/// all negative reviews by ascending id then all positive ones, the raw review bytes, LF after every row.
/// </summary>
public static class AclImdbTarballConverter
{
    private const string Root = "aclImdb";
    private const int MaxReviewBytes = 1 << 20;
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads <paramref name="tarballPath"/> and writes the training TSV, the test TSV (both gzipped) and the gzipped
    /// vocabulary to the given paths, replacing what is there.
    /// </summary>
    /// <exception cref="ArchiveContentException">A review or the vocabulary breaks the release's rules, a folder is missing, or the stream is not a gzipped tar; the message names the entry.</exception>
    public static void Convert(string tarballPath, string trainTsvPath, string testTsvPath, string vocabularyPath)
    {
        var folders = new Dictionary<(ImdbSplit Split, int Label), SortedDictionary<int, Review>>();
        foreach (ImdbSplit split in new[] { ImdbSplit.Train, ImdbSplit.Test })
        {
            folders[(split, 0)] = [];
            folders[(split, 1)] = [];
        }

        bool vocabularySeen = false;
        try
        {
            using FileStream file = File.OpenRead(tarballPath);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry(copyData: false) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
                {
                    continue;
                }

                string name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
                string[] parts = name.Split('/');
                if (parts is [Root, "imdb.vocab"])
                {
                    if (vocabularySeen)
                    {
                        throw new ArchiveContentException(tarballPath, name, "the vocabulary appears twice");
                    }

                    vocabularySeen = true;
                    WriteGzip(vocabularyPath, entry.DataStream ?? Stream.Null);
                }
                else if (parts is [Root, "train" or "test", "neg" or "pos", var fileName] && fileName.EndsWith(".txt", StringComparison.Ordinal))
                {
                    ImdbSplit split = parts[1] == "train" ? ImdbSplit.Train : ImdbSplit.Test;
                    int label = parts[2] == "neg" ? 0 : 1;
                    Review review = ReadReview(tarballPath, name, fileName, label, entry);
                    SortedDictionary<int, Review> folder = folders[(split, label)];
                    if (folder.TryGetValue(review.Id, out Review? other))
                    {
                        throw new ArchiveContentException(tarballPath, name, $"id {review.Id} is also the id of '{other.EntryName}' in the same folder");
                    }

                    folder.Add(review.Id, review);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new ArchiveContentException(tarballPath, null, $"not a readable gzipped tar file ({e.Message})", e);
        }

        if (!vocabularySeen)
        {
            throw new ArchiveContentException(tarballPath, $"{Root}/imdb.vocab", "the archive has no vocabulary entry");
        }

        foreach (((ImdbSplit split, int label), SortedDictionary<int, Review> folder) in folders)
        {
            if (folder.Count == 0)
            {
                throw new ArchiveContentException(tarballPath, $"{Root}/{SplitFolder(split)}/{(label == 0 ? "neg" : "pos")}/",
                    "the archive has no reviews in this folder");
            }
        }

        WriteTsv(trainTsvPath, folders[(ImdbSplit.Train, 0)].Values, folders[(ImdbSplit.Train, 1)].Values);
        WriteTsv(testTsvPath, folders[(ImdbSplit.Test, 0)].Values, folders[(ImdbSplit.Test, 1)].Values);
    }

    private static string SplitFolder(ImdbSplit split) => split == ImdbSplit.Train ? "train" : "test";

    private static Review ReadReview(string tarballPath, string entryName, string fileName, int label, TarEntry entry)
    {
        // The same rules as AclImdbFolderReader: <id>_<rating>.txt with plain integers, a rating its folder allows.
        string stem = fileName[..^".txt".Length];
        int underscore = stem.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0
            || !int.TryParse(stem.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out int id)
            || !int.TryParse(stem.AsSpan(underscore + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int rating))
        {
            throw new ArchiveContentException(tarballPath, entryName, "file name must be <id>_<rating>.txt with integer id and rating");
        }

        if (!ImdbReview.RatingAgreesWithLabel(label, rating))
        {
            throw new ArchiveContentException(tarballPath, entryName,
                $"rating {rating} in the file name is impossible for the {(label == 0 ? "neg" : "pos")} folder (negative: 1..4, positive: 7..10)");
        }

        // The longest official review is under 14 kB; a far larger entry is not a review and must not fill memory.
        if (entry.Length > MaxReviewBytes)
        {
            throw new ArchiveContentException(tarballPath, entryName, $"{entry.Length} bytes is far longer than any review ({MaxReviewBytes} at most)");
        }

        byte[] text = new byte[entry.Length];
        entry.DataStream?.ReadExactly(text);
        try
        {
            StrictUtf8.GetCharCount(text);
        }
        catch (DecoderFallbackException e)
        {
            throw new ArchiveContentException(tarballPath, entryName, $"invalid UTF-8 at byte {e.Index} ({e.Message})");
        }

        // A review is one TSV row, so it cannot hold a row separator; the official release has none.
        int lineBreak = text.AsSpan().IndexOfAny((byte)'\n', (byte)'\r');
        if (lineBreak >= 0)
        {
            throw new ArchiveContentException(tarballPath, entryName, $"the text holds a line break at byte {lineBreak}, which a TSV row cannot hold");
        }

        return new Review(label, rating, id, text, entryName);
    }

    private static void WriteTsv(string path, IEnumerable<Review> negative, IEnumerable<Review> positive)
    {
        using FileStream file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        using var output = new BufferedStream(gzip, 1 << 16);
        output.Write(Encoding.UTF8.GetBytes(ImdbTsvReader.Header + "\n"));
        foreach (Review review in negative.Concat(positive))
        {
            output.Write(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{review.Label}\t{review.Rating}\t{review.Id}\t")));
            output.Write(review.Text);
            output.WriteByte((byte)'\n');
        }
    }

    private static void WriteGzip(string path, Stream content)
    {
        using FileStream file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        content.CopyTo(gzip);
    }

    private sealed record Review(int Label, int Rating, int Id, byte[] Text, string EntryName);
}
