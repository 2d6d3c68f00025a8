using System.Globalization;
using Verification.Claims.Catalogue;
using Verification.Claims.Search;
using Verification.Claims.StochGradAdam;

namespace Verification.Claims.Instances;

/// <summary>
/// The hypothesis domain of Section 7.2's backpropagation claims (68)–(69) over <see cref="LayeredNetwork"/>s: chains
/// z^{(l+1)} = θ^{(l)} f(z^{(l)}) with L ∈ [2, <see cref="MaxLayers"/>] layers of widths ≤ 8, any weights, input and
/// target, f ∈ {σ, c·tanh, c·z} with c ∈ (0, 1), and every z^{(l)} and ∇^{(l)} a finite double. Continuous coordinates:
/// the logarithm of each weight matrix's scale, of the input's and of the target's, and logit c. Discrete moves: a
/// layer added at either end, a unit added to a layer, the other activations, c towards 0 and 1, every matrix made a
/// contraction, one matrix rescaled, spikes and the jitter of weights, input and target.
/// </summary>
public sealed class LayeredNetworkDomain : HypothesisDomain<LayeredNetwork>
{
    /// <summary>Deepest chain: checking (68) pushes a tangent per unit through the rest of the chain, O(L²w³).</summary>
    public const int MaxLayers = 40;

    private const int MaxWidth = 8;

    /// <summary>Largest |entry| of a weight, the input or the target.</summary>
    private const double MaxMagnitude = 1e6;

    /// <inheritdoc/>
    public override string Summary =>
        "L ∈ [2, 40], widths ≤ 8; any θ^{(l)}, z^{(1)}, y (entries ≤ 1e6); f ∈ {σ, c·tanh, c·z}, c ∈ (0, 1); every z^{(l)} and ∇^{(l)} finite";

    /// <inheritdoc/>
    public override bool Contains(LayeredNetwork n)
    {
        int layers = n.Layers;
        if (layers is < 2 or > MaxLayers || n.Widths.Any(w => w is < 1 or > MaxWidth) || n.Weights.Length != layers - 1
            || n.Input.Length != n.Widths[0] || n.Target.Length != n.Widths[^1]
            || n.Activation is not (LayeredNetwork.Sigmoid or LayeredNetwork.Tanh or LayeredNetwork.Linear) || n.Slope is not (> 0.0 and < 1.0))
        {
            return false;
        }

        for (int l = 0; l < layers - 1; l++)
        {
            if (n.Weights[l].Length != n.Widths[l] * n.Widths[l + 1] || !n.Weights[l].All(Bounded))
            {
                return false;
            }
        }

        if (!n.Input.All(Bounded) || !n.Target.All(Bounded))
        {
            return false;
        }

        // A chain of expanding layers can overflow; the claims compare finite gradients, so such chains are outside.
        double[][] z = GradientVanishing.Forward(n);
        return z.All(layer => layer.All(double.IsFinite)) && GradientVanishing.Backward(n, z).All(layer => layer.All(double.IsFinite));
    }

    /// <inheritdoc/>
    public override double[] Encode(LayeredNetwork n) => [.. new double[n.Layers - 1], 0.0, 0.0, DomainMoves.Logit(n.Slope)];

    /// <inheritdoc/>
    public override LayeredNetwork Decode(LayeredNetwork template, double[] x)
    {
        int m = template.Layers - 1;
        double inputScale = Math.Exp(Math.Clamp(x[m], -30.0, 30.0)), targetScale = Math.Exp(Math.Clamp(x[m + 1], -30.0, 30.0));
        return template with
        {
            Weights = template.Weights.Select((w, l) => Scale(w, Math.Exp(Math.Clamp(x[l], -30.0, 30.0)))).ToArray(),
            Input = Scale(template.Input, inputScale),
            Target = Scale(template.Target, targetScale),
            Slope = DomainMoves.FromLogitOpen(x[m + 2]),
        };
    }

    /// <inheritdoc/>
    public override IEnumerable<LayeredNetwork> Neighbours(LayeredNetwork n, SearchRandom random)
    {
        int m = n.Layers - 1, l = random.Next(0, m - 1), unit = random.Next(0, n.Layers - 1);
        int k = random.Next(0, n.Weights[l].Length - 1);
        var moves = new List<LayeredNetwork>
        {
            AddLastLayer(n, random),
            AddFirstLayer(n, random),
            AddUnit(n, unit, random),
            n with { Activation = n.Activation == LayeredNetwork.Sigmoid ? LayeredNetwork.Tanh : LayeredNetwork.Sigmoid },
            n with { Activation = n.Activation == LayeredNetwork.Linear ? LayeredNetwork.Tanh : LayeredNetwork.Linear },
            n with { Slope = 1.0 - (1.0 - n.Slope) / 10.0 },
            n with { Slope = n.Slope / 10.0 },
            n with { Weights = n.Weights.Select(w => Scale(w, 1.0 / Math.Max(1.0, Frobenius(w)))).ToArray() },
            n with { Weights = Replace(n.Weights, l, Scale(n.Weights[l], random.Pick(LayerFactors))) },
            n with { Weights = Replace(n.Weights, l, Spike(n.Weights[l], k, random.Pick(SpikeFactors))) },
            n with { Weights = n.Weights.Select(w => DomainMoves.Jitter(w, random, MaxMagnitude)).ToArray() },
            n with { Input = DomainMoves.Jitter(n.Input, random, MaxMagnitude) },
            n with { Target = DomainMoves.Jitter(n.Target, random, MaxMagnitude) },
            n with { Target = new double[n.Target.Length] },
            n with { Input = Spike(n.Input, random.Next(0, n.Input.Length - 1), random.Pick(SpikeFactors)) },
        };
        return DomainMoves.Shuffled(moves, n, random, Contains);
    }

