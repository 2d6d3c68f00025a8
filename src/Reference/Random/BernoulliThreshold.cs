namespace Verification.Reference.Random;

/// <summary>
/// Bernoulli(s) from one 32-bit draw w: the outcome is 1 exactly when w &lt; ⌊s·2^32⌋ (compared as 64-bit integers).
/// </summary>
/// <remarks>
/// s·2^32 is an exact scaling, so the threshold is reproducible in any language; s = 1 gives 2^32, which every
/// 32-bit word is below, so a rate of 1 keeps every coordinate. The realised probability is ⌊s·2^32⌋/2^32, within
/// 2^-32 of s.
/// </remarks>
public static class BernoulliThreshold
{
    /// <summary>The integer threshold ⌊s·2^32⌋ for a keep probability s in (0, 1].</summary>
    public static ulong For(double s)
    {
        if (!(s > 0.0 && s <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(s), s, $"Invalid sampling rate s: {s} (must be in (0, 1]).");
        }

        return (ulong)Math.Floor(s * 4294967296.0);
    }

    /// <summary>Whether draw <paramref name="word"/> is kept under <paramref name="threshold"/>.</summary>
    public static bool Keeps(uint word, ulong threshold) => word < threshold;
}
