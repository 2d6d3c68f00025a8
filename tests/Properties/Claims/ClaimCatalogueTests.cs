using Verification.Claims.Catalogue;
using Verification.Claims.Reporting;
using Verification.Claims.Search;
using Verification.Properties.Support;

namespace Verification.Properties.Claims;

/// <summary>
/// The gate for the proof audit: every claim is searched at the gate budget; the committed verdict table must be what
/// that search produces, and every committed counterexample must still violate its claim.
/// </summary>
public class ClaimCatalogueTests
{
    private static string Docs => Path.Combine(RepositoryRoot.Path, "docs");

    public static TheoryData<string> CounterexampleFiles =>
        [.. Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "docs", "counterexamples"), "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Fact]
    public void Committed_audit_table_is_what_the_gate_search_produces()
    {
        string path = Path.Combine(Docs, "audit.md");
        string expected = AuditTable.Markdown(GateSearch.Results, SearchBudget.Gate, AuditTimings.Read(path), PreviousVerdicts.Read(Path.Combine(Docs, PreviousVerdicts.FileName)));
        string committed = File.ReadAllText(path);
        Assert.True(
            expected == committed,
            $"docs/audit.md is out of date: regenerate it with `{AuditTable.Command}` and commit the result.");
    }

    [Fact]
    public void Every_counterexample_of_the_gate_search_is_committed_and_nothing_else_is()
    {
        var expected = GateSearch.Results.Where(r => r.Counterexample is not null).Select(r => r.Info.Id + ".json").Order(StringComparer.Ordinal).ToList();
        var committed = Directory.GetFiles(Path.Combine(Docs, "counterexamples"), "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, committed);
    }

    [Theory]
    [MemberData(nameof(CounterexampleFiles))]
    public void Committed_counterexample_still_violates_its_claim(string file)
    {
        CounterexampleFile stored = CounterexampleStore.Read(Path.Combine(Docs, "counterexamples", file));
        IClaim claim = ClaimCatalogue.Get(stored.Id);
        Sides sides = claim.Evaluate(stored.Instance);
        Assert.True(claim.Slack.Violates(sides, claim.Info.Relation), $"{stored.Id} no longer violated: left {sides.Left:R}, right {sides.Right:R}");
        Assert.Equal(BitConverter.DoubleToInt64Bits(stored.Left), BitConverter.DoubleToInt64Bits(sides.Left));
        Assert.Equal(BitConverter.DoubleToInt64Bits(stored.Right), BitConverter.DoubleToInt64Bits(sides.Right));
    }

    [Fact]
    public void Claim_ids_are_unique_and_every_claim_is_searched_on_at_least_one_family()
    {
        Assert.NotEmpty(ClaimCatalogue.All);
        Assert.All(ClaimCatalogue.All, c => Assert.Matches("^[A-Za-z0-9.-]+$", c.Info.Id));
        Assert.All(GateSearch.Results, r => Assert.NotEmpty(r.Families));
    }

    [Fact]
    public void A_conditional_verdict_rests_on_instances_on_both_sides_of_its_condition()
    {
        foreach (ClaimResult r in GateSearch.Results.Where(r => r.Condition is not null))
        {
            Assert.True(r.Families.Sum(f => f.Trials) > 0, $"{r.Info.Id}: no instance satisfied the condition");
            Assert.True(r.Families.Sum(f => f.OutsideConditionTrials) > 0, $"{r.Info.Id}: no instance violated the condition");
        }
    }
}
