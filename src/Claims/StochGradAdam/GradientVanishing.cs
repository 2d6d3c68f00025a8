using Verification.Claims.Catalogue;
using Verification.Claims.Instances;

namespace Verification.Claims.StochGradAdam;

/// <summary>
/// StochGradAdam Section 7.2.1–7.2.2, eqs. (68) and (69): the backpropagation recursion and the vanishing-gradient
/// bound |∇^{(1)}| ≤ β^L|∇^{(L)}|. ∇^{(l)} is read as δ^{(l)} = ∂ℓ/∂z^{(l)}, the only quantity (68) is true of: the
/// bullets call it the gradient with respect to the weights θ^{(l)}, which is the matrix δ^{(l+1)} f(z^{(l)})ᵀ and has
/// no such recursion. (68) is checked against forward-mode derivatives, computed without the recursion.
/// </summary>
internal sealed class GradientVanishing : IClaimSource
{
    private const string Paper = "StochGradAdam";

    private static readonly string[] Hypotheses =
    [
        "z^{(l+1)} = θ^{(l)} f(z^{(l)}), l = 1..L−1; ℓ = ½‖z^{(L)} − y‖²; ∇^{(l)} := ∂ℓ/∂z^{(l)}; |·| = ‖·‖₂",
        "f ∈ {σ, c·tanh, c·z}, c ∈ (0, 1); β = max_{l ≤ L, j} |f′(z^{(l)}_j)| (the tightest β with |f′(z^{(l)})| ≤ β on every layer; < 1)",
    ];

    private static readonly (string, Func<LayeredNetwork, bool>) Contractive =
        ("‖θ^{(l)}‖_F ≤ 1 for every l (so every weight matrix is a contraction)", n => Enumerable.Range(1, n.Layers - 1).All(l => n.Frobenius(l) <= 1.0));

    public IEnumerable<IClaim> Claims
    {
        get
        {
            IReadOnlyList<InstanceFamily<LayeredNetwork>> families = LayeredNetworkFamilies.All();

            // (68) against an independent derivative.
            yield return new ExpressionClaim<LayeredNetwork>(
                new ClaimInfo(
                    "SGA-7.2-eq68-backprop-recursion",
                    Paper,
                    "Section 7.2.1, eq. (68), ∇^{(l)} read as ∂ℓ/∂z^{(l)} with z^{(l+1)} = θ^{(l)} f(z^{(l)}) (the indexing under which (68)'s θ^{(l)} is right)",
                    "(θ^{(l)})ᵀ∇^{(l+1)} ∘ f′(z^{(l)}) = ∂ℓ/∂z^{(l)}_j by forward-mode differentiation (tangent e_j pushed from layer l to L), every l < L and j (worst shown; both sides divided by the forward pass's Σ|terms|)",
                    Hypotheses,
                    Relation.Equal),
                families,
                n => EntropyReduction.Worst(RecursionTerms(n)),
                slack: RoundingSlack.Scaled);

            // (69) as printed, under the condition that would be needed, with the exponent the recursion gives, and corrected.
            yield return Claim(
                "SGA-7.2-eq69-as-printed", "Section 7.2.2, eq. (69) as printed (hypothesis: |f′| ≤ β < 1 only)",
                "‖∇^{(1)}‖₂ ≤ β^L ‖∇^{(L)}‖₂", families,
                n => Bound(n, power: n.Layers, withWeights: false));
            yield return Claim(
                "SGA-7.2-eq69-contractive-weights", "Section 7.2.2, eq. (69) as printed, for contraction weights (the weights are not mentioned by the paper)",
                "‖∇^{(1)}‖₂ ≤ β^L ‖∇^{(L)}‖₂", families,
                n => Bound(n, power: n.Layers, withWeights: false), Contractive);
            yield return Claim(
                "SGA-7.2-eq69-exponent-L-minus-1", "Section 7.2.2, eq. (69) with the L − 1 factors the recursion (68) applies between layers L and 1",
                "‖∇^{(1)}‖₂ ≤ β^{L−1} ‖∇^{(L)}‖₂", families,
                n => Bound(n, power: n.Layers - 1, withWeights: false), Contractive);
            yield return Claim(
                "SGA-7.2-eq69-corrected", "Section 7.2.2, eq. (69) — corrected: the weights' norms enter, one factor per application of (68)",
                "corrected: ‖∇^{(1)}‖₂ ≤ Π_{l=1}^{L−1} (β‖θ^{(l)}‖_F) ‖∇^{(L)}‖₂", families,
                n => Bound(n, power: n.Layers - 1, withWeights: true));
        }
    }