    /// <inheritdoc/>
    public override string Describe(LayeredNetwork n) => string.Create(CultureInfo.InvariantCulture,
        $"L={n.Layers} widths=[{string.Join(",", n.Widths)}] f={n.Activation} c={n.Slope:G4} max‖θ‖_F={n.Weights.Max(Frobenius):G3} min‖θ‖_F={n.Weights.Min(Frobenius):G3} max|z¹|={n.Input.Max(Math.Abs):G3} max|y|={n.Target.Max(Math.Abs):G3}");

    private static readonly double[] LayerFactors = [0.1, 10.0, -1.0];

    private static readonly double[] SpikeFactors = [10.0, 0.0, -1.0];

    private static bool Bounded(double v) => double.IsFinite(v) && Math.Abs(v) <= MaxMagnitude;

    private static double Frobenius(double[] w) => Math.Sqrt(w.Sum(v => v * v));

    private static double[] Scale(double[] values, double factor) => values.Select(v => DomainMoves.Clip(v * factor, MaxMagnitude)).ToArray();

    private static double[] Spike(double[] values, int k, double factor)
    {
        var copy = (double[])values.Clone();
        copy[k] = DomainMoves.Clip((values[k] == 0.0 && factor != 0.0 ? 1.0 : values[k]) * factor, MaxMagnitude);
        return copy;
    }

    private static double[][] Replace(double[][] rows, int l, double[] row)
    {
        var copy = (double[][])rows.Clone();
        copy[l] = row;
        return copy;
    }

    /// <summary>Entries drawn uniformly at the scale of <paramref name="like"/> (its largest |entry|, 1 when it is all zero).</summary>
    private static double[] Draw(int count, double[] like, SearchRandom random)
    {
        double scale = like.Length == 0 ? 1.0 : like.Max(Math.Abs);
        scale = scale == 0.0 ? 1.0 : scale;
        return Enumerable.Range(0, count).Select(_ => DomainMoves.Uniform(random, scale)).ToArray();
    }

    /// <summary>A new output layer after the current one; the target moves to it (drawn at the old target's scale).</summary>
    private static LayeredNetwork AddLastLayer(LayeredNetwork n, SearchRandom random)
    {
        int width = random.Next(1, MaxWidth);
        return n with
        {
            Widths = [.. n.Widths, width],
            Weights = [.. n.Weights, Draw(width * n.Widths[^1], n.Weights[^1], random)],
            Target = Draw(width, n.Target, random),
        };
    }

    /// <summary>A new input layer before the current one; the input moves to it (drawn at the old input's scale).</summary>
    private static LayeredNetwork AddFirstLayer(LayeredNetwork n, SearchRandom random)
    {
        int width = random.Next(1, MaxWidth);
        return n with
        {
            Widths = [width, .. n.Widths],
            Weights = [Draw(n.Widths[0] * width, n.Weights[0], random), .. n.Weights],
            Input = Draw(width, n.Input, random),
        };
    }

    /// <summary>One more unit in layer <paramref name="l"/> (0-based): a row of θ^{(l−1)}, a column of θ^{(l)}, an input or target entry.</summary>
    private static LayeredNetwork AddUnit(LayeredNetwork n, int l, SearchRandom random)
    {
        int[] widths = (int[])n.Widths.Clone();
        widths[l]++;
        double[][] weights = (double[][])n.Weights.Clone();
        if (l > 0)
        {
            weights[l - 1] = [.. n.Weights[l - 1], .. Draw(n.Widths[l - 1], n.Weights[l - 1], random)];
        }

        if (l < n.Layers - 1)
        {
            int columns = n.Widths[l];
            double[] extra = Draw(n.Widths[l + 1], n.Weights[l], random);
            weights[l] = Enumerable.Range(0, n.Widths[l + 1]).SelectMany(r => (double[])[.. n.Weights[l][(r * columns)..((r + 1) * columns)], extra[r]]).ToArray();
        }

        return n with
        {
            Widths = widths,
            Weights = weights,
            Input = l == 0 ? [.. n.Input, .. Draw(1, n.Input, random)] : n.Input,
            Target = l == n.Layers - 1 ? [.. n.Target, .. Draw(1, n.Target, random)] : n.Target,
        };
    }
}
