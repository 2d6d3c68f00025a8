using System.Reflection;

namespace Verification.Claims.Catalogue;

/// <summary>Every claim of both papers, found from the <see cref="IClaimSource"/> types of this assembly, ordered by id.</summary>
public static class ClaimCatalogue
{
    private static readonly Lazy<IReadOnlyList<IClaim>> AllClaims = new(Discover);

    /// <summary>All claims, ordered by id (ordinal).</summary>
    public static IReadOnlyList<IClaim> All => AllClaims.Value;

    /// <summary>The claim with id <paramref name="id"/>.</summary>
    public static IClaim Get(string id) =>
        All.FirstOrDefault(c => c.Info.Id == id) ?? throw new KeyNotFoundException($"No claim has the id '{id}'.");

    private static IReadOnlyList<IClaim> Discover()
    {
        List<IClaim> claims = typeof(ClaimCatalogue).Assembly.GetTypes()
            .Where(t => typeof(IClaimSource).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IClaimSource)Activator.CreateInstance(t, nonPublic: true)!)
            .SelectMany(s => s.Claims)
            .OrderBy(c => c.Info.Id, StringComparer.Ordinal)
            .ToList();
        string? duplicate = claims.GroupBy(c => c.Info.Id).FirstOrDefault(g => g.Count() > 1)?.Key;
        return duplicate is null ? claims : throw new InvalidOperationException($"Two claims share the id '{duplicate}'.");
    }
}