    /// <summary>The forward pass: z^{(l)} for l = 1..L (index l − 1).</summary>
    internal static double[][] Forward(LayeredNetwork n)
    {
        double[][] z = new double[n.Layers][];
        z[0] = n.Input;
        for (int l = 1; l < n.Layers; l++)
        {
            z[l] = Multiply(n.Weights[l - 1], n.Widths[l], z[l - 1].Select(n.F).ToArray());
        }

        return z;
    }

    /// <summary>δ^{(l)} = ∂ℓ/∂z^{(l)} for l = 1..L by (68): δ^{(L)} = z^{(L)} − y, δ^{(l)} = θ^{(l)ᵀ}δ^{(l+1)} ∘ f′(z^{(l)}).</summary>
    internal static double[][] Backward(LayeredNetwork n, double[][] z)
    {
        int layers = n.Layers;
        double[][] delta = new double[layers][];
        delta[layers - 1] = z[layers - 1].Zip(n.Target, (a, b) => a - b).ToArray();
        for (int l = layers - 2; l >= 0; l--)
        {
            double[] back = MultiplyTransposed(n.Weights[l], n.Widths[l + 1], delta[l + 1]);
            delta[l] = back.Select((b, j) => b * n.FPrime(z[l][j])).ToArray();   // (68)
        }

        return delta;
    }

    /// <summary>(δ^{(l)}_j by (68), ∂ℓ/∂z^{(l)}_j by forward mode, Σ|terms| of the forward-mode sum) for l &lt; L.</summary>
    internal static IEnumerable<(double, double, double)> RecursionTerms(LayeredNetwork n)
    {
        double[][] z = Forward(n);
        double[][] delta = Backward(n, z);
        double[] top = delta[n.Layers - 1];
        for (int l = 0; l < n.Layers - 1; l++)
        {
            for (int j = 0; j < n.Widths[l]; j++)
            {
                // Push the tangent e_j forward, and its absolute-value twin for the size of what was summed.
                double[] u = new double[n.Widths[l]], size = new double[n.Widths[l]];
                u[j] = 1.0;
                size[j] = 1.0;
                for (int m = l; m < n.Layers - 1; m++)
                {
                    double[] scaled = u.Select((x, k) => n.FPrime(z[m][k]) * x).ToArray();
                    double[] scaledSize = size.Select((x, k) => Math.Abs(n.FPrime(z[m][k])) * x).ToArray();
                    u = Multiply(n.Weights[m], n.Widths[m + 1], scaled);
                    size = Multiply(n.Weights[m].Select(Math.Abs).ToArray(), n.Widths[m + 1], scaledSize);
                }

                double forward = 0.0, scale = 0.0;
                for (int k = 0; k < top.Length; k++)
                {
                    forward += top[k] * u[k];
                    scale += Math.Abs(top[k]) * size[k];
                }

                yield return (delta[l][j], forward, scale);
            }
        }
    }

    /// <summary>β = max over every layer and unit of |f′(z^{(l)}_j)|.</summary>
    internal static double Beta(LayeredNetwork n, double[][] z) => z.SelectMany(layer => layer).Select(x => Math.Abs(n.FPrime(x))).DefaultIfEmpty(0.0).Max();

    private static Sides Bound(LayeredNetwork n, int power, bool withWeights)
    {
        double[][] z = Forward(n);
        double[][] delta = Backward(n, z);
        double beta = Beta(n, z);
        double factor = Math.Pow(beta, power);
        if (withWeights)
        {
            for (int l = 1; l < n.Layers; l++)
            {
                factor *= n.Frobenius(l);
            }
        }

        return new Sides(Norm(delta[0]), factor * Norm(delta[n.Layers - 1]));
    }

    /// <summary>A·x for A with <paramref name="rows"/> rows, row-major.</summary>
    private static double[] Multiply(double[] a, int rows, double[] x)
    {
        int columns = x.Length;
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                y[r] += a[r * columns + c] * x[c];
            }
        }

        return y;
    }

    /// <summary>Aᵀ·x for A with <paramref name="rows"/> rows, row-major.</summary>
    private static double[] MultiplyTransposed(double[] a, int rows, double[] x)
    {
        int columns = a.Length / rows;
        double[] y = new double[columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                y[c] += a[r * columns + c] * x[r];
            }
        }

        return y;
    }

    private static double Norm(double[] x) => Math.Sqrt(x.Sum(v => v * v));

    private static ExpressionClaim<LayeredNetwork> Claim(
        string id, string location, string statement, IReadOnlyList<InstanceFamily<LayeredNetwork>> families, Func<LayeredNetwork, Sides> evaluate,
        (string, Func<LayeredNetwork, bool>)? condition = null) =>
        new(new ClaimInfo(id, Paper, location, statement, Hypotheses), families, evaluate, condition);
}
