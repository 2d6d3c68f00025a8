using Verification.Claims.Catalogue;
using Verification.Claims.Search;

namespace Verification.Properties.Claims;

/// <summary>The pieces under the search: the violation score, shards and the merge of results files.</summary>
public class SearchInfrastructureTests
{
    [Theory]
    [InlineData(1.0, 2.0)]
    [InlineData(3.0, 2.0)]
    [InlineData(1e-300, 1e300)]
    [InlineData(-1.0, 2.0)]
    [InlineData(-3.0, -2.0)]
    public void Score_orders_instances_the_same_way_after_the_right_side_is_scaled(double left, double right)
    {
        // Ranking by ln(L/R) is invariant under R ↦ cR for positive sides, which makes the tightness mutation meaningful.
        var a = new Sides(left, right);
        var b = new Sides(left * 1.5, right);
        double sa = ViolationScore.Of(a, Relation.LessOrEqual), sb = ViolationScore.Of(b, Relation.LessOrEqual);
        double sa2 = ViolationScore.Of(a with { Right = right * 0.99 }, Relation.LessOrEqual);
        double sb2 = ViolationScore.Of(b with { Right = right * 0.99 }, Relation.LessOrEqual);
        Assert.Equal(sa < sb, sa2 < sb2);
        Assert.True(double.IsFinite(sa));
    }

    [Fact]
    public void Score_is_positive_exactly_when_the_inequality_is_violated()
    {
        Assert.True(ViolationScore.Of(new Sides(2.0, 1.0), Relation.LessOrEqual) > 0);
        Assert.True(ViolationScore.Of(new Sides(1.0, 2.0), Relation.LessOrEqual) < 0);
        Assert.True(ViolationScore.Of(new Sides(1.0, -1.0), Relation.LessOrEqual) > 0);
        Assert.True(ViolationScore.Of(new Sides(-2.0, -1.0), Relation.LessOrEqual) < 0);
        Assert.Equal(double.PositiveInfinity, ViolationScore.Of(new Sides(double.NaN, 1.0), Relation.LessOrEqual));
        Assert.Equal(ViolationScore.Degenerate, ViolationScore.Of(new Sides(0.0, 0.0), Relation.LessOrEqual));
    }

    [Fact]
    public void An_infinite_left_side_violates_a_finite_bound()
    {
        Assert.True(RoundingSlack.Default.Violates(new Sides(double.PositiveInfinity, 1e-12), Relation.LessOrEqual));
        Assert.False(RoundingSlack.Default.Violates(new Sides(1.0, double.PositiveInfinity), Relation.LessOrEqual));
        Assert.True(RoundingSlack.Default.Violates(new Sides(double.PositiveInfinity, 1.0), Relation.Equal));
    }

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("1-4")]
    [InlineData("a/b")]
    [InlineData("")]
    public void A_malformed_shard_is_rejected_with_the_text_given(string text)
    {
        var e = Assert.Throws<FormatException>(() => Shard.Parse(text));
        Assert.Contains($"'{text}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shards_partition_the_catalogue()
    {
        IReadOnlyList<IClaim> all = ClaimCatalogue.All;
        var union = Enumerable.Range(1, 7).SelectMany(k => new Shard(k, 7).Select(all)).Select(c => c.Info.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(all.Select(c => c.Info.Id).Order(StringComparer.Ordinal), union);
    }

    [Fact]
    public void A_merge_names_the_missing_shard_the_repeated_claim_and_the_mixed_budget()
    {
        IReadOnlyList<IClaim> catalogue = [ClaimCatalogue.All[0], ClaimCatalogue.All[1]];
        var budget = new SearchBudget(Scale: 0.01, TargetedEvaluations: 2, Name: "tiny");
        string folder = Directory.CreateTempSubdirectory("merge").FullName;
        try
        {
            string Write(string name, SearchBudget b, Shard shard, IReadOnlyList<IClaim> claims)
            {
                string path = Path.Combine(folder, name);
                ResultFile.Write(path, b, shard, AuditRun.Search(claims, b));
                return path;
            }

            string one = Write("1.json", budget, new Shard(1, 2), new Shard(1, 2).Select(catalogue));
            string two = Write("2.json", budget, new Shard(2, 2), new Shard(2, 2).Select(catalogue));
            string other = Write("2b.json", budget with { Seed = 7 }, new Shard(2, 2), new Shard(2, 2).Select(catalogue));
            string again = Write("1b.json", budget, new Shard(2, 2), new Shard(1, 2).Select(catalogue));

            Assert.Equal(2, ResultFile.Merge([one, two], catalogue).Results.Count);
            Assert.Contains("each of 1/2 … 2/2 exactly once", Assert.Throws<InvalidDataException>(() => ResultFile.Merge([one], catalogue)).Message, StringComparison.Ordinal);
            Assert.Contains("merge only the shards of one run", Assert.Throws<InvalidDataException>(() => ResultFile.Merge([one, other], catalogue)).Message, StringComparison.Ordinal);
            Assert.Contains("appears in two shards", Assert.Throws<InvalidDataException>(() => ResultFile.Merge([one, again], catalogue)).Message, StringComparison.Ordinal);
            Assert.Contains("No shard holds claim", Assert.Throws<InvalidDataException>(() => ResultFile.Merge([one, two], [.. catalogue, ClaimCatalogue.All[2]])).Message, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder, "bad.json"), "{ not json");
            Assert.Contains("bad.json", Assert.Throws<InvalidDataException>(() => ResultFile.Read(Path.Combine(folder, "bad.json"))).Message, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder, "foreign.json"), "{\"x\": 1}");
            Assert.Contains("no \"budget\" field", Assert.Throws<InvalidDataException>(() => ResultFile.Read(Path.Combine(folder, "foreign.json"))).Message, StringComparison.Ordinal);
            Assert.Throws<FileNotFoundException>(() => ResultFile.Read(Path.Combine(folder, "absent.json")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
