using System.Text.Json.Serialization;
using FsCheck;
using FsCheck.Fluent;
using Verification.Claims.Catalogue;

namespace Verification.Claims.Instances;

/// <summary>
/// A feed-forward chain in the indexing of StochGradAdam eq. (68): z^{(l+1)} = θ^{(l)} f(z^{(l)}) for l = 1..L−1,
/// loss ℓ = ½‖z^{(L)} − y‖², so that ∂ℓ/∂z^{(L)} = z^{(L)} − y. The activation f is the same on every layer and has
/// |f′| ≤ c &lt; 1 everywhere (the hypothesis of (69)).
/// </summary>
/// <param name="Widths">n_1..n_L ≥ 1, L ≥ 2.</param>
/// <param name="Weights">θ^{(l)} for l = 1..L−1, n_{l+1} × n_l row-major.</param>
/// <param name="Input">z^{(1)} (length n_1).</param>
/// <param name="Target">y (length n_L).</param>
/// <param name="Activation"><see cref="Sigmoid"/> (f = σ, f′ ≤ ¼), <see cref="Tanh"/> (f = c·tanh) or <see cref="Linear"/> (f = c·z).</param>
/// <param name="Slope">c ∈ (0, 1) of the scaled tanh and linear activations (ignored by the sigmoid).</param>
public sealed record LayeredNetwork(int[] Widths, double[][] Weights, double[] Input, double[] Target, string Activation, double Slope)
{
    /// <summary>The logistic sigmoid.</summary>
    public const string Sigmoid = "sigmoid";

    /// <summary>c·tanh(z).</summary>
    public const string Tanh = "tanh";

    /// <summary>c·z.</summary>
    public const string Linear = "linear";

    /// <summary>L.</summary>
    [JsonIgnore]
    public int Layers => Widths.Length;

    /// <summary>f(z).</summary>
    public double F(double z) => Activation switch
    {
        Sigmoid => z >= 0 ? 1.0 / (1.0 + Math.Exp(-z)) : Math.Exp(z) / (1.0 + Math.Exp(z)),
        Tanh => Slope * Math.Tanh(z),
        _ => Slope * z,
    };

    /// <summary>f′(z).</summary>
    public double FPrime(double z)
    {
        switch (Activation)
        {
            case Sigmoid:
                double s = F(z);
                return s * (1 - s);
            case Tanh:
                double c = 1.0 / Math.Cosh(z);
                return Slope * c * c;
            default:
                return Slope;
        }
    }

    /// <summary>‖θ^{(l)}‖_F (1-based l).</summary>
    public double Frobenius(int l) => Math.Sqrt(Weights[l - 1].Sum(w => w * w));

    /// <inheritdoc/>
    public override string ToString() =>
        $"widths=[{string.Join(", ", Widths)}] f={Activation} c={Slope} z1=[{string.Join(", ", Input)}] y=[{string.Join(", ", Target)}] " +
        $"θ=[{string.Join("; ", Weights.Select(w => string.Join(", ", w)))}]";
}

/// <summary>
/// Families of <see cref="LayeredNetwork"/>: unit weights, contractive weights (‖θ^{(l)}‖_F ≤ 1), expanding weights,
/// activations saturated (inputs 1e6) and linearised (inputs 1e-6), deep chains, scalar chains (every width 1) and
/// slopes near 0 and 1; with a shrinker that drops layers and units and rounds entries, keeping L ≥ 2, widths ≥ 1 and
/// c ∈ (0, 1).
/// </summary>
public static class LayeredNetworkFamilies
{
    /// <summary>All families, <paramref name="trials"/> gate trials each, each carrying the <see cref="LayeredNetworkDomain"/>.</summary>
    public static IReadOnlyList<InstanceFamily<LayeredNetwork>> All(int trials = 60) =>
    new InstanceFamily<LayeredNetwork>[]
    {
        Family("unit", "L ∈ [2, 8], widths ∈ [1, 5], θ, z¹, y ∈ [−1, 1]", Gen.Choose(2, 8), Gen.Choose(1, 5), Weights(1.0, contractive: false), 1.0, Slopes(), trials),
        Family("contractive", "‖θ^{(l)}‖_F ≤ 1 for every l", Gen.Choose(2, 8), Gen.Choose(1, 5), Weights(1.0, contractive: true), 1.0, Slopes(), trials),
        Family("expanding", "θ ∈ [−10, 10]: ‖θ^{(l)}‖ ≫ 1/β", Gen.Choose(2, 6), Gen.Choose(1, 5), Weights(10.0, contractive: false), 1.0, Slopes(), trials),
        Family("tiny-scale", "z¹, y ∈ [−1e-6, 1e-6]: activations in their linear range", Gen.Choose(2, 8), Gen.Choose(1, 5), Weights(1.0, contractive: false), 1e-6, Slopes(), trials),
        Family("huge-scale", "z¹, y ∈ [−1e6, 1e6]: saturated activations (f′ underflows to 0)", Gen.Choose(2, 8), Gen.Choose(1, 5), Weights(1.0, contractive: false), 1e6, Slopes(), trials),
        Family("deep", "L ∈ [20, 40], contractive weights", Gen.Choose(20, 40), Gen.Choose(1, 4), Weights(1.0, contractive: true), 1.0, Slopes(), Math.Max(1, trials / 4)),
        Family("scalar-chain", "every width 1 (the tight case of (69))", Gen.Choose(2, 12), Gen.Constant(1), Weights(1.0, contractive: false), 1.0, Slopes(), trials),
        Family("slope-extremes", "c ∈ {1e-6, 0.5, 1 − 1e-6}", Gen.Choose(2, 8), Gen.Choose(1, 5), Weights(1.0, contractive: false), 1.0, Gen.Elements(1e-6, 0.5, 1 - 1e-6), trials),
    }.Select(f => f with { Domain = Domain }).ToList();

