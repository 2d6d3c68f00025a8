using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Verification.Claims.Catalogue;

namespace Verification.Claims.Search;

/// <summary>
/// Searches a claim in two strategies. Sampling runs each family through FsCheck with a replay seed derived from
/// (base seed, claim id, family name); the targeted strategy then climbs from the best sampled instances through the
/// claim's hypothesis domain (<see cref="TargetedSearch"/>). A violation is shrunk with the family's shrinker. For a
/// conditional claim both scopes (inside and outside the condition) are searched with the same budget.
/// Everything is a function of the seed: the result does not depend on the machine or the thread count.
/// </summary>
internal static class CounterexampleSearch
{
    /// <summary>
    /// Starts of the targeted strategy, at most this many: the best instance of each family, then the best one of each
    /// family strictly inside the bound. The second kind matters because an edge reached with equality is often a
    /// degenerate case (one example, one coordinate, nothing masked) from which no small move leads to a violation.
    /// </summary>
    private const int MaxStarts = 10;

    /// <summary>A score below this is strictly inside the bound (ratio below 1 − 10⁻⁶), not at a structural equality.</summary>
    private const double InsideScore = -1e-6;

    /// <summary>Evaluations a shrink may spend: shrinking a long history one step at a time costs O(T²).</summary>
    private const int ShrinkEvaluations = 4000;

    public static ClaimResult Run<T>(Claim<T> claim, SearchBudget budget)
    {
        bool conditional = claim.ConditionDescription is not null;
        HypothesisDomain<T>? domain = claim.Domain;
        Scope<T> inside = Search(claim, budget, domain, i => claim.Condition(i), "inside");
        Scope<T>? outside = conditional ? Search(claim, budget, domain, i => !claim.Condition(i), "outside") : null;

        var families = claim.Families.Select((f, k) => new FamilyResult(
            f.Name, inside.Trials[k], inside.SampledViolation[k],
            outside?.Trials[k] ?? 0, outside?.SampledViolation[k] ?? false, outside?.SampledViolations[k] ?? 0)).ToList();

        Counterexample? counterexample = inside.Counterexample(claim, insideCondition: true) ?? outside?.Counterexample(claim, insideCondition: false);
        Verdict verdict = inside.Probe.Violated ? Verdict.Falsified : outside?.Probe.Violated == true ? Verdict.HoldsOnlyIf : Verdict.Holds;
        BestInstance? best = inside.Probe.Best is { } b
            ? new BestInstance(inside.Probe.BestFamily, inside.Probe.BestScore, inside.Probe.BestSides, domain?.Describe(b) ?? DomainMoves.OneLine(b))
            : null;
        return new ClaimResult(claim.Info, verdict, families, counterexample, claim.ConditionDescription)
        {
            Domain = domain?.Summary ?? "",
            Best = best,
            TargetedEvaluations = inside.Targeted + (outside?.Targeted ?? 0),
            Skipped = inside.Probe.Skipped + (outside?.Probe.Skipped ?? 0),
            OutsideTargeted = outside is { Targeted: > 0 },
        };
    }

    private static Scope<T> Search<T>(Claim<T> claim, SearchBudget budget, HypothesisDomain<T>? domain, Func<T, bool> scope, string scopeName)
    {
        var probe = new Probe<T>(claim, scope);
        var scopeResult = new Scope<T>(probe, claim.Families.Count);
        var starts = new List<(T Instance, double Score, string Family)>();
        var interior = new List<(T Instance, double Score, string Family)>();
        for (int k = 0; k < claim.Families.Count; k++)
        {
            InstanceFamily<T> family = claim.Families[k];
            FamilySample<T> sample = Sample(probe, claim, family, budget, scopeName);
            scopeResult.Trials[k] = sample.Trials;
            scopeResult.SampledViolation[k] = sample.Violations > 0;
            scopeResult.SampledViolations[k] = sample.Violations;
            if (sample.Best is not null)
            {
                starts.Add((sample.Best, sample.BestScore, family.Name));
            }

            if (sample.Interior is not null && sample.BestScore > InsideScore)
            {
                interior.Add((sample.Interior, sample.InteriorScore, family.Name));
            }
        }

        if (!probe.Violated && domain is not null && budget.TargetedEvaluations > 0)
        {
            int before = probe.Evaluations;
            List<(T, string)> ordered = Ranked(starts).Concat(Ranked(interior))
                .Take(MaxStarts)
                .ToList();
            TargetedSearch.Run(probe, domain, ordered, budget.TargetedEvaluations, Seed(budget.Seed, claim.Info.Id, "targeted/" + scopeName));
            scopeResult.Targeted = probe.Evaluations - before;
        }

        if (probe.Violation is { } violation)
        {
            InstanceFamily<T> family = claim.Families.FirstOrDefault(f => probe.ViolationFamily.StartsWith(f.Name, StringComparison.Ordinal)) ?? claim.Families[0];
            scopeResult.Shrunk = Shrink(probe, family, violation, probe.ViolationFamily);
        }

        return scopeResult;
    }

