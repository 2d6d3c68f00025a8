using Verification.Reference.Random;

namespace Verification.Claims.Search;

/// <summary>
/// The draws of one targeted-search run: uniform doubles that are a pure function of (seed, step, index) through the
/// project's Philox layout, with the index advanced by this object alone. Each (claim, family, start) gets its own
/// seed, so no two runs share state and the result does not depend on which thread runs it.
/// </summary>
public sealed class SearchRandom
{
    private readonly PhiloxStream _stream;
    private readonly ulong _step;
    private ulong _index;

    /// <summary>Creates the draws for <paramref name="seed"/> and run <paramref name="step"/>.</summary>
    public SearchRandom(ulong seed, ulong step)
    {
        _stream = new PhiloxStream(seed, RandomStream.Instances);
        _step = step;
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => _stream.UniformDouble(_step, _index++);

    /// <summary>A uniform integer in [<paramref name="lo"/>, <paramref name="hi"/>] (inclusive).</summary>
    public int Next(int lo, int hi) => lo + (int)Math.Min(hi - lo, Math.Floor(NextDouble() * (hi - lo + 1.0)));

    /// <summary>A standard normal draw (Box–Muller on two uniform doubles).</summary>
    public double NextGaussian()
    {
        double u = 1.0 - NextDouble();
        double v = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>A uniformly chosen element.</summary>
    public TItem Pick<TItem>(IReadOnlyList<TItem> items) => items[Next(0, items.Count - 1)];
}
