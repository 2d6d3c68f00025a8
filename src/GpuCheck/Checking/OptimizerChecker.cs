using Verification.Gpu;
using Verification.Gpu.CrossCheck;
using Verification.GpuCheck.Cli;
using Verification.GpuCheck.Report;
using Verification.Reference.Optimizers;

namespace Verification.GpuCheck.Checking;

/// <summary>
/// Checks one catalogue entry on the device with the code the tests use (<see cref="DoubleCrossCheck"/>,
/// <see cref="FloatCrossCheck"/>): float64 until the first differing value, float32 over every run (the worst error
/// is what counts). A device error ends that precision's check with the verdict <c>error</c>.
/// </summary>
internal static class OptimizerChecker
{
    /// <summary>The verdict for (<paramref name="name"/>, <paramref name="create"/>).</summary>
    public static OptimizerSummary Check(IGradientMethodBackend backend, string name, Func<IGradientOptimizer> create, GpuCheckSettings settings)
    {
        IReadOnlyList<CrossCheckCase> cases = CheckPlan.Cases(name, settings);
        IGradientOptimizer configuration = create();
        PrecisionSummary float64 = backend.SupportsFloat64
            ? Double(backend, configuration, cases)
            : new PrecisionSummary(Verdicts.NotRun, 0, 0, null, null, "the device has no fp64 (no cl_khr_fp64, CL_DEVICE_DOUBLE_FP_CONFIG = 0)");
        PrecisionSummary float32 = FloatCrossCheck.Exclusion(configuration) is { } exclusion
            ? new PrecisionSummary(Verdicts.Excluded, 0, 0, null, null, exclusion)
            : Float(backend, configuration, cases);
        string verdict = Verdicts.IsMatching(float64.Verdict) && Verdicts.IsMatching(float32.Verdict) ? Verdicts.Matching : Verdicts.Mismatch;
        return new OptimizerSummary(name, configuration.GetType().Name, verdict, float64, float32);
    }

    private static PrecisionSummary Double(IGradientMethodBackend backend, IGradientOptimizer configuration, IReadOnlyList<CrossCheckCase> cases)
    {
        int runs = 0;
        long values = 0;
        foreach (CrossCheckCase c in cases)
        {
            DoubleCrossCheckResult result;
            try
            {
                result = DoubleCrossCheck.Run(backend, configuration, c);
            }
            catch (OpenClException e)
            {
                return new PrecisionSummary(Verdicts.Error, runs, values, null, null, $"{c}: {e.Message}");
            }

            runs++;
            values += result.ValuesCompared;
            if (result.Mismatch is { } mismatch)
            {
                return new PrecisionSummary(Verdicts.Mismatch, runs, values, null, DifferenceSummary.From(c, mismatch), null);
            }
        }

        return new PrecisionSummary(Verdicts.Matching, runs, values, null, null, null);
    }

    private static PrecisionSummary Float(IGradientMethodBackend backend, IGradientOptimizer configuration, IReadOnlyList<CrossCheckCase> cases)
    {
        int runs = 0;
        long values = 0;
        double worst = 0.0;
        DifferenceSummary? worstAt = null;
        foreach (CrossCheckCase c in cases)
        {
            FloatCrossCheckResult result;
            try
            {
                result = FloatCrossCheck.Run(backend, configuration, c);
            }
            catch (OpenClException e)
            {
                return new PrecisionSummary(Verdicts.Error, runs, values, worst, worstAt, $"{c}: {e.Message}");
            }

            runs++;
            values += result.ValuesCompared;
            if (result.Worst is { } at && result.WorstRatio > worst)
            {
                worst = result.WorstRatio;
                worstAt = DifferenceSummary.From(c, at, result.WorstRatio);
            }
        }

        return new PrecisionSummary(worst <= 1.0 ? Verdicts.Matching : Verdicts.Mismatch, runs, values, worst, worstAt, null);
    }
}
