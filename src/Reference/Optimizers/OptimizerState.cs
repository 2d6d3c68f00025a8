using System.Globalization;

namespace Verification.Reference.Optimizers;

/// <summary>
/// Everything an optimizer carries between steps, as one explicit value: the step count and named scalars and
/// vectors (moments, running powers, sampler scores). The optimizer objects themselves hold no mutable state, so a
/// run is reproduced from (options, seed, state) alone and can be saved and resumed bit for bit.
/// </summary>
/// <remarks>
/// The random position needs no storage: every draw is keyed by (seed, stream, step, index), and the step is
/// <see cref="Step"/>. The names of scalars and buffers are part of the checkpoint and golden-file formats.
/// </remarks>
public sealed class OptimizerState
{
    private readonly SortedDictionary<string, double> _scalars;
    private readonly SortedDictionary<string, double[]> _buffers;

    /// <summary>Creates a state with no step taken, the given scalars and zero-filled buffers.</summary>
    /// <param name="algorithm">The algorithm's name (checked when a checkpoint is restored into it).</param>
    /// <param name="scalars">Named scalars with their initial values.</param>
    /// <param name="buffers">Named vectors with their lengths (zero-filled).</param>
    public OptimizerState(string algorithm, IEnumerable<KeyValuePair<string, double>> scalars, IEnumerable<KeyValuePair<string, int>> buffers)
    {
        Algorithm = algorithm;
        _scalars = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, double> pair in scalars)
        {
            _scalars.Add(pair.Key, pair.Value);
        }

        _buffers = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, int> pair in buffers)
        {
            _buffers.Add(pair.Key, new double[pair.Value]);
        }
    }

    private OptimizerState(string algorithm, long step, SortedDictionary<string, double> scalars, SortedDictionary<string, double[]> buffers)
    {
        Algorithm = algorithm;
        Step = step;
        _scalars = scalars;
        _buffers = buffers;
    }

    /// <summary>The algorithm this state belongs to.</summary>
    public string Algorithm { get; }

    /// <summary>The number of updates taken so far; the next update computes step t = Step + 1.</summary>
    public long Step { get; internal set; }

    /// <summary>The scalar names, in ordinal order.</summary>
    public IReadOnlyCollection<string> ScalarNames => _scalars.Keys;

    /// <summary>The buffer names, in ordinal order.</summary>
    public IReadOnlyCollection<string> BufferNames => _buffers.Keys;

    /// <summary>The named scalar.</summary>
    public double Scalar(string name) =>
        _scalars.TryGetValue(name, out double value) ? value : throw MissingEntry("scalar", name);

    /// <summary>The named vector, mutable in place (the optimizer's in-place step writes through it).</summary>
    public double[] Buffer(string name) =>
        _buffers.TryGetValue(name, out double[]? value) ? value : throw MissingEntry("buffer", name);

    /// <summary>Sets a named scalar that already exists.</summary>
    public void SetScalar(string name, double value)
    {
        if (!_scalars.ContainsKey(name))
        {
            throw MissingEntry("scalar", name);
        }

        _scalars[name] = value;
    }

    /// <summary>Restores the step counter (checkpoint loading).</summary>
    public void RestoreStep(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        Step = step;
    }

    /// <summary>A deep copy.</summary>
    public OptimizerState Clone()
    {
        var scalars = new SortedDictionary<string, double>(_scalars, StringComparer.Ordinal);
        var buffers = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, double[]> pair in _buffers)
        {
            buffers.Add(pair.Key, (double[])pair.Value.Clone());
        }

        return new OptimizerState(Algorithm, Step, scalars, buffers);
    }

    /// <summary>
    /// Compares two states bit for bit (every scalar and buffer entry by its 64-bit pattern) and describes the first
    /// difference, or returns null when they are identical.
    /// </summary>
    public string? FirstBitDifference(OptimizerState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Algorithm != other.Algorithm)
        {
            return $"algorithm {Algorithm} vs {other.Algorithm}";
        }

        if (Step != other.Step)
        {
            return $"step {Step} vs {other.Step}";
        }

        if (!_scalars.Keys.SequenceEqual(other._scalars.Keys) || !_buffers.Keys.SequenceEqual(other._buffers.Keys))
        {
            return "different entry names";
        }

        foreach (KeyValuePair<string, double> pair in _scalars)
        {
            double theirs = other._scalars[pair.Key];
            if (BitConverter.DoubleToInt64Bits(pair.Value) != BitConverter.DoubleToInt64Bits(theirs))
            {
                return string.Create(CultureInfo.InvariantCulture, $"scalar {pair.Key}: {pair.Value:R} vs {theirs:R}");
            }
        }

        foreach (KeyValuePair<string, double[]> pair in _buffers)
        {
            double[] mine = pair.Value, theirs = other._buffers[pair.Key];
            if (mine.Length != theirs.Length)
            {
                return $"buffer {pair.Key}: length {mine.Length} vs {theirs.Length}";
            }

            for (int i = 0; i < mine.Length; i++)
            {
                if (BitConverter.DoubleToInt64Bits(mine[i]) != BitConverter.DoubleToInt64Bits(theirs[i]))
                {
                    return string.Create(CultureInfo.InvariantCulture, $"buffer {pair.Key}[{i}]: {mine[i]:R} vs {theirs[i]:R}");
                }
            }
        }

        return null;
    }

    private KeyNotFoundException MissingEntry(string kind, string name) =>
        new($"The {Algorithm} state has no {kind} named '{name}' (it has: {string.Join(", ", kind == "scalar" ? _scalars.Keys : _buffers.Keys)}).");
}
