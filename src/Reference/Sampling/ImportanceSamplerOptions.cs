using Verification.Reference.Validation;

namespace Verification.Reference.Sampling;

/// <summary>
/// How DASGrad and ap-SGD draw examples. Every choice the DASGrad reconstruction marks UNKNOWN is an option here,
/// with the default named in its documentation.
/// </summary>
public sealed record ImportanceSamplerOptions
{
    /// <summary>Adaptive (default), uniform or fixed probabilities.</summary>
    public ProbabilitySource Source { get; init; } = ProbabilitySource.Adaptive;

    /// <summary>The distribution for <see cref="ProbabilitySource.Fixed"/> (length n, ≥ 0, summing to 1).</summary>
    public IReadOnlyList<double>? FixedProbabilities { get; init; }

    /// <summary>Mini-batch size B ≥ 1 (default 32, the paper's).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Refresh period k ≥ 1: probabilities are recomputed at steps t with (t − 1) mod k = 0 (default 10, the paper's for logistic regression).</summary>
    public int RefreshPeriod { get; init; } = 10;

    /// <summary>The small constant ε ≥ 0 (default 1e-6; the paper gives no value).</summary>
    public double Floor { get; init; } = 1e-6;

    /// <summary>How the constant enters (default <see cref="ProbabilityFloorMode.AddToScore"/>).</summary>
    public ProbabilityFloorMode FloorMode { get; init; } = ProbabilityFloorMode.AddToScore;

    /// <summary>Full pass (default) or seen-only refresh.</summary>
    public RefreshMode RefreshMode { get; init; } = RefreshMode.FullPass;

    /// <summary>With (default) or without replacement.</summary>
    public BatchReplacement Replacement { get; init; } = BatchReplacement.WithReplacement;

    /// <summary>No normalisation (default) or max-in-batch.</summary>
    public WeightNormalization WeightNormalization { get; init; } = WeightNormalization.None;

    /// <summary>The seed of the index-sampling stream.</summary>
    public ulong Seed { get; init; }

    /// <summary>Checks every field against a problem of <paramref name="exampleCount"/> examples.</summary>
    public void Validate(int exampleCount)
    {
        Guard.AtLeast("example_count", exampleCount, 1);
        Guard.AtLeast("batch_size", BatchSize, 1);
        Guard.AtLeast("refresh_period", RefreshPeriod, 1);
        Guard.NonNegative("floor", Floor);
        if (FloorMode == ProbabilityFloorMode.MixWithUniform && Floor > 1.0)
        {
            throw new InvalidHyperparameterException("floor", Floor, "must be in [0, 1] when mixed with the uniform distribution");
        }

        if (!Enum.IsDefined(Source) || !Enum.IsDefined(FloorMode) || !Enum.IsDefined(RefreshMode)
            || !Enum.IsDefined(Replacement) || !Enum.IsDefined(WeightNormalization))
        {
            throw new InvalidHyperparameterException("sampler_mode", $"{Source}/{FloorMode}/{RefreshMode}/{Replacement}/{WeightNormalization}", "must be defined values");
        }

        if (Replacement == BatchReplacement.WithoutReplacement && BatchSize > exampleCount)
        {
            throw new InvalidHyperparameterException("batch_size", BatchSize, $"must be <= n = {exampleCount} without replacement");
        }

        if (Source == ProbabilitySource.Fixed)
        {
            if (FixedProbabilities is null)
            {
                throw new InvalidProbabilitiesException("Invalid probabilities: Source is Fixed but FixedProbabilities is null.");
            }

            Guard.SameLength("probabilities", FixedProbabilities.Count, "examples", exampleCount);
            // n correctly rounded additions of terms ≤ 1 err by at most n·2^-53 in total; 1e-9 leaves room for
            // probabilities that were themselves rounded, while catching any real mistake.
            Guard.Probabilities(FixedProbabilities.ToArray(), tolerance: 1e-9);
        }
        else if (FixedProbabilities is not null)
        {
            throw new InvalidHyperparameterException("fixed_probabilities", "given", $"are only used with Source = Fixed, not {Source}");
        }
    }
}
