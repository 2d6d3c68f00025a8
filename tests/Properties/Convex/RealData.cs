using Verification.Convex.Data;

namespace Verification.Properties.Convex;

/// <summary>
/// Access to ../shared/data for tests. CI always has it beside the repository, so a missing file must fail the test
/// (DataLocator throws a DataNotFoundException listing every place searched) rather than skip it.
/// </summary>
internal static class RealData
{
    public static DataLocator Locator => DataLocator.Default;

    public static string Path(string relative) => Locator.Locate(relative);
}
