using System.Diagnostics;
using System.Globalization;
using Verification.Convex.Data.Imdb;
using Verification.Convex.Data.Mnist;
using Xunit.Abstractions;

namespace Verification.Properties.Convex;

/// <summary>The full official splits load and have the official counts (MNIST and IMDB READMEs).</summary>
public sealed class RealDataLoadTests(ITestOutputHelper output)
{
    [Fact]
    public void Mnist_splits_have_the_official_counts()
    {
        var clock = Stopwatch.StartNew();
        MnistDataset train = MnistLoader.Load(MnistSplit.Train);
        double trainSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        MnistDataset test = MnistLoader.Load(MnistSplit.Test);
        double testSeconds = clock.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MNIST load: train {trainSeconds:F2}s, test {testSeconds:F2}s"));

        Assert.Equal((60_000, 28, 28), (train.Count, train.Rows, train.Columns));
        Assert.Equal(10_000, test.Count);
        Assert.Equal([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], train.ClassCounts());
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], test.ClassCounts());
        Assert.Equal(new byte[] { 5, 0, 4, 1, 9, 2, 1, 3, 1, 4 }, train.Labels[..10]);
        Assert.Equal(new byte[] { 7, 2, 1, 0, 4, 1, 4, 9, 5, 9 }, test.Labels[..10]);
        // Mean pixel 33.3184 (README): the pixels were read in full and in order.
        Assert.Equal(33.3184, train.Pixels.Average(p => (double)p), 3);
    }

    [Fact]
    public void Imdb_splits_have_the_official_balanced_counts()
    {
        var clock = Stopwatch.StartNew();
        List<ImdbReview> train = ImdbLoader.Load(ImdbSplit.Train);
        double trainSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        List<ImdbReview> test = ImdbLoader.Load(ImdbSplit.Test);
        double testSeconds = clock.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"IMDB load: train {trainSeconds:F2}s, test {testSeconds:F2}s"));

        foreach (List<ImdbReview> split in new[] { train, test })
        {
            Assert.Equal(25_000, split.Count);
            Assert.Equal(12_500, split.Count(r => r.Label == 0));
            Assert.Equal(12_500, split.Count(r => r.Label == 1));
            Assert.Equal(Enumerable.Range(0, 12_500), split.Where(r => r.Label == 0).Select(r => r.Id));
        }

        // Rating histogram of the training split, from the README.
        int[] ratings = [5100, 2284, 2420, 2696, 0, 0, 2496, 3009, 2263, 4732];
        Assert.Equal(ratings, Enumerable.Range(1, 10).Select(r => train.Count(x => x.Rating == r)));
        Assert.Equal(12, train.Count(r => r.Text.Contains('\t', StringComparison.Ordinal)));
        Assert.Equal(15, test.Count(r => r.Text.Contains('\t', StringComparison.Ordinal)));
    }
}
