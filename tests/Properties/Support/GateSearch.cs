using Verification.Claims.Catalogue;
using Verification.Claims.Search;

namespace Verification.Properties.Support;

/// <summary>
/// The whole catalogue searched once at gate depth on every core, shared by the tests that need it (the search is the
/// gate's most expensive step, so it runs once per test process).
/// </summary>
public static class GateSearch
{
    private static readonly Lazy<IReadOnlyList<ClaimResult>> Lazy = new(() => AuditRun.Search(ClaimCatalogue.All, SearchBudget.Gate));

    /// <summary>The results, in catalogue order.</summary>
    public static IReadOnlyList<ClaimResult> Results => Lazy.Value;
}
