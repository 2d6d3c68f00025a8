using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Verification.Claims.Catalogue;

namespace Verification.Claims.Search;

/// <summary>
/// Runs a claim's families through FsCheck with a replay seed derived from (base seed, claim id, family name), so a
/// search is deterministic on any machine and thread count, and shrinks the first violation with the family's shrinker.
/// </summary>
internal static class CounterexampleSearch
{
    public static ClaimResult Run<T>(Claim<T> claim, SearchBudget budget)
    {
        bool conditional = claim.ConditionDescription is not null;
        var families = new List<FamilyResult>();
        Counterexample? inside = null, outside = null;
        foreach (InstanceFamily<T> family in claim.Families)
        {
            int trials = budget.TrialsFor(family.GateTrials);
            Scan<T> scanInside = Check(claim, family, budget, trials, scope: i => claim.Condition(i));
            Scan<T> scanOutside = conditional ? Check(claim, family, budget, trials, scope: i => !claim.Condition(i)) : Scan<T>.Empty;
            families.Add(new FamilyResult(family.Name, scanInside.InScope, scanInside.HasFailure, scanOutside.InScope, scanOutside.HasFailure));
            inside ??= scanInside.HasFailure ? Describe(claim, family, scanInside.FailureValue!, insideCondition: true) : null;
            outside ??= scanOutside.HasFailure ? Describe(claim, family, scanOutside.FailureValue!, insideCondition: false) : null;
        }

        Verdict verdict = inside is not null ? Verdict.Falsified : outside is not null ? Verdict.HoldsOnlyIf : Verdict.Holds;
        return new ClaimResult(claim.Info, verdict, families, inside ?? outside, claim.ConditionDescription);
    }

    private static Counterexample Describe<T>(Claim<T> claim, InstanceFamily<T> family, T instance, bool insideCondition) =>
        new(claim.Info.Id, family.Name, JsonSerializer.SerializeToElement(instance, CounterexampleStore.JsonOptions), claim.Evaluate(instance), insideCondition);

    private static Scan<T> Check<T>(Claim<T> claim, InstanceFamily<T> family, SearchBudget budget, int trials, Func<T, bool> scope)
    {
        int inScope = 0;
        bool shrinking = false;
        T? lastFailure = default;
        bool failed = false;
        Exception? evaluationError = null;
        Property property = Prop.ForAll(
            Arb.From(family.Generator, family.Shrink),
            instance =>
            {
                if (!scope(instance))
                {
                    return true;
                }

                if (!shrinking)
                {
                    inScope++;
                }

                bool violated;
                try
                {
                    violated = claim.Slack.Violates(claim.Evaluate(instance), claim.Info.Relation);
                }
                catch (Exception e) when (e is ArithmeticException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
                {
                    evaluationError ??= new InvalidOperationException($"{claim.Info.Id} could not be evaluated on an instance of family {family.Name}: {e.Message}", e);
                    return true;
                }

                if (violated)
                {
                    shrinking = true;
                    failed = true;
                    lastFailure = instance;   // FsCheck only moves to failing candidates: the last one is the shrunk result
                }

                return !violated;
            });

        Config config = Config.Quick
            .WithMaxTest(trials)
            .WithQuietOnSuccess(true)
            .WithRunner(SilentRunner.Instance)
            .WithReplay(Seed(budget.Seed, claim.Info.Id, family.Name), 0x9E3779B97F4A7C15UL);
        FsCheck.Check.One(config, property);

        if (evaluationError is not null)
        {
            throw evaluationError;
        }

        return new Scan<T>(inScope, failed ? lastFailure : default, failed);
    }

    /// <summary>FNV-1a over the seed and the names: stable across runs and platforms (string.GetHashCode is not).</summary>
    private static ulong Seed(ulong seed, string claimId, string family)
    {
        ulong hash = 14695981039346656037UL ^ seed;
        foreach (byte b in Encoding.UTF8.GetBytes(claimId + "\u0000" + family))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    private readonly record struct Scan<T>(int InScope, T? FailureValue, bool HasFailure)
    {
        public static Scan<T> Empty => new(0, default, false);
    }
}
