using Verification.Gpu.CrossCheck;
using Verification.GpuCheck.Cli;

namespace Verification.GpuCheck.Checking;

/// <summary>
/// The cross-check runs of one catalogue entry: every size with the catalogued hyperparameters, plus two runs at
/// d = 257 with redrawn ones (learning rate, β₁, β₂, ε, keep rate, mask seed). Every seed is derived from the run's
/// seed, the entry's name and the size, so the same command checks the same values on every machine.
/// </summary>
internal static class CheckPlan
{
    /// <summary>The dimension of the redrawn-hyperparameter runs: not a multiple of 4 nor of the work-group size.</summary>
    public const int RedrawnSize = 257;

    /// <summary>How many runs with redrawn hyperparameters each entry gets.</summary>
    public const int RedrawnRuns = 2;

    /// <summary>The runs of <paramref name="name"/> under <paramref name="settings"/>.</summary>
    public static IReadOnlyList<CrossCheckCase> Cases(string name, GpuCheckSettings settings)
    {
        int zeroStep = settings.Steps >= 2 ? 2 : 0;
        var cases = settings.Sizes
            .Select(size => new CrossCheckCase(name, size, settings.Steps, zeroStep, Seed(settings.Seed, name, size, 0), HyperSeed: -1))
            .ToList();
        for (int k = 1; k <= RedrawnRuns; k++)
        {
            cases.Add(new CrossCheckCase(name, RedrawnSize, settings.Steps, zeroStep, Seed(settings.Seed, name, RedrawnSize, k), Seed(settings.Seed, name, -1, k)));
        }

        return cases;
    }

    /// <summary>A non-negative int from (seed, name, size, k) by FNV-1a (string.GetHashCode differs from process to process).</summary>
    internal static int Seed(ulong seed, string name, int size, int k)
    {
        ulong h = 14695981039346656037UL;
        void Mix(ulong word)
        {
            for (int b = 0; b < 8; b++)
            {
                h = (h ^ ((word >> (8 * b)) & 0xFF)) * 1099511628211UL;
            }
        }

        Mix(seed);
        foreach (char c in name)
        {
            Mix(c);
        }

        Mix((ulong)(long)size);
        Mix((ulong)(long)k);
        return (int)(h & int.MaxValue);
    }
}
