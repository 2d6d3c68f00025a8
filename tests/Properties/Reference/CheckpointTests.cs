using Verification.Properties.Support;
using Verification.Reference.Checkpoints;
using Verification.Reference.Optimizers;
using Verification.Reference.Random;

namespace Verification.Properties.Reference;

/// <summary>N steps in one go equal k steps, save, restore, N − k steps, bit for bit, for every optimizer.</summary>
public class CheckpointTests
{
    private const int TotalSteps = 13;
    private const int Dimension = 9;

    public static TheoryData<string> GradientOptimizerNames => [.. OptimizerCatalog.GradientOptimizers.Select(o => o.Name)];

    public static TheoryData<string> FiniteSumOptimizerNames => [.. OptimizerCatalog.FiniteSumOptimizers.Select(o => o.Name)];

    /// <summary>Deterministic gradients spanning several magnitudes, from the project's own generator.</summary>
    private static double[] Gradient(int t)
    {
        var stream = new PhiloxStream(77, RandomStream.Instances);
        return Enumerable.Range(0, Dimension).Select(j => (stream.UniformDouble((ulong)t, (ulong)j) - 0.5) * Math.Pow(10, j % 5 - 2)).ToArray();
    }

    [Theory]
    [MemberData(nameof(GradientOptimizerNames))]
    public void Gradient_optimizer_resumes_bit_for_bit_from_any_step(string name)
    {
        Func<IGradientOptimizer> create = OptimizerCatalog.GradientOptimizers.Single(o => o.Name == name).Create;
        double[] theta0 = Enumerable.Range(0, Dimension).Select(j => 0.1 * j - 0.4).ToArray();

        IGradientOptimizer straight = create();
        OptimizerState straightState = straight.Init(Dimension);
        double[] straightTheta = (double[])theta0.Clone();
        for (int t = 1; t <= TotalSteps; t++)
        {
            straight.Step(straightState, straightTheta, Gradient(t));
        }

        for (int k = 0; k <= TotalSteps; k++)
        {
            IGradientOptimizer first = create();
            OptimizerState state = first.Init(Dimension);
            double[] theta = (double[])theta0.Clone();
            for (int t = 1; t <= k; t++)
            {
                first.Step(state, theta, Gradient(t));
            }

            // A new optimizer object and a state that went through text: nothing survives but the checkpoint.
            IGradientOptimizer second = create();
            OptimizerState restored = StateCheckpoint.FromText(StateCheckpoint.ToText(state));
            for (int t = k + 1; t <= TotalSteps; t++)
            {
                second.Step(restored, theta, Gradient(t));
            }

            Bits.Equal(straightTheta, theta, $"{name}: θ after a save at step {k}");
            Assert.Null(straightState.FirstBitDifference(restored));
        }
    }

    [Theory]
    [MemberData(nameof(FiniteSumOptimizerNames))]
    public void Finite_sum_optimizer_resumes_bit_for_bit_from_any_step(string name)
    {
        Func<IFiniteSumOptimizer> create = OptimizerCatalog.FiniteSumOptimizers.Single(o => o.Name == name).Create;
        var stream = new PhiloxStream(3, RandomStream.Instances);
        double[][] rows = Enumerable.Range(0, 11).Select(i => Enumerable.Range(0, 4).Select(j => stream.UniformDouble((ulong)i, (ulong)j) * 2 - 1).ToArray()).ToArray();
        var problem = new LeastSquaresProblem(rows, rows.Select((r, i) => r.Sum() + 0.1 * i).ToArray());

        IFiniteSumOptimizer straight = create();
        OptimizerState straightState = straight.Init(problem);
        var straightTheta = new double[4];
        var straightIndices = new List<int>();
        for (int t = 1; t <= TotalSteps; t++)
        {
            straightIndices.AddRange(straight.Step(straightState, straightTheta, problem).Indices);
        }

        for (int k = 0; k <= TotalSteps; k++)
        {
            IFiniteSumOptimizer first = create();
            OptimizerState state = first.Init(problem);
            var theta = new double[4];
            var indices = new List<int>();
            for (int t = 1; t <= k; t++)
            {
                indices.AddRange(first.Step(state, theta, problem).Indices);
            }

            IFiniteSumOptimizer second = create();
            OptimizerState restored = StateCheckpoint.FromText(StateCheckpoint.ToText(state));
            for (int t = k + 1; t <= TotalSteps; t++)
            {
                indices.AddRange(second.Step(restored, theta, problem).Indices);
            }

            Assert.Equal(straightIndices, indices);
            Bits.Equal(straightTheta, theta, $"{name}: θ after a save at step {k}");
            Assert.Null(straightState.FirstBitDifference(restored));
        }
    }

    [Theory]
    [InlineData("", 1, "unexpected end of file")]
    [InlineData("verification-optimizer-state 2\n", 1, "expected the header")]
    [InlineData("verification-optimizer-state 1\nalgorithm adam\nstep -3\n", 3, "not a non-negative integer")]
    [InlineData("verification-optimizer-state 1\nalgorithm adam\nstep 1\nscalar beta1_pow 3fecccccccccccc\n", 4, "16-digit hexadecimal")]
    [InlineData("verification-optimizer-state 1\nalgorithm adam\nstep 1\nbuffer m 2 0000000000000000\n", 4, "declares length 2 but holds 1")]
    [InlineData("verification-optimizer-state 1\nalgorithm adam\nstep 1\nbuffer m 0\n", 5, "unexpected end of file")]
    [InlineData("verification-optimizer-state 1\nalgorithm adam\nstep 1\nmoment m 0\nend\n", 4, "unrecognised line")]
    [InlineData("verification-optimizer-state 1\nalgorithm adam\nstep 1\nend\nextra\n", 5, "text after 'end'")]
    public void Corrupt_checkpoints_are_rejected_with_the_line(string text, int line, string problem)
    {
        CorruptCheckpointException e = Assert.Throws<CorruptCheckpointException>(() => StateCheckpoint.FromText(text));
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flipped_bit_in_a_checkpoint_changes_the_restored_state()
    {
        var adam = new Adam();
        OptimizerState state = adam.Init(3);
        adam.Step(state, new double[3], [1.0, -2.0, 3.0]);
        string text = StateCheckpoint.ToText(state);
        int at = text.IndexOf("buffer m 3 ", StringComparison.Ordinal) + "buffer m 3 ".Length + 15;
        string flipped = text[..at] + (text[at] == '0' ? '1' : '0') + text[(at + 1)..];
        Assert.Contains("buffer m[0]", StateCheckpoint.FromText(flipped).FirstBitDifference(state), StringComparison.Ordinal);
    }
}
