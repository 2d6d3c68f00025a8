using System.Globalization;
using Verification.Claims.Catalogue;
using Verification.Claims.Certification.Arithmetic;
using Verification.Claims.Certification.Symbolic;

namespace Verification.Claims.Certification.Boxes;

/// <summary>
/// Certifies a claim on a box: for each discrete choice, left − right is recorded as an expression (shared terms
/// cancelled), then boxes are bounded in interval arithmetic, first-in first-out, and split at the midpoint of their
/// relatively widest side. A box is proved when the upper bound of left − right is ≤ 0 (for an identity also the lower
/// bound ≥ 0), violated when its lower bound is &gt; 0. Bounds use the better of the plain enclosure and the mean-value
/// form, each after moving to the face where the derivative enclosure shows the function largest (or smallest), with
/// that face substituted into the expression so that terms vanishing there cancel.
/// </summary>
public static class BranchAndBound
{
    /// <summary>Certifies <paramref name="target"/> within <paramref name="budget"/>.</summary>
    /// <param name="target">The claim's box and sides.</param>
    /// <param name="budget">Boxes per choice and resolution.</param>
    /// <param name="choices">Only these choices (indices into the target's list), or null for all.</param>
    public static Certificate Run(CertificationTarget target, CertificationBudget budget, IReadOnlyList<int>? choices = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(budget);
        IReadOnlyList<int> selected = choices ?? Enumerable.Range(0, target.Choices.Count).ToList();
        if (selected.Any(c => c < 0 || c >= target.Choices.Count))
        {
            throw new ArgumentOutOfRangeException(nameof(choices), $"The target has choices 0 … {target.Choices.Count - 1}.");
        }

        var outcomes = new List<ChoiceOutcome>();
        foreach (int choice in selected)
        {
            ChoiceOutcome outcome = RunChoice(target, choice, budget);
            outcomes.Add(outcome);
            if (outcome.Violated is not null && target.BoundaryCoordinate is null)
            {
                break;   // one certified violation settles the row; the boundary of a conditional row needs the whole map
            }
        }

        return Summarise(target, outcomes, selected.Count);
    }

    private sealed class ChoiceOutcome
    {
        public int Boxes { get; set; }

        public double ProvedVolume { get; set; }

        public double WorstUpper { get; set; } = double.NegativeInfinity;

        public bool UsedTolerance { get; set; }

        public double WorstRelative { get; set; }

        public int Unresolved { get; set; }

        public (Interval[] Box, double Width)? SmallestUnresolved { get; set; }

        public Interval[]? Violated { get; set; }

        public double ViolatedUpTo { get; set; } = double.NegativeInfinity;

        public double UnprovedUpTo { get; set; } = double.NegativeInfinity;

        public int Choice { get; init; }

        public IReadOnlySet<int> Used { get; init; } = new HashSet<int>();
    }

