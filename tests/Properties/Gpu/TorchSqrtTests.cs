using Verification.Gpu.Torch;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Verification.Properties.Gpu;

/// <summary>
/// The corrected square root of the TorchSharp backend (<see cref="TorchSqrt"/>) equals <see cref="Math.Sqrt"/> and
/// <see cref="MathF.Sqrt"/> bit for bit, through both residuals (fused <c>addcmul</c> and Dekker's product), on values
/// over every binade, subnormals, exact squares and their neighbours, zeros, infinity and NaN, while libtorch's own
/// <c>sqrt</c> does not.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TorchSqrtTests(ITestOutputHelper output)
{
    [TorchFact]
    public void Corrected_square_root_equals_Math_Sqrt_through_both_residuals()
    {
        double[] x = Radicands(new Random(5), 100_003);
        Device device = TorchTestEnvironment.Backend.Device;
        using Tensor tx = tensor(x, ScalarType.Float64, device);
        using (Tensor raw = tx.sqrt())
        {
            output.WriteLine($"libtorch's own sqrt: {Differences(x, Download(raw))} of {x.Length} differ from Math.Sqrt");
        }

        foreach (bool fused in TorchTestEnvironment.Backend.FusedSqrtResidual ? new[] { true, false } : [false])
        {
            using Tensor root = TorchSqrt.CorrectlyRounded(tx, fused);
            Assert.True(Differences(x, Download(root)) == 0, $"the corrected sqrt ({(fused ? "fused" : "Dekker")} residual) differs from Math.Sqrt");
        }
    }

    [TorchFact]
    public void Corrected_float_square_root_equals_MathF_Sqrt()
    {
        var random = new Random(6);
        float[] x = Enumerable.Range(0, 100_003).Select(_ => (float)Math.ScaleB(1.0 + random.NextDouble(), random.Next(-149, 128))).ToArray();
        x[0] = 0f;
        x[1] = float.PositiveInfinity;
        x[2] = float.Epsilon;
        using Tensor tx = tensor(x, ScalarType.Float32, TorchTestEnvironment.Backend.Device);
        using Tensor root = TorchSqrt.CorrectlyRounded(tx, TorchTestEnvironment.Backend.FusedSqrtResidual);
        using Tensor host = root.cpu();
        float[] r = host.data<float>().ToArray();
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(MathF.Sqrt(x[i])) == BitConverter.SingleToInt32Bits(r[i]), $"√{x[i]:R}: {r[i]:R} vs {MathF.Sqrt(x[i]):R}");
        }
    }

    /// <summary>Random mantissas over every binade, subnormals, exact squares and their neighbours, ±0, +∞, NaN.</summary>
    private static double[] Radicands(Random random, int length)
    {
        var x = new double[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = (i % 4) switch
            {
                0 => Math.ScaleB(1.0 + random.NextDouble(), random.Next(-1074, 1024)),
                1 => Math.ScaleB(1.0 + random.NextDouble(), random.Next(-60, 60)),
                2 => Square(random) is var sq && random.Next(3) is var k ? (k == 0 ? sq : k == 1 ? Math.BitIncrement(sq) : Math.BitDecrement(sq)) : 0,
                _ => random.NextDouble() * double.Epsilon * (1L << 40),
            };
        }

        double[] special = [0.0, -0.0, double.PositiveInfinity, double.NaN, double.Epsilon, double.MaxValue, 1.0, 2.0, 4.0];
        special.CopyTo(x, 0);
        return x;
    }

    private static double Square(Random random)
    {
        double root = Math.ScaleB(1.0 + Math.Round(random.NextDouble() * (1 << 26)) / (1 << 26), random.Next(-500, 500));
        return root * root;   // exact: the root has 27 significant bits
    }

    private static double[] Download(Tensor t)
    {
        using Tensor host = t.cpu();
        return host.data<double>().ToArray();
    }

    /// <summary>How many roots differ from Math.Sqrt in their bits (any NaN matches any NaN: payloads are not part of the contract).</summary>
    private static int Differences(double[] x, double[] roots) =>
        Enumerable.Range(0, x.Length).Count(i =>
            !(double.IsNaN(roots[i]) && double.IsNaN(x[i])) && BitConverter.DoubleToInt64Bits(Math.Sqrt(x[i])) != BitConverter.DoubleToInt64Bits(roots[i]));
}
