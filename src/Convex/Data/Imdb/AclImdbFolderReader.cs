using System.Globalization;
using System.Text;

namespace Verification.Convex.Data.Imdb;

/// <summary>
/// Reads the layout of the official tarball <c>aclImdb_v1.tar.gz</c>: <c>aclImdb/{train,test}/{neg,pos}/id_rating.txt</c>.
/// Reviews come out in the staged TSV's order (all negative by ascending id, then all positive), so both readers give
/// the same list for the same data.
/// </summary>
public static class AclImdbFolderReader
{
    /// <summary>Reads the labelled reviews of <paramref name="split"/> under <paramref name="aclImdbRoot"/> (the folder holding train/ and test/).</summary>
    /// <exception cref="DirectoryNotFoundException">The split's neg/ or pos/ folder is missing.</exception>
    /// <exception cref="MalformedLineException">A file name that is not <c>id_rating.txt</c>, or a rating impossible for its folder.</exception>
    public static List<ImdbReview> Read(string aclImdbRoot, ImdbSplit split)
    {
        string splitFolder = Path.Combine(aclImdbRoot, split == ImdbSplit.Train ? "train" : "test");
        var reviews = new List<ImdbReview>(25_000);
        var strictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
        foreach ((string folder, int label) in new[] { ("neg", 0), ("pos", 1) })
        {
            string directory = Path.Combine(splitFolder, folder);
            if (!Directory.Exists(directory))
            {
                throw new DirectoryNotFoundException($"aclImdb folder '{directory}' does not exist (expected {folder}/ under '{splitFolder}').");
            }

            var files = new List<(int Id, int Rating, string Path)>();
            foreach (string file in Directory.EnumerateFiles(directory, "*.txt"))
            {
                (int id, int rating) = ParseName(file, label);
                files.Add((id, rating, file));
            }

            // Ordinal id order, independent of the file system's enumeration order.
            files.Sort((a, b) => a.Id.CompareTo(b.Id));
            foreach ((int id, int rating, string file) in files)
            {
                string text;
                try
                {
                    text = File.ReadAllText(file, strictUtf8);
                }
                catch (DecoderFallbackException e)
                {
                    throw new MalformedLineException(file, 1, $"invalid UTF-8 ({e.Message})");
                }

                reviews.Add(new ImdbReview(label, rating, id, text));
            }
        }

        return reviews;
    }

    private static (int Id, int Rating) ParseName(string file, int label)
    {
        string name = Path.GetFileNameWithoutExtension(file);
        int underscore = name.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0
            || !int.TryParse(name.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out int id)
            || !int.TryParse(name.AsSpan(underscore + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int rating))
        {
            throw new MalformedLineException(file, 1, "file name must be <id>_<rating>.txt with integer id and rating");
        }

        if (!ImdbReview.RatingAgreesWithLabel(label, rating))
        {
            throw new MalformedLineException(file, 1, $"rating {rating} in the file name is impossible for the {(label == 0 ? "neg" : "pos")} folder");
        }

        return (id, rating);
    }
}
