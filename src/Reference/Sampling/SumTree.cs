using System.Globalization;

namespace Verification.Reference.Sampling;

/// <summary>
/// A sum tree (segment tree over sums): one leaf per example holding its unnormalised probability, every internal
/// node the sum of its two children. O(log n) leaf update and O(log n) sampling (DASGrad §4, Algorithm 2; the same
/// structure as prioritized experience replay).
/// </summary>
/// <remarks>
/// Layout: an array of 2·C doubles, C the smallest power of two ≥ n; node 1 is the root, node k has children 2k and
/// 2k+1, leaf i is node C + i, padding leaves hold 0 and index 0 is unused. Every internal node is always recomputed
/// as <c>left + right</c>, so the whole tree is a pure function of its leaves, whatever order the updates came in.
/// The array can be an <see cref="Optimizers.OptimizerState"/> buffer, so the tree is saved with the state.
/// </remarks>
public sealed class SumTree
{
    private readonly double[] _nodes;

    private SumTree(double[] nodes, int count, int capacity)
    {
        _nodes = nodes;
        Count = count;
        Capacity = capacity;
    }

    /// <summary>The number of leaves n.</summary>
    public int Count { get; }

    /// <summary>The number of leaf slots C (a power of two ≥ n).</summary>
    public int Capacity { get; }

    /// <summary>The root: the sum of all leaves.</summary>
    public double Total => _nodes[1];

    /// <summary>The node array (index 0 unused).</summary>
    public ReadOnlySpan<double> Nodes => _nodes;

    /// <summary>The length of the node array a tree over <paramref name="count"/> leaves needs.</summary>
    public static int NodeArrayLength(int count) => 2 * CapacityFor(count);

    /// <summary>A tree of <paramref name="count"/> zero leaves over a fresh array.</summary>
    public static SumTree Create(int count) => new(new double[NodeArrayLength(count)], count, CapacityFor(count));

    /// <summary>Views an existing node array (for example a state buffer) as a tree of <paramref name="count"/> leaves.</summary>
    public static SumTree Over(double[] nodes, int count)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        int capacity = CapacityFor(count);
        if (nodes.Length != 2 * capacity)
        {
            throw new ArgumentException($"A sum tree over {count} leaves needs {2 * capacity} nodes, not {nodes.Length}.", nameof(nodes));
        }

        return new SumTree(nodes, count, capacity);
    }

    /// <summary>Leaf i.</summary>
    public double Leaf(int i) => _nodes[Capacity + CheckIndex(i)];

    /// <summary>Node k (1 is the root).</summary>
    public double Node(int k) => _nodes[k];

    /// <summary>Sets leaf i and recomputes its ancestors: O(log n).</summary>
    public void Update(int i, double value)
    {
        CheckValue(i, value);
        int k = Capacity + CheckIndex(i);
        _nodes[k] = value;
        for (k >>= 1; k >= 1; k >>= 1)
        {
            _nodes[k] = _nodes[2 * k] + _nodes[2 * k + 1];
        }
    }

    /// <summary>Sets every leaf and recomputes all internal nodes bottom-up: O(n).</summary>
    public void Build(ReadOnlySpan<double> leaves)
    {
        if (leaves.Length != Count)
        {
            throw new ArgumentException($"Expected {Count} leaves, got {leaves.Length}.", nameof(leaves));
        }

        for (int i = 0; i < Count; i++)
        {
            CheckValue(i, leaves[i]);
        }

        leaves.CopyTo(_nodes.AsSpan(Capacity));
        _nodes.AsSpan(Capacity + Count, Capacity - Count).Clear();
        for (int k = Capacity - 1; k >= 1; k--)
        {
            _nodes[k] = _nodes[2 * k] + _nodes[2 * k + 1];
        }
    }

    /// <summary>
    /// The leaf whose prefix-sum interval holds <paramref name="target"/> ∈ [0, Total): descend left when the target is
    /// below the left sum, else subtract it and descend right. A subtree with zero mass is never entered, so a leaf of
    /// probability 0 is never returned, even when rounding puts the target at the edge.
    /// </summary>
    public int Find(double target)
    {
        if (!(Total > 0.0))
        {
            throw new InvalidOperationException($"Cannot sample from a sum tree whose total is {Total.ToString("R", CultureInfo.InvariantCulture)}.");
        }

        int k = 1;
        while (k < Capacity)
        {
            double left = _nodes[2 * k];
            if ((target < left && left > 0.0) || _nodes[2 * k + 1] == 0.0)
            {
                k = 2 * k;
            }
            else
            {
                target -= left;
                k = 2 * k + 1;
            }
        }

        return k - Capacity;
    }

    /// <summary>The leaf drawn by a uniform <paramref name="u"/> ∈ [0, 1): <c>Find(u · Total)</c>.</summary>
    public int Sample(double u)
    {
        if (!(u >= 0.0 && u < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(u), u, "A uniform draw must lie in [0, 1).");
        }

        return Find(u * Total);
    }

    private static int CapacityFor(int count)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A sum tree needs at least one leaf.");
        }

        return (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)count);
    }

    private int CheckIndex(int i) =>
        (uint)i < (uint)Count ? i : throw new ArgumentOutOfRangeException(nameof(i), i, $"Leaf index must be in [0, {Count}).");

    private static void CheckValue(int i, double value)
    {
        if (!(value >= 0.0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(
                nameof(value), value, $"Sum-tree leaf {i} must be finite and >= 0, got {value.ToString("R", CultureInfo.InvariantCulture)}.");
        }
    }
}
