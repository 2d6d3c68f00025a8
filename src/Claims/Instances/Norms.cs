namespace Verification.Claims.Instances;

/// <summary>The small vector helpers the claims are written with.</summary>
public static class Norms
{
    /// <summary>‖x‖₂, summed in index order.</summary>
    public static double L2(ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        foreach (double v in x)
        {
            sum += v * v;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>a/b with the convention 0/0 = 0 that the papers' limits use (a term with a zero numerator vanishes).</summary>
    public static double Ratio(double a, double b) => a == 0.0 && b == 0.0 ? 0.0 : a / b;
}
