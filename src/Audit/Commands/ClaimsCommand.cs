using System.Diagnostics;
using System.Globalization;
using Verification.Claims.Catalogue;
using Verification.Claims.Reporting;
using Verification.Claims.Search;

namespace Verification.Audit.Commands;

/// <summary>
/// <c>claims [--id ID] [--depth gate|default|deep] [--seed N] [--threads N] [--shard k/N --results FILE] [--write-docs]</c>
/// searches the claims catalogue and prints each verdict; <c>claims merge FILE…</c> joins the results files of a
/// sharded run into exactly what one machine computes. <c>--write-docs</c> rewrites docs/audit.md and
/// docs/counterexamples/ (gate depth and the default seed only, so that the committed table is what the test regenerates).
/// </summary>
internal static class ClaimsCommand
{
    private const string Docs = "docs";

    public static int Run(string? id, string depth, ulong seed, int? threads, string? shardText, string? resultsPath, bool writeDocs)
    {
        if (threads is < 1)
        {
            Console.Error.WriteLine($"error: --threads must be at least 1, not {threads}.");
            return 2;
        }

        SearchBudget budget = SearchBudget.ForDepth(depth) with { Seed = seed };
        Shard shard = shardText is null ? Shard.All : Shard.Parse(shardText);
        if (writeDocs && (budget != SearchBudget.Gate || id is not null || shard != Shard.All))
        {
            Console.Error.WriteLine("--write-docs writes the whole gate-depth table that the tests compare against; drop --depth, --seed, --id and --shard.");
            return 2;
        }

        if (shard != Shard.All && resultsPath is null)
        {
            Console.Error.WriteLine("--shard needs --results FILE: the shard's results are merged later with `claims merge`.");
            return 2;
        }

        IReadOnlyList<IClaim> claims = id is null ? shard.Select(ClaimCatalogue.All) : [ClaimCatalogue.Get(id)];
        var clock = Stopwatch.StartNew();
        IReadOnlyList<ClaimResult> results = AuditRun.Search(claims, budget, threads: threads);
        clock.Stop();
        Print(results);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Searched at depth {budget.Name} on {threads ?? Environment.ProcessorCount} threads in {clock.Elapsed.TotalSeconds:F1} s."));
        if (resultsPath is not null)
        {
            ResultFile.Write(resultsPath, budget, shard, results);
            Console.WriteLine($"Wrote {resultsPath} (shard {shard}).");
        }

        if (writeDocs)
        {
            WriteDocs(results, budget, clock.Elapsed);
        }

        return 0;
    }

    public static int Merge(IReadOnlyList<string> files, bool writeDocs)
    {
        (SearchBudget budget, IReadOnlyList<ClaimResult> results) = ResultFile.Merge(files, ClaimCatalogue.All);
        Print(results);
        if (writeDocs)
        {
            if (budget != SearchBudget.Gate)
            {
                Console.Error.WriteLine($"--write-docs writes the gate-depth table; these shards were searched at depth {budget.Name}. Render them with `audit` instead.");
                return 2;
            }

            WriteDocs(results, budget, elapsed: null);
        }

        return 0;
    }

    private static void Print(IReadOnlyList<ClaimResult> results)
    {
        foreach (ClaimResult r in results)
        {
            string evidence = r.Counterexample is { } c
                ? string.Create(CultureInfo.InvariantCulture, $"left {c.Sides.Left:G6} > right {c.Sides.Right:G6} ({c.Family})")
                : $"{r.TotalTrials} sampled + {r.TargetedEvaluations} targeted; closest: {r.Best?.Figure(r.Info.Relation) ?? "none"}";
            Console.WriteLine($"{r.Verdict,-12} {r.Info.Id}  {evidence}");
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{results.Count} claims: {results.Count(r => r.Verdict == Verdict.Holds)} hold ({results.Count(r => r.IsTight)} tight), {results.Count(r => r.Verdict == Verdict.Falsified)} falsified, {results.Count(r => r.Verdict == Verdict.HoldsOnlyIf)} hold only under a condition."));
    }

    private static void WriteDocs(IReadOnlyList<ClaimResult> results, SearchBudget budget, TimeSpan? elapsed)
    {
        string counterexamples = Path.Combine(Docs, "counterexamples");
        if (Directory.Exists(counterexamples))
        {
            foreach (string stale in Directory.GetFiles(counterexamples, "*.json"))
            {
                File.Delete(stale);
            }
        }

        foreach (ClaimResult r in results.Where(r => r.Counterexample is not null))
        {
            CounterexampleStore.Write(counterexamples, r.Info, r.Counterexample!);
        }

        string path = Path.Combine(Docs, "audit.md");
        AuditTimings? timings = AuditTimings.Read(path);
        File.WriteAllText(path, AuditTable.Markdown(results, budget, timings, PreviousVerdicts.Read(Path.Combine(Docs, PreviousVerdicts.FileName))));
        Console.WriteLine($"Wrote {path} and {results.Count(r => r.Counterexample is not null)} counterexample files{(elapsed is { } e ? string.Create(CultureInfo.InvariantCulture, $" (search {e.TotalSeconds:F0} s)") : "")}.");
    }
}
