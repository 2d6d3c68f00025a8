using System.Globalization;
using Verification.Reference.Threading;

namespace Verification.Reference.Validation;

/// <summary>Up-front checks shared by every algorithm; each failure names the parameter and the value.</summary>
public static class Guard
{
    /// <summary>Requires 0 ≤ <paramref name="value"/> &lt; 1 (a moment decay rate β).</summary>
    public static double Beta(string name, double value)
    {
        if (!(value >= 0.0 && value < 1.0))
        {
            throw new InvalidHyperparameterException(name, value, "must be in [0, 1)");
        }

        return value;
    }

    /// <summary>Requires a finite <paramref name="value"/> &gt; 0 (a learning rate).</summary>
    public static double Positive(string name, double value)
    {
        if (!(value > 0.0) || double.IsInfinity(value))
        {
            throw new InvalidHyperparameterException(name, value, "must be finite and > 0");
        }

        return value;
    }

    /// <summary>Requires a finite <paramref name="value"/> ≥ 0 (epsilon, weight decay).</summary>
    public static double NonNegative(string name, double value)
    {
        if (!(value >= 0.0) || double.IsInfinity(value))
        {
            throw new InvalidHyperparameterException(name, value, "must be finite and >= 0");
        }

        return value;
    }

    /// <summary>Requires 0 &lt; <paramref name="value"/> ≤ 1 (a sampling rate or a decay multiplier).</summary>
    public static double UnitInterval(string name, double value)
    {
        if (!(value > 0.0 && value <= 1.0))
        {
            throw new InvalidHyperparameterException(name, value, "must be in (0, 1]");
        }

        return value;
    }

    /// <summary>Requires an integer ≥ <paramref name="minimum"/>.</summary>
    public static int AtLeast(string name, int value, int minimum)
    {
        if (value < minimum)
        {
            throw new InvalidHyperparameterException(name, value, $"must be >= {minimum.ToString(CultureInfo.InvariantCulture)}");
        }

        return value;
    }

    /// <summary>Requires equal lengths.</summary>
    public static void SameLength(string name, int actual, string expectedName, int expected)
    {
        if (actual != expected)
        {
            throw new DimensionMismatchException(name, actual, expectedName, expected);
        }
    }

    /// <summary>Requires every entry to be finite; the exception names the first offending coordinate.</summary>
    /// <remarks>Long gradients are scanned on the allowed cores (<see cref="ReferenceParallelism"/>); the coordinate named is the first either way.</remarks>
    public static void FiniteGradient(ReadOnlySpan<double> gradient, long step)
    {
        int first = FiniteScan.FirstNonFinite(gradient);
        if (first >= 0)
        {
            throw new InvalidGradientException(step, first, gradient[first]);
        }
    }

    /// <summary>Requires every entry to be finite (parameters, data), naming the vector and the coordinate.</summary>
    public static void Finite(string name, ReadOnlySpan<double> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(
                    $"Invalid {name}: coordinate {i} is {values[i].ToString(CultureInfo.InvariantCulture)} (must be finite).", name);
            }
        }
    }

    /// <summary>
    /// Requires a probability vector: every entry finite and ≥ 0, and a total within <paramref name="tolerance"/>
    /// of 1 (the total of n correctly rounded terms is off by at most about n·2^-53 relative).
    /// </summary>
    public static void Probabilities(ReadOnlySpan<double> p, double tolerance)
    {
        double total = 0.0;
        for (int i = 0; i < p.Length; i++)
        {
            if (!(p[i] >= 0.0) || double.IsInfinity(p[i]))
            {
                throw new InvalidProbabilitiesException(
                    $"Invalid probabilities: entry {i} is {p[i].ToString("R", CultureInfo.InvariantCulture)} (must be finite and >= 0).");
            }

            total += p[i];
        }

        if (p.Length == 0 || Math.Abs(total - 1.0) > tolerance)
        {
            throw new InvalidProbabilitiesException(
                $"Invalid probabilities: they sum to {total.ToString("R", CultureInfo.InvariantCulture)} over {p.Length} entries (must sum to 1 within {tolerance.ToString("G3", CultureInfo.InvariantCulture)}).");
        }
    }
}
