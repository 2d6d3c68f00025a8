using System.Runtime.CompilerServices;
using Verification.Claims.Instances;
using Verification.Convex.Objectives;
using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;
using Sga = Verification.Reference.Optimizers.StochGradAdam.StochGradAdam;

namespace Verification.Claims.StochGradAdam;

/// <summary>
/// A <see cref="SoftmaxRun"/> executed by the reference optimizer (Adam at s = 1, StochGradAdam's masked_adam
/// reading below) on the reference <see cref="MultinomialLogisticRegression"/>, with everything Section 5 names:
/// θ_t, the full-batch gradient g_t, the mask Ω_t, logits z_{t,i}, predictions P_{t,i} and their entropies.
/// Arrays are indexed by the 1-based t; θ, z, P and H run to T + 1 (the prediction after the last step).
/// </summary>
internal sealed class SoftmaxTrace
{
    private static readonly ConditionalWeakTable<SoftmaxRun, SoftmaxTrace?> Traces = [];

    public SoftmaxTrace(SoftmaxRun run)
    {
        Run = run;
        int d = run.Dimension, steps = run.Steps, n = run.Examples;
        Model = new MultinomialLogisticRegression(run.X, run.Features, run.Labels, run.Classes, run.L2);
        IGradientOptimizer optimizer = run.IsAdam
            ? new Adam(new AdamOptions { LearningRate = run.Alpha, Beta1 = run.Beta1, Beta2 = run.Beta2, Epsilon = run.Epsilon, EpsilonPlacement = EpsilonPlacement.Outside })
            : new Sga(new StochGradAdamOptions
            {
                Variant = StochGradAdamVariant.MaskedAdam,
                SamplingRate = run.SamplingRate,
                Seed = run.Seed,
                LearningRate = run.Alpha,
                LearningRateDecay = LearningRateDecay.Constant,
                Beta1 = run.Beta1,
                Beta2 = run.Beta2,
                Epsilon = run.Epsilon,
                EpsilonPlacement = EpsilonPlacement.Outside,
            });
        OptimizerState state = optimizer.Init(d);
        Theta = new double[steps + 2][];
        G = new double[steps + 1][];
        Keep = new bool[steps + 1][];
        Z = new double[steps + 2][][];
        P = new double[steps + 2][][];
        H = new double[steps + 2][];
        MeanH = new double[steps + 2];
        double[] theta = (double[])run.Start.Clone();
        for (int t = 1; t <= steps + 1; t++)
        {
            Theta[t] = (double[])theta.Clone();
            Z[t] = new double[n][];
            P[t] = new double[n][];
            H[t] = new double[n];
            for (int i = 0; i < n; i++)
            {
                Z[t][i] = Logits(theta, i);
                P[t][i] = Softmax(Z[t][i]);
                H[t][i] = Entropy(P[t][i]);
            }

            MeanH[t] = H[t].Average();
            if (t > steps)
            {
                break;
            }

            G[t] = new double[d];
            Model.ValueAndGradient(theta, G[t]);
            Keep[t] = optimizer is Sga sga ? sga.Mask(t, d) : Enumerable.Repeat(true, d).ToArray();
            optimizer.Step(state, theta, G[t]);
        }
    }

    /// <summary>The trace of <paramref name="run"/> (cached per instance), or null when its iterates leave the finite numbers.</summary>
    public static SoftmaxTrace? TryFor(SoftmaxRun run) => Traces.GetValue(run, r =>
    {
        try
        {
            return new SoftmaxTrace(r);
        }
        catch (ArgumentException)
        {
            return null;   // the reference rejects a non-finite gradient: θ overflowed
        }
    });

    /// <summary>The trace of a run that satisfies the finiteness hypothesis.</summary>
    public static SoftmaxTrace For(SoftmaxRun run) =>
        TryFor(run) ?? throw new InvalidOperationException($"The run's iterates overflow, outside the hypotheses: {run}");

    public SoftmaxRun Run { get; }

    public MultinomialLogisticRegression Model { get; }

    public double[][] Theta { get; }

    public double[][] G { get; }

    public bool[][] Keep { get; }

    public double[][][] Z { get; }

    public double[][][] P { get; }

    public double[][] H { get; }

    public double[] MeanH { get; }

    public int T => Run.Steps;

    /// <summary>z_i = W x̃_i by the reference model.</summary>
    public double[] Logits(double[] theta, int i)
    {
        double[] z = new double[Run.Classes];
        Model.Logits(i, theta, z);
        return z;
    }

    /// <summary>(59) p_k = e^{z_k}/Σ_j e^{z_j}, by the reference's max-shifted softmax.</summary>
    public static double[] Softmax(double[] z)
    {
        double[] p = new double[z.Length];
        LogisticMath.Softmax(z, p);
        return p;
    }

    /// <summary>(58) H(P) = −Σ p_i log p_i, with 0·log 0 = 0 (the limit).</summary>
    public static double Entropy(double[] p) => -p.Where(x => x > 0.0).Sum(x => x * Math.Log(x));
}
