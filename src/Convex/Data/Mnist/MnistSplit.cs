namespace Verification.Convex.Data.Mnist;

/// <summary>The two official MNIST splits.</summary>
public enum MnistSplit
{
    /// <summary>60,000 training images (train-*-idx*-ubyte).</summary>
    Train,

    /// <summary>10,000 test images (t10k-*-idx*-ubyte).</summary>
    Test,
}
