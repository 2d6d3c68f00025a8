using Verification.Reference.Problems;

namespace Verification.Audit.Experiments.Support;

/// <summary>
/// f'_i = c_i f_i: a finite sum with per-example multipliers. DASGrad on f' with weights 1/(n p_i) feeds
/// (1/B) Σ c_i ∇f_i / (n p_i); with c_i = n a_i that is the importance weight a_i / p_i of a target mass a_i (DASGrad
/// §6 sample-selection bias), and the adaptive p ∝ ‖∇f'_i‖ is the variance-optimal sampler for the re-weighted risk.
/// </summary>
internal sealed class WeightedFiniteSum(IFiniteSumObjective inner, double[] multipliers) : IFiniteSumObjective
{
    public int ExampleCount => inner.ExampleCount;

    public int Dimension => inner.Dimension;

    public double ExampleLoss(int example, ReadOnlySpan<double> theta) => multipliers[example] * inner.ExampleLoss(example, theta);

    public void ExampleGradient(int example, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        inner.ExampleGradient(example, theta, gradient);
        double c = multipliers[example];
        for (int j = 0; j < gradient.Length; j++)
        {
            gradient[j] *= c;
        }
    }

    public double ExampleGradientNorm(int example, ReadOnlySpan<double> theta) => multipliers[example] * inner.ExampleGradientNorm(example, theta);
}
