using Verification.Claims.Search;

namespace Verification.Audit.Report;

/// <summary>One plotted claim.</summary>
/// <param name="Rank">Its position, 1 for the loosest.</param>
/// <param name="Claim">The claim's result.</param>
/// <param name="Ratio">Left/right at its closest instance.</param>
/// <param name="Class">tight, falsified, holds or holds only if.</param>
public sealed record TightnessPoint(int Rank, ClaimResult Claim, double Ratio, string Class);