    private static IEnumerable<(T, string)> Ranked<T>(List<(T Instance, double Score, string Family)> candidates) =>
        candidates.Select((c, order) => (c, order)).OrderByDescending(x => x.c.Score).ThenBy(x => x.order).Select(x => (x.c.Instance, x.c.Family));

    private sealed record FamilySample<T>(int Trials, int Violations, T? Best, double BestScore, T? Interior, double InteriorScore);

    /// <summary>
    /// Samples one family. Every in-scope instance is scored; inside the condition sampling stops counting at the
    /// first violation (the count says how far it got), outside it counts every violation (how often C is needed).
    /// </summary>
    private static FamilySample<T> Sample<T>(
        Probe<T> probe, Claim<T> claim, InstanceFamily<T> family, SearchBudget budget, string scopeName)
    {
        int trials = 0, violations = 0;
        T? best = default, interior = default;
        double bestScore = double.NegativeInfinity, interiorScore = double.NegativeInfinity;
        // Inside the condition the family that found the claim's first violation stops there (its count says how far
        // it got); outside it every instance is counted, to tell how often the condition is needed.
        bool stopAtFirst = scopeName == "inside" && !probe.Violated;
        bool done = false;
        Property property = Prop.ForAll(
            Arb.From(family.Generator),
            instance =>
            {
                if (done || !probe.InScope(instance))
                {
                    return true;
                }

                bool hadViolation = probe.Violated;
                int skipped = probe.Skipped;
                double score = probe.Score(instance, family.Name);
                if (probe.Skipped > skipped)
                {
                    return true;   // counted in the claim's skipped instances, not as a trial
                }

                trials++;
                bool violated = score >= 1e6;
                if (violated)
                {
                    violations++;
                    done = stopAtFirst && !hadViolation;
                }

                if (score > bestScore)
                {
                    (best, bestScore) = (instance, score);
                }

                if (score < InsideScore && score > interiorScore)
                {
                    (interior, interiorScore) = (instance, score);
                }

                return true;
            });

        Config config = Config.Quick
            .WithMaxTest(budget.TrialsFor(family.GateTrials))
            .WithQuietOnSuccess(true)
            .WithRunner(SilentRunner.Instance)
            .WithReplay(Seed(budget.Seed, claim.Info.Id, scopeName == "inside" ? family.Name : family.Name + "/outside"), 0x9E3779B97F4A7C15UL);
        FsCheck.Check.One(config, property);
        return new FamilySample<T>(trials, violations, best, bestScore, interior, interiorScore);
    }

    /// <summary>Greedy shrinking: repeatedly take the first simpler instance that still violates, within a fixed evaluation budget.</summary>
    private static T Shrink<T>(Probe<T> probe, InstanceFamily<T> family, T violation, string familyName)
    {
        T current = violation;
        int spent = 0;
        bool moved = true;
        while (moved && spent < ShrinkEvaluations)
        {
            moved = false;
            foreach (T candidate in family.Shrink(current))
            {
                if (++spent > ShrinkEvaluations)
                {
                    break;
                }

                if (probe.Violates(candidate, familyName))
                {
                    current = candidate;
                    moved = true;
                    break;
                }
            }
        }

        return current;
    }

    /// <summary>FNV-1a over the seed and the names: stable across runs and platforms (string.GetHashCode is not).</summary>
    internal static ulong Seed(ulong seed, string claimId, string family)
    {
        ulong hash = 14695981039346656037UL ^ seed;
        foreach (byte b in Encoding.UTF8.GetBytes(claimId + "\u0000" + family))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    private sealed class Scope<T>(Probe<T> probe, int families)
    {
        public Probe<T> Probe { get; } = probe;

        public int[] Trials { get; } = new int[families];

        public bool[] SampledViolation { get; } = new bool[families];

        public int[] SampledViolations { get; } = new int[families];

        public int Targeted { get; set; }

        public T? Shrunk { get; set; }

        public Counterexample? Counterexample(Claim<T> claim, bool insideCondition) =>
            Probe.Violated && Shrunk is { } shrunk
                ? new Counterexample(claim.Info.Id, Probe.ViolationFamily, JsonSerializer.SerializeToElement(shrunk, CounterexampleStore.JsonOptions), claim.Evaluate(shrunk), insideCondition)
                : null;
    }
}
