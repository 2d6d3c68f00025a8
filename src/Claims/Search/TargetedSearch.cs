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

        int stop = probe.Evaluations + evaluations;
        for (int s = 0; s < starts.Count && !probe.Violated && probe.Evaluations < stop; s++)
        {
            // Later starts inherit what earlier ones left unspent.
            int share = (stop - probe.Evaluations) / (starts.Count - s);
            var random = new SearchRandom(seed, (ulong)s);
            Climb(probe, domain, starts[s].Instance, starts[s].Family + "+targeted", Math.Min(stop, probe.Evaluations + share), random);
        }
    }

    private static void Climb<T>(Probe<T> probe, HypothesisDomain<T> domain, T start, string family, int stop, SearchRandom random)
    {
        T current = start;
        double currentScore = probe.Score(start, family);
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
                    return;
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

            if (improved)
            {
                stalls = 0;
                continue;
            }

            stalls++;
            T kicked = Kick(domain, current, random, scale: stalls);
            if (domain.Contains(kicked) && probe.InScope(kicked))
            {
                (current, currentScore) = (kicked, probe.Score(kicked, family));
            }
        }
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
        int budget = Math.Min(stop - probe.Evaluations, 40 + 20 * x0.Length);
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

    private sealed class BudgetSpent : Exception;
}
