using System.Globalization;
using Verification.Claims.Catalogue;

namespace Verification.Claims.Search;

/// <summary>
/// Shard k of N of the catalogue: the claims whose position in the id-ordered catalogue is k − 1 modulo N. Interleaving
/// spreads the expensive families (one paper's claims sit together) evenly over the shards. Each claim's search is a
/// function of the seed alone, so the merged shards are exactly the single-machine result.
/// </summary>
/// <param name="Index">k, from 1.</param>
/// <param name="Count">N.</param>
public sealed record Shard(int Index, int Count)
{
    /// <summary>The whole catalogue as one shard.</summary>
    public static Shard All { get; } = new(1, 1);

    /// <summary>Parses <c>k/N</c> with 1 ≤ k ≤ N.</summary>
    /// <exception cref="FormatException">The text is not k/N with 1 ≤ k ≤ N; the message says what was given.</exception>
    public static Shard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && n >= 1 && k >= 1 && k <= n)
        {
            return new Shard(k, n);
        }

        throw new FormatException($"--shard expects k/N with 1 ≤ k ≤ N (for example 3/8), not '{text}'.");
    }

    /// <summary>The claims of this shard, in catalogue order.</summary>
    public IReadOnlyList<IClaim> Select(IReadOnlyList<IClaim> catalogue) =>
        catalogue.Where((_, position) => position % Count == Index - 1).ToList();

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
