using System.Globalization;
using Verification.Claims.Catalogue;
using Verification.Claims.Reporting;
using Verification.Claims.Search;

namespace Verification.Audit.Commands;

/// <summary>
/// <c>claims [--id ID] [--scale S] [--seed N] [--write-docs]</c>: searches the claims catalogue and prints each
/// verdict; with <c>--write-docs</c> it rewrites docs/audit.md and docs/counterexamples/ (gate scale only, so that the
/// committed table is what the test regenerates).
/// </summary>
internal static class ClaimsCommand
{
    public static int Run(string? id, double scale, ulong seed, bool writeDocs)
    {
        const string docs = "docs";
        var budget = new SearchBudget(scale, seed);
        if (writeDocs && budget != SearchBudget.Gate)
        {
            Console.Error.WriteLine("--write-docs writes the gate-scale table that the tests compare against; drop --scale and --seed.");
            return 2;
        }

        IReadOnlyList<IClaim> claims = id is null ? ClaimCatalogue.All : [ClaimCatalogue.Get(id)];
        IReadOnlyList<ClaimResult> results = AuditRun.Search(claims, budget);
        foreach (ClaimResult r in results)
        {
            string evidence = r.Counterexample is { } c
                ? string.Create(CultureInfo.InvariantCulture, $"left {c.Sides.Left:G6} > right {c.Sides.Right:G6} ({c.Family})")
                : $"{r.TotalTrials} instances";
            Console.WriteLine($"{r.Verdict,-12} {r.Info.Id}  {evidence}");
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{results.Count} claims: {results.Count(r => r.Verdict == Verdict.Holds)} hold, {results.Count(r => r.Verdict == Verdict.Falsified)} falsified, {results.Count(r => r.Verdict == Verdict.HoldsOnlyIf)} hold only under a condition."));

        if (writeDocs)
        {
            if (id is not null)
            {
                Console.Error.WriteLine("--write-docs regenerates the whole table; drop --id.");
                return 2;
            }

            string counterexamples = Path.Combine(docs, "counterexamples");
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

            File.WriteAllText(Path.Combine(docs, "audit.md"), AuditTable.Markdown(results, budget));
            Console.WriteLine($"Wrote {Path.Combine(docs, "audit.md")} and {results.Count(r => r.Counterexample is not null)} counterexample files.");
        }

        return 0;
    }
}
