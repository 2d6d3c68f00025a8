using System.Globalization;
using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;

namespace Verification.Audit.Commands;

/// <summary>
/// The step-size table of every StochGradAdam reading and both AMSGrad conventions on the constant gradient g ≡ 1
/// with s = 1: how far each reading's |Δθ_t|/lr is from Adam's 1.0 (stochgradadam-variants.md, I1–I5).
/// </summary>
internal static class VariantTable
{
    private static readonly int[] Steps = [1, 2, 3, 5, 10, 50, 100, 300, 1000, 10_000];

    public static void Write(TextWriter output)
    {
        output.WriteLine("|Δθ_t|/lr for g ≡ 1, s = 1, lr = 1e-3, β = (0.9, 0.999), each variant's default ε and placement");
        output.WriteLine();
        output.WriteLine("| optimizer | " + string.Join(" | ", Steps.Select(t => $"t={t}")) + " |");
        output.WriteLine("|---|" + string.Concat(Steps.Select(_ => "---|")));
        foreach (StochGradAdamVariant variant in Enum.GetValues<StochGradAdamVariant>())
        {
            var options = new StochGradAdamOptions { Variant = variant, SamplingRate = 1.0, LearningRateDecay = LearningRateDecay.Constant };
            Row(output, $"stochgradadam/{StochGradAdamVariantNames.Of(variant)}", new StochGradAdam(options));
        }

        Row(output, "adam", new Adam());
        Row(output, "amsgrad/reddi", new AmsGrad(new AmsGradOptions { Convention = AmsGradConvention.Reddi }));
        Row(output, "amsgrad/pytorch", new AmsGrad(new AmsGradOptions { Convention = AmsGradConvention.PyTorch }));
    }

    private static void Row(TextWriter output, string name, IGradientOptimizer optimizer)
    {
        OptimizerState state = optimizer.Init(1);
        double[] theta = [0.0];
        var cells = new List<string>();
        for (int t = 1; t <= Steps[^1]; t++)
        {
            double before = theta[0];
            optimizer.Step(state, theta, [1.0]);
            if (Steps.Contains(t))
            {
                cells.Add((Math.Abs(theta[0] - before) / 1e-3).ToString("0.000", CultureInfo.InvariantCulture));
            }
        }

        output.WriteLine($"| {name} | {string.Join(" | ", cells)} |");
    }
}
