using Verification.Reference.Optimizers;
using Verification.Reference.Problems;
using Verification.Reference.Random;

namespace Verification.Reference.Sampling;

/// <summary>
/// Draws mini-batches from p_t through a <see cref="SumTree"/> and forms the importance-weighted gradient
/// ĝ_t = (1/B) Σ_b ∇f_{i_b}(θ_t)/(n p_{t,i_b}) (DASGrad reconstruction §1 and Algorithm 2). Holds only options; the
/// tree, the scores and the pending seen-only scores live in the optimizer state.
/// </summary>
/// <remarks>
/// Draw b of step t uses the uniform double of (seed, <see cref="RandomStream.ExampleSampling"/>, t, b) and descends
/// the tree with target u·Total (docs/rng.md). With p_i = leaf_i/Total the weight is computed as
/// w_i = Total/(n·leaf_i), one rounding instead of two; for uniform leaves of 1 this is n/n = 1 exactly.
/// </remarks>
public sealed class ImportanceSampler
{
    /// <summary>Raw scores ‖∇f_i‖ from the last refresh (length n).</summary>
    public const string Scores = "scores";

    /// <summary>Seen-only refresh: the norm measured when example i was last sampled, or −1 (length n).</summary>
    public const string Pending = "pending_scores";

    /// <summary>The sum-tree node array (length 2C).</summary>
    public const string Tree = "tree";

    private readonly PhiloxStream _stream;

