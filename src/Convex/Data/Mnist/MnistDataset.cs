using Verification.Reference.Validation;

namespace Verification.Convex.Data.Mnist;

/// <summary>
/// MNIST images and labels as stored in the IDX files: raw bytes, 0 = background, 255 = ink. Features are the pixels
/// divided by 255 (<see cref="PixelScale"/>), so that every feature lies in [0, 1] and the logistic-regression
/// constants (‖x‖ ≤ 28) do not depend on a data-dependent standardisation.
/// </summary>
public sealed class MnistDataset
{
    /// <summary>The feature scaling: feature = pixel / 255.</summary>
    public const double PixelScale = 255.0;

    /// <summary>The number of digit classes.</summary>
    public const int ClassCount = 10;

    /// <summary>Creates a dataset; <paramref name="pixels"/> holds <c>count × rows × columns</c> bytes, row-major.</summary>
    public MnistDataset(int rows, int columns, byte[] pixels, byte[] labels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        Guard.SameLength(nameof(pixels), pixels.Length, "labels × rows × columns", labels.Length * rows * columns);
        Rows = rows;
        Columns = columns;
        Pixels = pixels;
        Labels = labels;
    }

    /// <summary>The number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Image height (28 for MNIST).</summary>
    public int Rows { get; }

    /// <summary>Image width (28 for MNIST).</summary>
    public int Columns { get; }

    /// <summary>Pixels per image, the feature dimension before any bias term.</summary>
    public int FeatureCount => Rows * Columns;

    /// <summary>All pixels, image after image, row-major.</summary>
    public byte[] Pixels { get; }

    /// <summary>The digit of each image.</summary>
    public byte[] Labels { get; }

    /// <summary>The pixels of image <paramref name="example"/>.</summary>
    public ReadOnlySpan<byte> Image(int example) => Pixels.AsSpan(example * FeatureCount, FeatureCount);

    /// <summary>How many images carry each digit.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassCount];
        foreach (byte label in Labels)
        {
            counts[label]++;
        }

        return counts;
    }

    /// <summary>The sub-dataset of the given examples, in the order given.</summary>
    public MnistDataset Subset(IReadOnlyList<int> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var pixels = new byte[examples.Count * FeatureCount];
        var labels = new byte[examples.Count];
        for (int k = 0; k < examples.Count; k++)
        {
            Image(examples[k]).CopyTo(pixels.AsSpan(k * FeatureCount, FeatureCount));
            labels[k] = Labels[examples[k]];
        }

        return new MnistDataset(Rows, Columns, pixels, labels);
    }
}
