using System.Buffers;
using Verification.Reference.Random;

namespace Verification.Reference.Optimizers.StochGradAdam;

/// <summary>
/// StochGradAdam (stochgradadam-paper.txt, Algorithm 1): Adam fed φ_t = Ω_t ⊙ g_t, where Ω_t ∈ {0,1}^d has i.i.d.
/// Bernoulli(s) entries. Which Adam is fed is the <see cref="StochGradAdamOptions.Variant"/>; see
/// docs/algorithms.md for each variant's equations.
/// </summary>
/// <remarks>
/// Ω_{t,j} = [w &lt; ⌊s·2^32⌋] for the 32-bit Philox draw w of (seed, <see cref="RandomStream.GradientMask"/>, t, j)
/// (docs/rng.md), so the mask is a pure function of (seed, t, j): identical on any thread count or device, and a
/// restored state continues with the masks an uninterrupted run would have drawn.
/// </remarks>
public sealed class StochGradAdam : IGradientOptimizer
{
    /// <summary>Per-coordinate update counts of <see cref="StochGradAdamVariant.MaskedUpdate"/>.</summary>
    public const string Count = "count";

    /// <summary>Per-coordinate β₁^(count) of <see cref="StochGradAdamVariant.MaskedUpdate"/>.</summary>
    public const string CoordinateBeta1Power = "beta1_pow_j";

    /// <summary>Per-coordinate β₂^(count) of <see cref="StochGradAdamVariant.MaskedUpdate"/>.</summary>
    public const string CoordinateBeta2Power = "beta2_pow_j";

    private readonly PhiloxStream _maskStream;
    private readonly ulong _threshold;

    /// <summary>Creates the optimizer with validated options.</summary>
    public StochGradAdam(StochGradAdamOptions? options = null)
    {
        Options = options ?? new StochGradAdamOptions();
        Options.Validate();
        _maskStream = new PhiloxStream(Options.Seed, RandomStream.GradientMask);
        _threshold = BernoulliThreshold.For(Options.SamplingRate);
    }

    /// <summary>The hyperparameters.</summary>
    public StochGradAdamOptions Options { get; }

    /// <inheritdoc/>
    public string Name => "stochgradadam/" + StochGradAdamVariantNames.Of(Options.Variant);

    /// <inheritdoc/>
    public OptimizerState Init(int dimension)
    {
        if (Options.Variant != StochGradAdamVariant.MaskedUpdate)
        {
            return AdamFamily.Init(Name, dimension, amsGrad: false);
        }

        OptimizerState state = AdamFamily.Init(Name, dimension, amsGrad: false, Count, CoordinateBeta1Power, CoordinateBeta2Power);
        state.Buffer(CoordinateBeta1Power).AsSpan().Fill(1.0);
        state.Buffer(CoordinateBeta2Power).AsSpan().Fill(1.0);
        return state;
    }

    /// <summary>The mask Ω_t for the 1-based step <paramref name="t"/> over <paramref name="dimension"/> coordinates.</summary>
    public bool[] Mask(long t, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1L);
        var keep = new bool[dimension];
        for (int block = 0; block * 4 < dimension; block++)
        {
            Philox4x32.Block words = _maskStream.Block((ulong)t, (ulong)block);   // coordinates 4b .. 4b+3 (docs/rng.md §3)
            for (int w = 0; w < 4 && block * 4 + w < dimension; w++)
            {
                keep[block * 4 + w] = BernoulliThreshold.Keeps(words[w], _threshold);
            }
        }

