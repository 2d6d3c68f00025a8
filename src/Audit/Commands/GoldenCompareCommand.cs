using System.CommandLine;
using Verification.Golden.Compare;

namespace Verification.Audit.Commands;

/// <summary>
/// <c>golden compare GOLDEN.jsonl MINE</c>: compares a library author's own trajectory with a golden file
/// (docs/golden-format.md §8); the work is <see cref="GoldenCompare"/>'s, so that its tests need no command line.
/// </summary>
internal static class GoldenCompareCommand
{
    /// <summary>The <c>compare</c> subcommand of <c>golden</c>; malformed input is reported on <paramref name="error"/>.</summary>
    public static Command Create(TextWriter error)
    {
        var golden = new Argument<string>("golden") { Description = "A golden file, e.g. tests/Golden/Verified/quadratic-adam.verified.jsonl" };
        var mine = new Argument<string>("mine") { Description = "Your trajectory: golden JSON Lines, or CSV step,field,index,value" };
        var compare = new Command("compare", "Compare your own trajectory with a golden file: first divergence and ULPs per field (exit 0 identical, 1 different, 2 malformed)")
        {
            golden, mine,
        };
        compare.SetAction(parse => GoldenCompare.Run(parse.GetValue(golden)!, parse.GetValue(mine)!, Console.Out, error));
        return compare;
    }
}