    private static ChoiceOutcome RunChoice(CertificationTarget target, int choice, CertificationBudget budget)
    {
        int n = target.Coordinates.Count;
        Expr[] variables = Enumerable.Range(0, n).Select(Expr.Variable).ToArray();
        (Expr left, Expr right) = target.Sides.Evaluate<Expr>(variables, choice);
        Expr difference = left - right;
        Expr magnitude = Expr.Max(Expr.Abs(left), Expr.Abs(right));

        // Only the coordinates this choice's difference depends on are split and measured (a shorter horizon leaves
        // later coordinates out; cancelled terms may leave others out).
        var used = new HashSet<int>(ExprEvaluation.Variables(difference));
        double[] fullWidth = target.Coordinates.Select((c, i) => used.Contains(i) ? c.Hi - c.Lo : 0.0).ToArray();
        var outcome = new ChoiceOutcome { Choice = choice, Used = used };
        var queue = new Queue<Interval[]>();
        queue.Enqueue(target.Coordinates.Select(c => new Interval(c.Lo, c.Hi)).ToArray());
        bool identity = target.Relation == Relation.Equal;
        while (queue.Count > 0)
        {
            Interval[] box = queue.Dequeue();
            outcome.Boxes++;
            double upper = Upper(difference, box);
            double lower = -Upper(-difference, box);
            double relativeWidth = RelativeWidth(box, fullWidth, out int widest);
            bool proved = identity ? upper <= 0.0 && lower >= 0.0 : upper <= 0.0;
            if (!proved && !identity && target.Tolerance > 0.0 && upper > 0.0)
            {
                Interval scale = ExprEvaluation.Enclose(magnitude, box);
                if (!scale.IsUndefined && double.IsFinite(scale.Hi) && scale.Hi > 0.0 && upper <= target.Tolerance * scale.Hi)
                {
                    proved = true;
                    outcome.UsedTolerance = true;
                    outcome.WorstRelative = Math.Max(outcome.WorstRelative, upper / scale.Hi);
                }
            }

            if (proved)
            {
                outcome.ProvedVolume += Volume(box, fullWidth);
                outcome.WorstUpper = Math.Max(outcome.WorstUpper, identity ? Math.Max(upper, -lower) : upper);
                continue;
            }

            bool violated = lower > 0.0 || (identity && upper < 0.0);
            if (violated)
            {
                outcome.Violated ??= box;
                if (target.BoundaryCoordinate is { } b)
                {
                    outcome.ViolatedUpTo = Math.Max(outcome.ViolatedUpTo, box[b].Hi);
                    outcome.UnprovedUpTo = Math.Max(outcome.UnprovedUpTo, box[b].Hi);
                    continue;
                }

                return outcome;
            }

            if (relativeWidth < budget.Resolution || outcome.Boxes + queue.Count >= budget.BoxesPerChoice)
            {
                Unresolved(outcome, box, relativeWidth, target.BoundaryCoordinate);
                continue;
            }

            (Interval lowerHalf, Interval upperHalf) = Split(box[widest]);
            Interval[] a = (Interval[])box.Clone(), c = (Interval[])box.Clone();
            a[widest] = lowerHalf;
            c[widest] = upperHalf;
            queue.Enqueue(a);
            queue.Enqueue(c);
        }

        return outcome;
    }

    private static void Unresolved(ChoiceOutcome outcome, Interval[] box, double relativeWidth, int? boundary)
    {
        outcome.Unresolved++;
        if (outcome.SmallestUnresolved is not { } smallest || relativeWidth < smallest.Width)
        {
            outcome.SmallestUnresolved = (box, relativeWidth);
        }

        if (boundary is { } b)
        {
            outcome.UnprovedUpTo = Math.Max(outcome.UnprovedUpTo, box[b].Hi);
        }
    }

    /// <summary>An upper bound of <paramref name="f"/> over <paramref name="box"/>.</summary>
    private static double Upper(Expr f, Interval[] box)
    {
        IntervalGradient d = ExprEvaluation.EncloseWithGradient(f, box);
        double best = d.Value.IsUndefined ? double.PositiveInfinity : d.Value.Hi;
        if (best <= 0.0)
        {
            return best;
        }

        // Monotone coordinates: the maximum lies on the face where f is largest; substitute it and bound again.
        var face = new double?[box.Length];
        Interval[] reduced = (Interval[])box.Clone();
        bool moved = false;
        for (int i = 0; i < box.Length; i++)
        {
            Interval g = d.Gradient[i];
            if (box[i].IsPoint || g.IsUndefined)
            {
                continue;
            }

            if (g.Lo >= 0.0 || g.Hi <= 0.0)
            {
                double end = g.Lo >= 0.0 ? box[i].Hi : box[i].Lo;
                face[i] = end;
                reduced[i] = Interval.Point(end);
                moved = true;
            }
        }

        Expr onFace = f;
        if (moved)
        {
            onFace = ExprEvaluation.Substitute(f, face);
            d = ExprEvaluation.EncloseWithGradient(onFace, reduced);
            if (!d.Value.IsUndefined)
            {
                best = Math.Min(best, d.Value.Hi);
            }
        }

        return Math.Min(best, MeanValueUpper(onFace, reduced, d));
    }

    /// <summary>f(c) + Σ D_i (X_i − c_i) at the centre c, rounded up.</summary>
    private static double MeanValueUpper(Expr f, Interval[] box, IntervalGradient d)
    {
        if (d.Gradient.Any(g => g.IsUndefined))
        {
            return double.PositiveInfinity;
        }

        Interval[] centre = box.Select(x => Interval.Point(x.Mid)).ToArray();
        Interval value = ExprEvaluation.Enclose(f, centre);
        if (value.IsUndefined)
        {
            return double.PositiveInfinity;
        }

        for (int i = 0; i < box.Length; i++)
        {
            if (!box[i].IsPoint)
            {
                value += d.Gradient[i] * (box[i] - centre[i]);
            }
        }

        return value.Hi;
    }