    private static readonly LayeredNetworkDomain Domain = new();

    private static Gen<double> Unit() => Gen.Choose(-1000, 1000).Select(k => k / 1000.0);

    private static Gen<double> Slopes() => Gen.Frequency((1, Gen.Constant(0.5)), (3, Gen.Choose(1, 999).Select(k => k / 1000.0)));

    /// <summary>A matrix generator for given shape: entries scale·[−1, 1], or divided by its Frobenius norm times u ∈ (0, 1].</summary>
    private static Func<int, int, Gen<double[]>> Weights(double scale, bool contractive) => (rows, columns) =>
        from w in Unit().Select(x => x * scale).ArrayOf(rows * columns)
        from u in Gen.Choose(1, 1000).Select(k => k / 1000.0)
        select contractive ? Contract(w, u) : w;

    private static double[] Contract(double[] w, double u)
    {
        double norm = Math.Sqrt(w.Sum(x => x * x));
        return norm <= u ? w : w.Select(x => x / norm * u).ToArray();
    }

    private static InstanceFamily<LayeredNetwork> Family(
        string name, string description, Gen<int> layers, Gen<int> width, Func<int, int, Gen<double[]>> weights, double inputScale, Gen<double> slope, int trials)
    {
        Gen<LayeredNetwork> generator =
            from l in layers
            from widths in width.ArrayOf(l)
            from matrices in Gen.CollectToArray(Enumerable.Range(0, l - 1).Select(k => weights(widths[k + 1], widths[k])))
            from input in Unit().Select(x => x * inputScale).ArrayOf(widths[0])
            from target in Unit().Select(x => x * inputScale).ArrayOf(widths[l - 1])
            from activation in Gen.Elements(LayeredNetwork.Sigmoid, LayeredNetwork.Tanh, LayeredNetwork.Linear)
            from c in slope
            select new LayeredNetwork(widths, matrices, input, target, activation, c);
        return new InstanceFamily<LayeredNetwork>(name, description, generator, Shrink, trials);
    }

    /// <summary>Simpler networks: a layer fewer, a unit fewer, the linear activation, c = ½, rounder or zero entries.</summary>
    public static IEnumerable<LayeredNetwork> Shrink(LayeredNetwork n)
    {
        int layers = n.Layers;
        if (layers > 2)
        {
            yield return n with { Widths = n.Widths[..^1], Weights = n.Weights[..^1], Target = new double[n.Widths[^2]] };
            yield return n with { Widths = n.Widths[1..], Weights = n.Weights[1..], Input = new double[n.Widths[1]] };
        }

        for (int l = 0; l < layers; l++)
        {
            for (int j = 0; n.Widths[l] > 1 && j < n.Widths[l]; j++)
            {
                yield return WithoutUnit(n, l, j);
            }
        }

        if (n.Activation != LayeredNetwork.Linear)
        {
            yield return n with { Activation = LayeredNetwork.Linear };
        }

        if (n.Slope != 0.5)
        {
            yield return n with { Slope = 0.5 };
        }

        double slope = Shrinking.RoundToOneDigit(n.Slope);
        if (slope != n.Slope && slope > 0.0 && slope < 1.0)
        {
            yield return n with { Slope = slope };
        }

        for (int l = 0; l < n.Weights.Length; l++)
        {
            foreach (double[] w in Shrinking.SimplerEntries(n.Weights[l]))
            {
                double[][] weights = (double[][])n.Weights.Clone();
                weights[l] = w;
                yield return n with { Weights = weights };
            }
        }

        foreach (double[] input in Shrinking.SimplerEntries(n.Input))
        {
            yield return n with { Input = input };
        }

        foreach (double[] target in Shrinking.SimplerEntries(n.Target))
        {
            yield return n with { Target = target };
        }
    }

    /// <summary>Removes unit j of layer l (0-based): its row of θ^{(l−1)}, its column of θ^{(l)}, its input or target entry.</summary>
    private static LayeredNetwork WithoutUnit(LayeredNetwork n, int l, int j)
    {
        int[] widths = (int[])n.Widths.Clone();
        widths[l]--;
        double[][] weights = (double[][])n.Weights.Clone();
        if (l > 0)
        {
            // θ^{(l−1)} maps layer l−1 into layer l: n_l rows of n_{l−1} entries.
            int columns = n.Widths[l - 1];
            weights[l - 1] = weights[l - 1].Where((_, k) => k / columns != j).ToArray();
        }

        if (l < n.Layers - 1)
        {
            int columns = n.Widths[l];
            weights[l] = weights[l].Where((_, k) => k % columns != j).ToArray();
        }

        return n with
        {
            Widths = widths,
            Weights = weights,
            Input = l == 0 ? n.Input.Where((_, k) => k != j).ToArray() : n.Input,
            Target = l == n.Layers - 1 ? n.Target.Where((_, k) => k != j).ToArray() : n.Target,
        };
    }
}
