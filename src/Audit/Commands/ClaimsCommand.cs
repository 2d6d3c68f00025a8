using System.Diagnostics;
using System.Globalization;
using Verification.Audit.Cli;
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
            throw new UsageException($"--threads must be at least 1, not {threads}.");
        }

        SearchBudget budget = SearchBudget.ForDepth(depth) with { Seed = seed };
        Shard shard = shardText is null ? Shard.All : Shard.Parse(shardText);
        if (writeDocs && (budget != SearchBudget.Gate || id is not null || shard != Shard.All))
        {
            throw new UsageException("--write-docs writes the whole gate-depth table that the tests compare against; drop --depth, --seed, --id and --shard.");
        }

        if (shard != Shard.All && resultsPath is null)
        {
            throw new UsageException("--shard needs --results FILE: the shard's results are merged later with `claims merge`.");
        }

        if (id is not null && ClaimCatalogue.All.All(c => c.Info.Id != id))
        {
            throw new UsageException($"no claim has the id '{id}'; {ClosestNames.Suggestion(id, ClaimCatalogue.All.Select(c => c.Info.Id).ToArray(), "docs/audit.md")}");
        }

        if (resultsPath is not null)
        {
            OutputFolder.EnsureParentWritable(resultsPath, "--results");
        }

        if (writeDocs)
        {
            EnsureDocsFolder();
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
                throw new UsageException($"--write-docs writes the gate-depth table; these shards were searched at depth {budget.Name}. Render them with `audit` instead.");
            }

            EnsureDocsFolder();

            WriteDocs(results, budget, elapsed: null);
        }

        return 0;
    }

    /// <summary>--write-docs rewrites the repository's docs/audit.md: it must run from the repository root.</summary>
    private static void EnsureDocsFolder()
    {
        if (!File.Exists(Path.Combine(Docs, "audit.md")))
        {
            throw new UsageException($"--write-docs rewrites {Path.Combine(Docs, "audit.md")}, which is not here ({Directory.GetCurrentDirectory()}): run it from the repository root.");
        }

        OutputFolder.EnsureWritable(Docs, "--write-docs");
    }

    private static void Print(IReadOnlyList<ClaimResult> results)
    {
        foreach (ClaimResult r in results)
        {
            string evidence = r.Counterexample is { } c
                ? string.Create(CultureInfo.InvariantCulture, $"left {c.Sides.Left:G6} > right {c.Sides.Right:G6} ({c.Family})")
                : $"{r.TotalTrials} sampled + {r.TargetedEvaluations} targeted; closest: {r.Best?.Figure(r.Info.Relation) ?? "none"}";
            Console.WriteLine($"{r.Verdict,-12} {r.Info.Id}  {evidence}");
            if (r.Certificate is { } certificate)
            {
                Console.WriteLine($"{"",-12} interval certificate: {certificate.Summary().Replace("**", "", StringComparison.Ordinal)}");
            }
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
