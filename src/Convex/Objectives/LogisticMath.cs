namespace Verification.Convex.Objectives;

/// <summary>
/// Numerically stable logistic and softmax pieces. Each form avoids exp of a large positive argument, so no
/// intermediate overflows for any finite input and no catastrophic cancellation of 1 + tiny.
/// </summary>
public static class LogisticMath
{
    /// <summary>log(1 + e^z) = max(z, 0) + log1p(e^{-|z|}).</summary>
    public static double Log1pExp(double z) => Math.Max(z, 0.0) + double.LogP1(Math.Exp(-Math.Abs(z)));

    /// <summary>σ(z) = 1 / (1 + e^{-z}), evaluated through e^{-|z|} so that it never overflows.</summary>
    public static double Sigmoid(double z)
    {
        double e = Math.Exp(-Math.Abs(z));
        return z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
    }

    /// <summary>
    /// The binary logistic loss −y log σ(z) − (1 − y) log(1 − σ(z)) for y ∈ {0, 1}: log(1 + e^{−z}) when y = 1 and
    /// log(1 + e^{z}) when y = 0.
    /// </summary>
    public static double BinaryLoss(double z, double y) => y == 1.0 ? Log1pExp(-z) : Log1pExp(z);

    /// <summary>log Σ_k e^{z_k}, shifted by max_k z_k so that every exponent is ≤ 0.</summary>
    public static double LogSumExp(ReadOnlySpan<double> z)
    {
        double max = double.NegativeInfinity;
        foreach (double v in z)
        {
            max = Math.Max(max, v);
        }

        double sum = 0.0;
        foreach (double v in z)
        {
            sum += Math.Exp(v - max);
        }

        return max + Math.Log(sum);
    }

    /// <summary>Writes softmax(z) into <paramref name="p"/> and returns log Σ e^{z} (same max shift as <see cref="LogSumExp"/>).</summary>
    public static double Softmax(ReadOnlySpan<double> z, Span<double> p)
    {
        double max = double.NegativeInfinity;
        foreach (double v in z)
        {
            max = Math.Max(max, v);
        }

        double sum = 0.0;
        for (int k = 0; k < z.Length; k++)
        {
            p[k] = Math.Exp(z[k] - max);
            sum += p[k];
        }

        for (int k = 0; k < z.Length; k++)
        {
            p[k] /= sum;
        }

        return max + Math.Log(sum);
    }
}
