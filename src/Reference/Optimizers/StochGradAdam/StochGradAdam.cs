using Verification.Reference.Random;
using Verification.Reference.Threading;

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

    // Coordinates whose mask words one chunk draws at a time: 4 KB of words and 8 KB of select lanes on the stack.
    private const int Slice = 1024;

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
        _maskStream.FillBernoulli((ulong)t, 0, _threshold, keep);   // coordinate j is Philox index j (docs/rng.md §3)
        return keep;
    }

    /// <inheritdoc/>
    public void Step(OptimizerState state, Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        long t = StepInputs.Begin(Name, state, parameters, gradient);
        StochGradAdamOptions o = Options;
        double alpha = o.Schedule.At(t);
        double coupledDecay = o.WeightDecayMode == WeightDecayMode.Coupled ? o.WeightDecay : 0.0;
        double decoupledFactor = o.WeightDecay != 0.0 && o.WeightDecayMode == WeightDecayMode.Decoupled ? 1.0 - alpha * o.WeightDecay : 1.0;

        double beta1Power = state.Scalar(AdamFamily.Beta1Power) * o.Beta1;   // β₁^t
        double beta2Power = state.Scalar(AdamFamily.Beta2Power) * o.Beta2;   // β₂^t
        if (o.Variant == StochGradAdamVariant.MaskedUpdate)
        {
            var lazy = new LazyScalars(alpha, decoupledFactor, coupledDecay);
            double[] m = state.Buffer(AdamFamily.M), v = state.Buffer(AdamFamily.V);
            double[] count = state.Buffer(Count), p1 = state.Buffer(CoordinateBeta1Power), p2 = state.Buffer(CoordinateBeta2Power);
            ElementChunks.For(parameters, gradient, (start, theta, g) => LazyChunk(t, start, theta, g, m, v, count, p1, p2, lazy));
        }
        else
        {
            AdamStepScalars scalars = ScalarsFor(t, state, alpha, beta1Power, beta2Power);
            double[] m = state.Buffer(AdamFamily.M), v = state.Buffer(AdamFamily.V);
            ElementChunks.For(parameters, gradient, (start, theta, g) => DenseChunk(t, start, theta, g, m, v, scalars, coupledDecay, decoupledFactor));
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

    /// <summary>
    /// The dense variants on coordinates <c>start ..</c> of one chunk, a slice at a time: the slice's mask words are drawn
    /// from (seed, t, j) by the chunk itself and turned into select lanes, θ is decayed (decoupled), then the update
    /// runs on φ = Ω ⊙ g̃. Per coordinate this is the same sequence of operations as decaying, masking and updating
    /// the whole vector in turn, so neither the chunking nor the slicing changes a bit.
    /// </summary>
    private void DenseChunk(
        long t, int start, Span<double> theta, ReadOnlySpan<double> gradient, double[] m, double[] v, AdamStepScalars scalars,
        double coupledDecay, double decoupledFactor)
    {
        Span<uint> words = stackalloc uint[Slice];
        Span<long> keep = stackalloc long[Slice];
        for (int a = 0; a < theta.Length; a += Slice)
        {
            int n = Math.Min(Slice, theta.Length - a);
            Span<double> th = theta.Slice(a, n);
            _maskStream.FillUInt32((ulong)t, (ulong)(start + a), words[..n]);
            MaskLanes.FromWords(words[..n], _threshold, keep[..n]);
            if (decoupledFactor != 1.0)
            {
                // Decoupled and coupled decay exclude each other, so g̃ below never sees the decayed θ.
                for (int j = 0; j < n; j++)
                {
                    th[j] *= decoupledFactor;
                }
            }

            AdamElementwise.ApplyMasked(scalars, th, m.AsSpan(start + a, n), v.AsSpan(start + a, n), gradient.Slice(a, n), keep[..n], coupledDecay, Options.Box);
        }
    }

    /// <summary>
    /// The lazy variant on coordinates <c>start ..</c> of one chunk: a kept coordinate advances its own clock and is
    /// updated with bias corrections from it; a dropped one is left as it is.
    /// </summary>
    private void LazyChunk(
        long t, int start, Span<double> theta, ReadOnlySpan<double> gradient, double[] m, double[] v, double[] count, double[] p1, double[] p2,
        LazyScalars s)
    {
        StochGradAdamOptions o = Options;
        Span<uint> words = stackalloc uint[Slice];
        double unusedMax = 0.0;
        for (int a = 0; a < theta.Length; a += Slice)
        {
            int n = Math.Min(Slice, theta.Length - a);
            _maskStream.FillUInt32((ulong)t, (ulong)(start + a), words[..n]);
            for (int i = 0; i < n; i++)
            {
                if (!BernoulliThreshold.Keeps(words[i], _threshold))
                {
                    continue;   // Ω = 0: θ, m, v and the coordinate's clock stay as they are (I10's literal reading).
                }

                int j = start + a + i;
                double g = s.CoupledDecay != 0.0 ? gradient[a + i] + s.CoupledDecay * theta[a + i] : gradient[a + i];   // g̃ = g + wd·θ (the port)
                count[j] += 1.0;
                p1[j] *= o.Beta1;
                p2[j] *= o.Beta2;
                var scalars = new AdamStepScalars(
                    o.Beta1, 1.0 - o.Beta1, o.Beta2, 1.0 - o.Beta2, 1.0 - p1[j], 1.0 - p2[j], s.Alpha, o.ResolvedEpsilon, o.ResolvedEpsilonPlacement, AmsGradMax: false);
                double decayed = theta[a + i] * s.DecoupledFactor;
                theta[a + i] = AdamElementwise.UpdateCoordinate(scalars, decayed, ref m[j], ref v[j], ref unusedMax, g, o.Box);
            }
        }
    }

    /// <summary>The per-step numbers the lazy variant's chunks share.</summary>
    private readonly record struct LazyScalars(double Alpha, double DecoupledFactor, double CoupledDecay);
}
