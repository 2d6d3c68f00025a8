using System.Globalization;

namespace Verification.Convex.Data.Mnist;

/// <summary>Loads an MNIST split from a data root (<c>mnist/*-idx*-ubyte.gz</c>) or from explicit file paths.</summary>
public static class MnistLoader
{
    /// <summary>Official number of training images.</summary>
    public const int OfficialTrainCount = 60_000;

    /// <summary>Official number of test images.</summary>
    public const int OfficialTestCount = 10_000;

    /// <summary>The images file of <paramref name="split"/>, relative to a data root.</summary>
    public static string ImagesRelativePath(MnistSplit split) =>
        Path.Combine("mnist", split == MnistSplit.Train ? "train-images-idx3-ubyte.gz" : "t10k-images-idx3-ubyte.gz");

    /// <summary>The labels file of <paramref name="split"/>, relative to a data root.</summary>
    public static string LabelsRelativePath(MnistSplit split) =>
        Path.Combine("mnist", split == MnistSplit.Train ? "train-labels-idx1-ubyte.gz" : "t10k-labels-idx1-ubyte.gz");

    /// <summary>Loads <paramref name="split"/> from the data root that <paramref name="locator"/> finds.</summary>
    public static MnistDataset Load(MnistSplit split, DataLocator? locator = null)
    {
        locator ??= DataLocator.Default;
        return Load(locator.Locate(ImagesRelativePath(split)), locator.Locate(LabelsRelativePath(split)));
    }

    /// <summary>Loads a pair of IDX files (gzipped or raw) and checks that they describe the same number of examples.</summary>
    /// <exception cref="CountMismatchException">The label file's count (byte offset 4) differs from the images file's.</exception>
    public static MnistDataset Load(string imagesPath, string labelsPath)
    {
        (int count, int rows, int columns, byte[] pixels) = IdxReader.ReadImages(imagesPath);
        byte[] labels = IdxReader.ReadLabels(labelsPath);
        if (labels.Length != count)
        {
            throw new CountMismatchException(labelsPath, 4, DataPositionKind.ByteOffset, labels.Length,
                $"images file '{imagesPath}' (count {count.ToString(CultureInfo.InvariantCulture)})", count);
        }

        return new MnistDataset(rows, columns, pixels, labels);
    }
}
