using Verification.Claims.Catalogue;

namespace Verification.Claims.Search;

/// <summary>
/// Evaluates instances of one claim within one scope (inside or outside its condition) and remembers the best one and
/// the first violation. Evaluation errors of the kinds a bad instance can cause are reported with the claim and family,
/// never swallowed.
/// </summary>
internal sealed class Probe<T>(Claim<T> claim, Func<T, bool> scope)
{
    public int Evaluations { get; private set; }

    /// <summary>Instances skipped because double arithmetic could not represent their evaluation.</summary>
    public int Skipped { get; private set; }

    public T? Best { get; private set; }

    public double BestScore { get; private set; } = double.NegativeInfinity;

    public Sides BestSides { get; private set; }

    public string BestFamily { get; private set; } = "";

    public T? Violation { get; private set; }

    public string ViolationFamily { get; private set; } = "";

    public bool Violated => Violation is not null;

    public bool InScope(T instance) => scope(instance);

    /// <summary>The score of <paramref name="instance"/>; −∞ when it lies outside the scope (it is then not counted).</summary>
    public double Score(T instance, string family)
    {
        if (!scope(instance))
        {
            return double.NegativeInfinity;
        }

        Evaluations++;
        Sides sides;
        try
        {
            sides = Evaluate(instance, family);
        }
        catch (UnrepresentableInstanceException)
        {
            Skipped++;
            return double.NegativeInfinity;
        }

        double score = ViolationScore.Of(sides, claim.Info.Relation);
        bool violated = claim.Slack.Violates(sides, claim.Info.Relation);
        if (score > BestScore || Best is null || (violated && Violation is null))
        {
            Best = instance;
            BestScore = score;
            BestSides = sides;
            BestFamily = family;
        }

        if (violated && Violation is null)
        {
            Violation = instance;
            ViolationFamily = family;
        }

        // A violation ranks above every instance that is not one, whatever the slack made of its score.
        return violated ? Math.Max(score, 1e6) : Math.Min(score, 700.0);
    }

    /// <summary>Whether <paramref name="instance"/> violates the claim (shrinking; not counted as a search evaluation).</summary>
    public bool Violates(T instance, string family)
    {
        try
        {
            return scope(instance) && claim.Slack.Violates(Evaluate(instance, family), claim.Info.Relation);
        }
        catch (UnrepresentableInstanceException)
        {
            return false;
        }
    }

    private Sides Evaluate(T instance, string family)
    {
        try
        {
            return claim.Evaluate(instance);
        }
        catch (Exception e) when (e is not UnrepresentableInstanceException && (e is ArithmeticException or ArgumentException or InvalidOperationException or IndexOutOfRangeException))
        {
            throw new InvalidOperationException($"{claim.Info.Id} could not be evaluated on an instance of family {family}: {e.Message}", e);
        }
    }
}