    /// <summary>Creates a sampler for a problem of <paramref name="exampleCount"/> examples.</summary>
    public ImportanceSampler(ImportanceSamplerOptions options, int exampleCount)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(exampleCount);
        Options = options;
        ExampleCount = exampleCount;
        _stream = new PhiloxStream(options.Seed, RandomStream.ExampleSampling);
    }

    /// <summary>The options.</summary>
    public ImportanceSamplerOptions Options { get; }

    /// <summary>n.</summary>
    public int ExampleCount { get; }

    /// <summary>The buffers the sampler keeps in a state, with their lengths.</summary>
    public IEnumerable<KeyValuePair<string, int>> StateBuffers()
    {
        yield return new(Scores, ExampleCount);
        yield return new(Pending, ExampleCount);
        yield return new(Tree, SumTree.NodeArrayLength(ExampleCount));
    }

    /// <summary>Sets up the sampler's buffers in a fresh state (fixed and uniform trees are built once here).</summary>
    public void Initialize(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Buffer(Pending).AsSpan().Fill(-1.0);
        SumTree tree = TreeOf(state);
        switch (Options.Source)
        {
            case ProbabilitySource.Uniform:
                var ones = new double[ExampleCount];
                ones.AsSpan().Fill(1.0);
                tree.Build(ones);
                break;
            case ProbabilitySource.Fixed:
                tree.Build(Options.FixedProbabilities!.ToArray());
                break;
        }
    }

    /// <summary>The tree stored in <paramref name="state"/>.</summary>
    public SumTree TreeOf(OptimizerState state) => SumTree.Over(state.Buffer(Tree), ExampleCount);

    /// <summary>p_{t,i} = leaf_i / Total under the current tree.</summary>
    public double Probability(OptimizerState state, int i)
    {
        SumTree tree = TreeOf(state);
        return tree.Leaf(i) / tree.Total;
    }

    /// <summary>w_i = 1/(n p_i), computed as Total/(n·leaf_i).</summary>
    public double Weight(OptimizerState state, int i)
    {
        SumTree tree = TreeOf(state);
        return tree.Total / (ExampleCount * tree.Leaf(i));
    }

    /// <summary>
    /// Runs step t's sampling: refreshes the probabilities when (t − 1) mod k = 0, draws B indices, and returns the
    /// weighted gradient at θ_t. Does not touch θ or the update rule's buffers.
    /// </summary>
    public SampledBatch Sample(OptimizerState state, long t, ReadOnlySpan<double> theta, IFiniteSumObjective problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        int normEvaluations = 0;
        bool refresh = Options.Source == ProbabilitySource.Adaptive && (t - 1) % Options.RefreshPeriod == 0;
        if (refresh)
        {
            normEvaluations = Refresh(state, t, theta, problem);
        }

        SumTree tree = TreeOf(state);
        int batch = Options.BatchSize;
        var indices = new int[batch];
        var weights = new double[batch];
        var probabilities = new double[batch];
        var removed = new List<(int Index, double Leaf)>();
        double n = ExampleCount;
        double total = tree.Total;   // p_t is the distribution before any without-replacement removal
        var uniforms = new double[batch];
        _stream.FillUniformDouble((ulong)t, 0, uniforms);   // slot b's double is that of (t, b), drawn in bulk
        for (int b = 0; b < batch; b++)
        {
            int i = tree.Sample(uniforms[b]);
            indices[b] = i;
            double leaf = tree.Leaf(i);   // a removed leaf is 0 and is never drawn, so this is p_t's leaf
            probabilities[b] = leaf / total;
            weights[b] = total / (n * leaf);
            if (Options.Replacement == BatchReplacement.WithoutReplacement)
            {
                removed.Add((i, tree.Leaf(i)));
                tree.Update(i, 0.0);
            }
        }

        // Restoring the leaves restores every node exactly: the tree is a function of its leaves.
        for (int r = removed.Count - 1; r >= 0; r--)
        {
            tree.Update(removed[r].Index, removed[r].Leaf);
        }

        if (Options.WeightNormalization == WeightNormalization.MaxInBatch)
        {
            double max = weights.Max();
            for (int b = 0; b < batch; b++)
            {
                weights[b] /= max;
            }
        }

        double[] fed = WeightedGradient(problem, theta, indices, weights);
        if (Options.Source == ProbabilitySource.Adaptive && Options.RefreshMode == RefreshMode.SeenOnly)
        {
            double[] pending = state.Buffer(Pending);
            foreach (int i in indices)
            {
                pending[i] = problem.ExampleGradientNorm(i, theta);
            }
        }

        return new SampledBatch(t, indices, weights, probabilities, fed, refresh, normEvaluations);
    }

    /// <summary>ĝ = (Σ_b w_b ∇f_{i_b}(θ)) / B, summed in draw order.</summary>
    public static double[] WeightedGradient(IFiniteSumObjective problem, ReadOnlySpan<double> theta, int[] indices, double[] weights)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(weights);
        int d = problem.Dimension;
        var sum = new double[d];
        var g = new double[d];
        for (int b = 0; b < indices.Length; b++)
        {
            problem.ExampleGradient(indices[b], theta, g);
            double w = weights[b];
            for (int j = 0; j < d; j++)
            {
                sum[j] += w * g[j];
            }
        }

        for (int j = 0; j < d; j++)
        {
            sum[j] /= indices.Length;
        }

        return sum;
    }

    private int Refresh(OptimizerState state, long t, ReadOnlySpan<double> theta, IFiniteSumObjective problem)
    {
        double[] scores = state.Buffer(Scores);
        double[] pending = state.Buffer(Pending);
        SumTree tree = TreeOf(state);
        bool fullPass = t == 1 || Options.RefreshMode == RefreshMode.FullPass;
        int evaluations = 0;
        var changed = new List<int>();
        if (fullPass)
        {
            problem.ExampleGradientNorms(theta, scores);   // p*_{t,i} ∝ ‖∇f_i(θ_t)‖₂ (§4.3)
            evaluations = ExampleCount;
            pending.AsSpan().Fill(-1.0);
        }

        for (int i = 0; i < ExampleCount; i++)
        {
            if (!fullPass && pending[i] >= 0.0)
            {
                scores[i] = pending[i];
                pending[i] = -1.0;
                changed.Add(i);
            }

            if (!double.IsFinite(scores[i]) || scores[i] < 0.0)
            {
                throw new InvalidOperationException($"Example {i}'s gradient norm is {scores[i]} at step {t}; a sampling score must be finite and >= 0.");
            }
        }

        if (Options.FloorMode == ProbabilityFloorMode.AddToScore && !fullPass)
        {
            foreach (int i in changed)
            {
                tree.Update(i, scores[i] + Options.Floor);                   // O(log n) per seen example
            }
        }
        else
        {
            tree.Build(Leaves(scores));
        }

        if (!(tree.Total > 0.0))
        {
            throw new InvalidOperationException(
                $"Every sampling score is 0 at step {t} (all per-example gradients vanish) and the floor is {Options.Floor}; use a floor > 0 or uniform sampling.");
        }

        return evaluations;
    }

    private double[] Leaves(double[] scores)
    {
        var leaves = new double[ExampleCount];
        if (Options.FloorMode == ProbabilityFloorMode.AddToScore)
        {
            for (int i = 0; i < leaves.Length; i++)
            {
                leaves[i] = scores[i] + Options.Floor;
            }

            return leaves;
        }

        double total = 0.0;
        foreach (double s in scores)
        {
            total += s;
        }

        double uniformShare = Options.Floor / ExampleCount;
        for (int i = 0; i < leaves.Length; i++)
        {
            // p = (1 − ε) p* + ε/n; with every score 0, p* is taken as uniform.
            double optimal = total > 0.0 ? scores[i] / total : 1.0 / ExampleCount;
            leaves[i] = (1.0 - Options.Floor) * optimal + uniformShare;
        }

        return leaves;
    }
}
