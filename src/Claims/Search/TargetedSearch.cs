using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Verification.Claims.Catalogue;

namespace Verification.Claims.Search;

/// <summary>
/// The targeted strategy, in the spirit of Hypothesis's <c>target()</c> and PropEr's targeted property-based testing:
/// from the best sampled instances it maximises the violation score with Nelder–Mead (MathNet) over the domain's
/// continuous coordinates, alternated with the best of the domain's discrete moves, and a random kick when both stall.
/// It stops at the first violation. Every draw comes from a <see cref="SearchRandom"/> keyed by the claim, the scope
/// and the start, so the result is a function of the seed alone.
/// </summary>
internal static class TargetedSearch
{
    /// <summary>Discrete moves tried per round: enough to reach every kind of neighbour, few enough to leave room for Nelder–Mead.</summary>
    private const int NeighboursPerRound = 12;

    /// <summary>Rounds in a row without improvement after which a start is abandoned.</summary>
    private const int StallLimit = 3;

    public static void Run<T>(Probe<T> probe, HypothesisDomain<T> domain, IReadOnlyList<(T Instance, string Family)> starts, int evaluations, ulong seed)
    {
        if (starts.Count == 0 || evaluations <= 0)
        {
            return;
        }

        // Two thirds of the budget explore: a short climb from every start. The rest exploits: it keeps climbing from
        // the best instances the starts reached, in turn, restarting (with a kick) whenever a climb stalls.
        int stop = probe.Evaluations + evaluations;
        int explore = probe.Evaluations + evaluations * 2 / 3;
        var reached = new List<(T Instance, double Score, string Family)>();
        for (int s = 0; s < starts.Count && !probe.Violated && probe.Evaluations < explore; s++)
        {
            int share = (explore - probe.Evaluations) / (starts.Count - s);
            string family = starts[s].Family + "+targeted";
            (T best, double score) = Climb(probe, domain, starts[s].Instance, family, probe.Evaluations + Math.Max(1, share), new SearchRandom(seed, (ulong)s));
            reached.Add((best, score, family));
            Trace($"start {s} ({family}): {domain.Describe(starts[s].Instance)} → score {score:G6}: {domain.Describe(best)}");
        }

        ulong round = (ulong)starts.Count;
        var continued = new HashSet<object>(ReferenceEqualityComparer.Instance);
        while (!probe.Violated && probe.Evaluations < stop && reached.Count > 0)
        {
            // Leaders strictly inside the bound first: one reached with equality is usually a degenerate edge.
            var leaders = reached.Where(r => r.Score < -1e-9).OrderByDescending(r => r.Score).Take(3).ToList();
            leaders = leaders.Count > 0 ? leaders : reached.OrderByDescending(r => r.Score).Take(3).ToList();
            (T Instance, double Score, string Family) leader = leaders[(int)(round % (ulong)leaders.Count)];
            int before = probe.Evaluations;
            // Each exploit climb gets at most a sixth of the budget, so that several leaders take their turn.
            int until = Math.Min(stop, probe.Evaluations + Math.Max(1, evaluations / 6));
            // A leader's first exploit climb continues where exploration stopped (it ran out of budget, not of moves);
            // a leader climbed from before is kicked first, so that the climb does not retrace its path.
            bool revisited = !continued.Add(leader.Instance!);
            (T best, double score) = Climb(probe, domain, leader.Instance, leader.Family, until, new SearchRandom(seed, round++), kickFirst: revisited);
            if (!revisited || score > leader.Score)
            {
                reached.Remove(leader);
            }

            reached.Add((best, score, leader.Family));
            Trace($"exploit round {round} from {leader.Family} (score {leader.Score:G6}) → {score:G6}: {domain.Describe(best)}");
            if (probe.Evaluations == before)
            {
                break;   // nothing left to evaluate from there (every move leaves the domain)
            }
        }
    }