    private static (Interval Lower, Interval Upper) Split(Interval x)
    {
        double mid = x.Mid;
        return (new Interval(x.Lo, mid), new Interval(mid, x.Hi));
    }

    private static double RelativeWidth(Interval[] box, double[] fullWidth, out int widest)
    {
        widest = -1;
        double largest = 0.0;
        for (int i = 0; i < box.Length; i++)
        {
            if (fullWidth[i] > 0.0)
            {
                double w = (box[i].Hi - box[i].Lo) / fullWidth[i];
                if (w > largest)
                {
                    (largest, widest) = (w, i);
                }
            }
        }

        return largest;
    }

    private static double Volume(Interval[] box, double[] fullWidth)
    {
        double v = 1.0;
        for (int i = 0; i < box.Length; i++)
        {
            if (fullWidth[i] > 0.0)
            {
                v *= (box[i].Hi - box[i].Lo) / fullWidth[i];
            }
        }

        return v;
    }

    private static Certificate Summarise(CertificationTarget target, List<ChoiceOutcome> outcomes, int choiceCount)
    {
        int boxes = outcomes.Sum(o => o.Boxes);
        double volume = outcomes.Sum(o => o.ProvedVolume) / choiceCount;
        ChoiceOutcome? violated = outcomes.FirstOrDefault(o => o.Violated is not null);
        bool allProved = outcomes.Count == choiceCount && outcomes.All(o => o.Violated is null && o.Unresolved == 0);
        CertificateKind kind = violated is not null ? CertificateKind.Violated
            : !allProved ? CertificateKind.Undecided
            : outcomes.Any(o => o.UsedTolerance) ? CertificateKind.CertifiedWithin
            : CertificateKind.Certified;
        double worst = outcomes.Select(o => o.WorstUpper).DefaultIfEmpty(double.NegativeInfinity).Max();
        var certificate = new Certificate(kind, target.Box, choiceCount, boxes, volume)
        {
            WorstUpper = double.IsFinite(worst) ? worst : null,
            Tolerance = outcomes.Any(o => o.UsedTolerance) ? Math.BitIncrement(outcomes.Max(o => o.WorstRelative)) : null,
        };

        if (violated?.Violated is { } box)
        {
            double[] mid = box.Select(x => x.Mid).ToArray();
            (Real left, Real right) = target.Sides.Evaluate<Real>(mid.Select(v => new Real(v)).ToArray(), violated.Choice);
            certificate = certificate with
            {
                ViolatedBox = Describe(target, violated.Choice, box, violated.Used),
                WitnessLeft = left.Value,
                WitnessRight = right.Value,
            };
        }

        ChoiceOutcome? unresolved = outcomes.Where(o => o.SmallestUnresolved is not null).MinBy(o => o.SmallestUnresolved!.Value.Width);
        if (unresolved?.SmallestUnresolved is { } smallest)
        {
            certificate = certificate with { SmallestUnresolved = Describe(target, unresolved.Choice, smallest.Box, unresolved.Used) };
        }

        if (target.BoundaryCoordinate is { } b)
        {
            double violatedUpTo = outcomes.Max(o => o.ViolatedUpTo), unproved = outcomes.Max(o => o.UnprovedUpTo);
            certificate = certificate with
            {
                BoundaryName = target.Coordinates[b].Name,
                ViolatedUpTo = double.IsFinite(violatedUpTo) ? violatedUpTo : null,
                ProvedAbove = double.IsFinite(unproved) ? unproved : target.Coordinates[b].Lo,
            };
        }

        return certificate;
    }

    /// <summary>A sub-box in one line: its choice and the range of each coordinate in <paramref name="used"/>.</summary>
    private static string Describe(CertificationTarget target, int choice, IReadOnlyList<Interval> box, IReadOnlySet<int> used)
    {
        string ranges = string.Join(", ", target.Coordinates.Select((c, i) => (c, i)).Where(p => used.Contains(p.i))
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.c.Name} ∈ [{box[p.i].Lo:G6}, {box[p.i].Hi:G6}]")));
        return $"{target.Choices[choice]}: {ranges}";
    }
}
