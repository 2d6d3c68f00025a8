using Verification.Golden.Approval;
using Verification.Golden.Recording;
using Verification.Golden.Scenarios;

namespace Verification.Golden;

/// <summary>The reference against the committed golden files, and the files against themselves.</summary>
public class GoldenFileTests
{
    /// <summary>All committed golden files together stay well under this many bytes.</summary>
    private const long SizeBudget = 4_000_000;

    public static TheoryData<string> ScenarioIds => [.. ScenarioCatalog.All.Select(s => s.Id)];

    [Theory]
    [MemberData(nameof(ScenarioIds))]
    public void Reference_reproduces_the_verified_file_bit_for_bit(string id) =>
        GoldenApprover.Default.Verify(id, GoldenRecorder.Record(ScenarioCatalog.Get(id)));

    [Theory]
    [MemberData(nameof(ScenarioIds))]
    public void Verified_file_replays_from_its_own_header(string id)
    {
        string path = GoldenApprover.Default.VerifiedPath(id);
        Assert.True(File.Exists(path), $"{path} is missing; run the approval test first.");
        GoldenReplay.Check(File.ReadAllText(path), Path.GetFileName(path));
    }

    [Fact]
    public void Every_verified_file_is_claimed_by_a_scenario()
    {
        IReadOnlyList<string> unclaimed = GoldenApprover.Default.Unclaimed(ScenarioCatalog.All.Select(s => s.Id));
        Assert.True(unclaimed.Count == 0, $"Verified files that no scenario claims (delete them or add the scenario): {string.Join(", ", unclaimed)}");
    }

    [Fact]
    public void Scenario_ids_are_unique_and_safe_file_names()
    {
        string[] ids = [.. ScenarioCatalog.All.Select(s => s.Id)];
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^[a-z0-9_-]+$", id));
    }

    [Fact]
    public void Committed_golden_files_stay_small()
    {
        long total = ScenarioCatalog.All.Select(s => GoldenApprover.Default.VerifiedPath(s.Id)).Where(File.Exists).Sum(p => new FileInfo(p).Length);
        Assert.True(total < SizeBudget, $"The golden files take {total} bytes, over the {SizeBudget}-byte budget.");
    }

    [Fact]
    public void Catalogue_covers_every_optimizer_kind()
    {
        string[] algorithms = [.. ScenarioCatalog.All.Select(s => s.Optimizer.Name).Distinct().Order(StringComparer.Ordinal)];
        Assert.Equal(
            [
                "adagrad", "adam", "amsgrad/pytorch", "amsgrad/reddi", "ap-sgd", "dasgrad", "rmsprop", "sgd",
                "stochgradadam/code_port", "stochgradadam/masked_adam", "stochgradadam/masked_update", "stochgradadam/paper_alg1",
                "stochgradadam/paper_alg1_tf", "stochgradadam/paper_eqs", "stochgradadam/theorem",
            ],
            algorithms);
    }
}