        return keep;
    }

    /// <inheritdoc/>
    public void Step(OptimizerState state, Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        long t = StepInputs.Begin(Name, state, parameters, gradient);
        StochGradAdamOptions o = Options;
        double alpha = o.Schedule.At(t);
        ReadOnlySpan<double> g = o.WeightDecay != 0.0 && o.WeightDecayMode == WeightDecayMode.Coupled
            ? CoupledDecay(gradient, parameters, o.WeightDecay)
            : gradient;
        double decoupledFactor = o.WeightDecay != 0.0 && o.WeightDecayMode == WeightDecayMode.Decoupled ? 1.0 - alpha * o.WeightDecay : 1.0;

        double beta1Power = state.Scalar(AdamFamily.Beta1Power) * o.Beta1;   // β₁^t
        double beta2Power = state.Scalar(AdamFamily.Beta2Power) * o.Beta2;   // β₂^t
        if (o.Variant == StochGradAdamVariant.MaskedUpdate)
        {
            LazyStep(state, parameters, g, Mask(t, parameters.Length), alpha, decoupledFactor);
        }
        else
        {
            if (decoupledFactor != 1.0)
            {
                for (int j = 0; j < parameters.Length; j++)
                {
                    parameters[j] *= decoupledFactor;
                }
            }

            AdamStepScalars scalars = ScalarsFor(t, state, alpha, beta1Power, beta2Power);
            double[] phi = ArrayPool<double>.Shared.Rent(parameters.Length);
            try
            {
                // φ_t = Ω_t ⊙ g_t as a select, then the unmasked (vectorised) Adam-family loop on φ: the same bits as
                // applying the mask inside the loop.
                SelectKept(t, g, phi.AsSpan(0, parameters.Length));

                AdamElementwise.Apply(
                    scalars, parameters, state.Buffer(AdamFamily.M), state.Buffer(AdamFamily.V), default, phi.AsSpan(0, parameters.Length), default, o.Box);
            }
            finally
            {
                ArrayPool<double>.Shared.Return(phi);
            }
        }

        AdamFamily.EndStep(state, beta1Power, beta2Power, o.Beta1Decay);
    }

    /// <summary>
    /// The step scalars of every dense variant at step t (stochgradadam-variants.md §3 table). Only the exponents
    /// differ: β^t coefficients (I1, I2), 1 − β^(t+1) corrections (I3), the 0-based counter (I5).
    /// </summary>
    public AdamStepScalars ScalarsFor(long t, OptimizerState state, double alpha, double beta1Power, double beta2Power)
    {
        ArgumentNullException.ThrowIfNull(state);
        StochGradAdamOptions o = Options;
        double beta1PowerBefore = state.Scalar(AdamFamily.Beta1Power);       // β₁^(t−1)
        double beta2PowerBefore = state.Scalar(AdamFamily.Beta2Power);
        double beta1Scheduled = o.Beta1 * state.Scalar(AdamFamily.LambdaPower); // β₁λ^(t−1)
        (double b1, double b2, double bc1, double bc2) = o.Variant switch
        {
            // Alg. 1 lines 7–10: m_t = β₁^t m + (1 − β₁^t)φ, v likewise; m/(1 − β₁^(t+1)), v/(1 − β₂^(t+1)).
            StochGradAdamVariant.PaperAlg1 => (beta1Power, beta2Power, 1.0 - beta1Power * o.Beta1, 1.0 - beta2Power * o.Beta2),

            // Alg. 1 with τ = t − 1 in all four exponents: β^(t−1) coefficients, 1 − β^t corrections.
            StochGradAdamVariant.PaperAlg1Tf => (beta1PowerBefore, beta2PowerBefore, 1.0 - beta1Power, 1.0 - beta2Power),

            // Eqs (5)–(8): β^t coefficients, 1 − β^t corrections.
            StochGradAdamVariant.PaperEqs => (beta1Power, beta2Power, 1.0 - beta1Power, 1.0 - beta2Power),

            // The port: β₁λ^(t−1), constant β₂, corrections 1 − β^(t+1).
            StochGradAdamVariant.CodePort => (beta1Scheduled, o.Beta2, 1.0 - beta1Power * o.Beta1, 1.0 - beta2Power * o.Beta2),

            // Section 4 (eq. 49) and standard Adam: β₁λ^(t−1), constant β₂, corrections 1 − β^t.
            StochGradAdamVariant.Theorem or StochGradAdamVariant.MaskedAdam =>
                (beta1Scheduled, o.Beta2, 1.0 - beta1Power, 1.0 - beta2Power),

            _ => throw new InvalidOperationException($"{StochGradAdamVariantNames.Of(o.Variant)} has per-coordinate scalars."),
        };
        return new AdamStepScalars(b1, 1.0 - b1, b2, 1.0 - b2, bc1, bc2, alpha, o.ResolvedEpsilon, o.ResolvedEpsilonPlacement, AmsGradMax: false);
    }

    /// <summary>φ_{t,j} = g_j where Ω_{t,j} = 1, else +0, one Philox block per four coordinates.</summary>
    private void SelectKept(long t, ReadOnlySpan<double> g, Span<double> phi)
    {
        for (int block = 0; block * 4 < g.Length; block++)
        {
            Philox4x32.Block words = _maskStream.Block((ulong)t, (ulong)block);
            int j = block * 4;
            phi[j] = BernoulliThreshold.Keeps(words.W0, _threshold) ? g[j] : 0.0;
            if (j + 1 < g.Length)
            {
                phi[j + 1] = BernoulliThreshold.Keeps(words.W1, _threshold) ? g[j + 1] : 0.0;
            }

            if (j + 2 < g.Length)
            {
                phi[j + 2] = BernoulliThreshold.Keeps(words.W2, _threshold) ? g[j + 2] : 0.0;
            }

            if (j + 3 < g.Length)
            {
                phi[j + 3] = BernoulliThreshold.Keeps(words.W3, _threshold) ? g[j + 3] : 0.0;
            }
        }
    }

    private void LazyStep(OptimizerState state, Span<double> parameters, ReadOnlySpan<double> g, bool[] keep, double alpha, double decoupledFactor)
    {
        StochGradAdamOptions o = Options;
        double[] m = state.Buffer(AdamFamily.M), v = state.Buffer(AdamFamily.V);
        double[] count = state.Buffer(Count), p1 = state.Buffer(CoordinateBeta1Power), p2 = state.Buffer(CoordinateBeta2Power);
        double unusedMax = 0.0;
        for (int j = 0; j < parameters.Length; j++)
        {
            if (!keep[j])
            {
                continue;   // Ω = 0: θ, m, v and the coordinate's clock stay as they are (I10's literal reading).
            }

            count[j] += 1.0;
            p1[j] *= o.Beta1;
            p2[j] *= o.Beta2;
            var scalars = new AdamStepScalars(
                o.Beta1, 1.0 - o.Beta1, o.Beta2, 1.0 - o.Beta2, 1.0 - p1[j], 1.0 - p2[j], alpha, o.ResolvedEpsilon, o.ResolvedEpsilonPlacement, AmsGradMax: false);
            double theta = parameters[j] * decoupledFactor;
            parameters[j] = AdamElementwise.UpdateCoordinate(scalars, theta, ref m[j], ref v[j], ref unusedMax, g[j], o.Box);
        }
    }

    private static double[] CoupledDecay(ReadOnlySpan<double> gradient, ReadOnlySpan<double> parameters, double weightDecay)
    {
        var decayed = new double[gradient.Length];
        for (int j = 0; j < decayed.Length; j++)
        {
            decayed[j] = gradient[j] + weightDecay * parameters[j];   // g̃ = g + wd·θ, masked afterwards (the port)
        }

        return decayed;
    }
}
