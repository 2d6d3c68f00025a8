using FsCheck;
using FsCheck.Fluent;
using Verification.Properties.Support;
using Verification.Reference.Random;
using Verification.Reference.Sampling;

namespace Verification.Properties.Reference;

public class SumTreeTests
{
    [Fact]
    public void Every_internal_node_is_the_sum_of_its_children_after_any_updates()
    {
        Prop.ForAll(
            Arb.From(
                from n in Gen.Choose(1, 70)
                from updates in (from i in Gen.Choose(0, 69) from v in Generators.GradientEntry() select (i, Math.Abs(v))).ArrayOf()
                select (n, updates),
                c => Enumerable.Range(0, c.updates.Length + 1).Select(k => (c.n, c.updates[..k]))),
            c =>
            {
                SumTree tree = SumTree.Create(c.n);
                var leaves = new double[c.n];
                foreach ((int i, double v) in c.updates)
                {
                    tree.Update(i % c.n, v);
                    leaves[i % c.n] = v;
                }

                for (int k = 1; k < tree.Capacity; k++)
                {
                    if (BitConverter.DoubleToInt64Bits(tree.Node(k)) != BitConverter.DoubleToInt64Bits(tree.Node(2 * k) + tree.Node(2 * k + 1)))
                    {
                        return false;
                    }
                }

                // The tree is a function of its leaves: a bulk build gives the same nodes bit for bit.
                SumTree rebuilt = SumTree.Create(c.n);
                rebuilt.Build(leaves);
                return Bits.FirstDifference(rebuilt.Nodes, tree.Nodes) is null;
            }).Check(Generators.Config(300));
    }

    [Fact]
    public void Sampled_frequencies_pass_a_chi_square_test_against_the_target_distribution()
    {
        // 200,000 draws from 11 leaves (one of them 0) through the sampler's own Philox stream (seed 20261125).
        // Pearson's statistic over the 10 positive cells has 9 degrees of freedom; its 0.999 quantile is 27.877.
        // The seed is fixed, so this is one deterministic draw: a biased descent would exceed the bound, a correct
        // one does so with probability 0.001.
        double[] leaves = [5, 1, 0, 3, 0.5, 7, 2, 2, 9, 0.25, 4];
        SumTree tree = SumTree.Create(leaves.Length);
        tree.Build(leaves);
        var stream = new PhiloxStream(20261125, RandomStream.ExampleSampling);
        const int draws = 200_000;
        var counts = new int[leaves.Length];
        for (int k = 0; k < draws; k++)
        {
            counts[tree.Sample(stream.UniformDouble(1, (ulong)k))]++;
        }

        Assert.Equal(0, counts[2]);
        double total = leaves.Sum(), chiSquare = 0.0;
        for (int i = 0; i < leaves.Length; i++)
        {
            if (leaves[i] > 0)
            {
                double expected = draws * leaves[i] / total;
                chiSquare += (counts[i] - expected) * (counts[i] - expected) / expected;
            }
        }

        Assert.True(chiSquare < 27.877, $"χ² = {chiSquare} with 9 degrees of freedom");
    }

    [Fact]
    public void Zero_mass_leaves_are_never_drawn_even_at_the_edges()
    {
        SumTree tree = SumTree.Create(5);
        tree.Build([0, 1, 0, 0, 2]);
        Assert.Equal(1, tree.Sample(0.0));
        Assert.Equal(4, tree.Sample(Math.BitDecrement(1.0)));
        Assert.Equal(4, tree.Find(tree.Total));            // a target rounded up to the total still lands on mass
        Assert.Equal(1, tree.Find(Math.BitDecrement(1.0)));
        Assert.Equal(4, tree.Find(1.0));
    }
}
