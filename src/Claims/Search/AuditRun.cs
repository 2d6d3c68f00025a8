using Verification.Claims.Catalogue;

namespace Verification.Claims.Search;

/// <summary>Runs many claims, in parallel; each claim's search is deterministic, so the results do not depend on the thread count.</summary>
public static class AuditRun
{
    /// <summary>Searches <paramref name="claims"/> and returns their results in the same order.</summary>
    /// <param name="claims">The claims.</param>
    /// <param name="budget">The depth and seed.</param>
    /// <param name="progress">Called once per finished claim (from any thread).</param>
    /// <param name="threads">Parallel searches at most; null uses every core.</param>
    /// <param name="cancellation">
    /// Stops starting new searches; the claims finished by then are returned (in catalogue order), the others left out,
    /// so the caller can report which are missing.
    /// </param>
    public static IReadOnlyList<ClaimResult> Search(IReadOnlyList<IClaim> claims, SearchBudget budget, Action<ClaimResult>? progress = null, int? threads = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (threads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "At least one thread is needed.");
        }

        var results = new ClaimResult[claims.Count];
        Parallel.For(0, claims.Count, new ParallelOptions { MaxDegreeOfParallelism = threads ?? -1 }, (i, loop) =>
        {
            if (cancellation.IsCancellationRequested)
            {
                loop.Stop();
                return;
            }

            results[i] = claims[i].Search(budget);
            progress?.Invoke(results[i]);
        });
        return cancellation.IsCancellationRequested ? results.Where(r => r is not null).ToArray() : results;
    }
}
