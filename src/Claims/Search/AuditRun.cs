using Verification.Claims.Catalogue;

namespace Verification.Claims.Search;

/// <summary>Runs many claims, in parallel; each claim's search is deterministic, so the results do not depend on the thread count.</summary>
public static class AuditRun
{
    /// <summary>Searches <paramref name="claims"/> and returns their results in the same order.</summary>
    public static IReadOnlyList<ClaimResult> Search(IReadOnlyList<IClaim> claims, SearchBudget budget, Action<ClaimResult>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var results = new ClaimResult[claims.Count];
        Parallel.For(0, claims.Count, i =>
        {
            results[i] = claims[i].Search(budget);
            progress?.Invoke(results[i]);
        });
        return results;
    }
}
