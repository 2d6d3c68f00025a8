using Verification.Claims.Search;

namespace Verification.Claims.Certification.Boxes;

/// <summary>How far a branch and bound goes: sub-boxes per discrete choice, and the relative width below which a box is not split.</summary>
/// <param name="BoxesPerChoice">Sub-boxes evaluated per choice at most.</param>
/// <param name="Resolution">A box whose every side is narrower than this fraction of the box's side is not split further.</param>
public sealed record CertificationBudget(int BoxesPerChoice, double Resolution)
{
    /// <summary>The gate's depth: 10,000 boxes per choice down to 2^-12 of each side (tens of seconds for the whole catalogue on 2 cores).</summary>
    public static CertificationBudget Gate { get; } = new(10_000, 1.0 / 4096);

    /// <summary>The default depth of <c>audit</c>: 20,000 boxes per choice, 2^-13 (about half a minute more on 2 cores, inside its 10 minutes).</summary>
    public static CertificationBudget Default { get; } = new(20_000, 1.0 / 8192);

    /// <summary><c>--depth deep</c>: 400,000 boxes per choice, 2^-20 (tens of minutes for the rows left undecided at the gate).</summary>
    public static CertificationBudget Deep { get; } = new(400_000, 1.0 / 1_048_576);

    /// <summary>The certification budget that goes with a search depth.</summary>
    public static CertificationBudget For(SearchBudget search)
    {
        ArgumentNullException.ThrowIfNull(search);
        return search.Name switch
        {
            "deep" => Deep,
            "default" => Default,
            _ => Gate,
        };
    }
}