    private static (T Best, double Score) Climb<T>(Probe<T> probe, HypothesisDomain<T> domain, T start, string family, int stop, SearchRandom random, bool kickFirst = false)
    {
        T current = start;
        double currentScore = double.NegativeInfinity;
        if (kickFirst)
        {
            T kicked = Kick(domain, start, random, scale: 1);
            if (domain.Contains(kicked) && probe.InScope(kicked))
            {
                current = kicked;
            }
        }

        currentScore = probe.Score(current, family);
        T best = current;
        double bestScore = currentScore;
        int stalls = 0;
        while (!probe.Violated && probe.Evaluations < stop && stalls < StallLimit)
        {
            bool improved = false;
            (T simplexBest, double simplexScore) = NelderMead(probe, domain, current, family, stop);
            if (simplexScore > currentScore)
            {
                (current, currentScore, improved) = (simplexBest, simplexScore, true);
            }

            foreach (T neighbour in domain.Neighbours(current, random).Take(NeighboursPerRound).ToList())
            {
                if (probe.Violated || probe.Evaluations >= stop)
                {
                    break;
                }

                if (!domain.Contains(neighbour))
                {
                    continue;
                }

                double score = probe.Score(neighbour, family);
                if (score > currentScore)
                {
                    (current, currentScore, improved) = (neighbour, score, true);
                }
            }

            if (currentScore > bestScore)
            {
                (best, bestScore) = (current, currentScore);
            }

            if (improved)
            {
                stalls = 0;
                continue;
            }

            stalls++;
            T kicked = Kick(domain, current, random, scale: stalls);
            if (domain.Contains(kicked) && probe.InScope(kicked) && probe.Evaluations < stop)
            {
                (current, currentScore) = (kicked, probe.Score(kicked, family));
            }
        }

        return (best, bestScore);
    }

    private static (T Best, double Score) NelderMead<T>(Probe<T> probe, HypothesisDomain<T> domain, T template, string family, int stop)
    {
        double[] x0 = domain.Encode(template);
        if (x0.Length == 0)
        {
            return (template, double.NegativeInfinity);
        }

        T best = template;
        double bestScore = double.NegativeInfinity;
        // A few simplex iterations per round, so that discrete moves get their turn even in a short climb.
        int budget = Math.Min(stop - probe.Evaluations, 2 * (x0.Length + 1) + 10);
        int used = 0;
        double Objective(Vector<double> x)
        {
            if (probe.Violated || used >= budget)
            {
                throw new BudgetSpent();
            }

            T candidate = domain.Decode(template, x.ToArray());
            if (!domain.Contains(candidate) || !probe.InScope(candidate))
            {
                return 1e300;   // outside the hypotheses: the simplex contracts away from it
            }

            used++;
            double score = probe.Score(candidate, family);
            if (score > bestScore)
            {
                (best, bestScore) = (candidate, score);
            }

            return -score;
        }

        try
        {
            NelderMeadSimplex.Minimum(
                ObjectiveFunction.Value(Objective),
                Vector<double>.Build.DenseOfArray(x0),
                Vector<double>.Build.Dense(x0.Length, 0.5),
                convergenceTolerance: 1e-10,
                maximumIterations: budget);
        }
        catch (BudgetSpent)
        {
        }
        catch (MaximumIterationsException)
        {
            // Iteration limit or a flat simplex: what it visited is kept in best.
        }

        return (best, bestScore);
    }

    private static T Kick<T>(HypothesisDomain<T> domain, T current, SearchRandom random, int scale)
    {
        double[] x = domain.Encode(current);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] += 0.5 * scale * random.NextGaussian();
        }

        return x.Length == 0 ? current : domain.Decode(current, x);
    }

    /// <summary>With VERIFICATION_SEARCH_TRACE set, each climb's start and outcome go to standard error (why did a bound hold?).</summary>
    private static void Trace(string line)
    {
        if (TraceOn)
        {
            Console.Error.WriteLine(line);
        }
    }

    private static readonly bool TraceOn = Environment.GetEnvironmentVariable("VERIFICATION_SEARCH_TRACE") is { Length: > 0 };

    private sealed class BudgetSpent : Exception;
}
