namespace Verification.Claims.DasGrad;

/// <summary>Small dense-vector helpers, all summing in index order (deterministic to the bit).</summary>
internal static class Vec
{
    public static double Dot(double[] a, double[] b)
    {
        double s = 0.0;
        for (int k = 0; k < a.Length; k++)
        {
            s += a[k] * b[k];
        }

        return s;
    }

    public static double Sq(double[] a) => Dot(a, a);

    public static double Norm(double[] a) => Math.Sqrt(Sq(a));

    public static double NormInf(double[] a)
    {
        double m = 0.0;
        foreach (double x in a)
        {
            m = Math.Max(m, Math.Abs(x));
        }

        return m;
    }

    public static double Norm1(double[] a)
    {
        double s = 0.0;
        foreach (double x in a)
        {
            s += Math.Abs(x);
        }

        return s;
    }

    public static double[] Scale(double[] a, double c) => a.Select(x => x * c).ToArray();

    public static double[] Sub(double[] a, double[] b) => a.Select((x, k) => x - b[k]).ToArray();

    /// <summary>Σ_k w_k a_k² (a diagonal quadratic form).</summary>
    public static double Weighted(double[] w, double[] a)
    {
        double s = 0.0;
        for (int k = 0; k < a.Length; k++)
        {
            s += w[k] * a[k] * a[k];
        }

        return s;
    }

    /// <summary>Σ_k a_k²/√w_k with 0/0 = 0 (a coordinate that never moved carries no mass).</summary>
    public static double InverseRootWeighted(double[] w, double[] a)
    {
        double s = 0.0;
        for (int k = 0; k < a.Length; k++)
        {
            s += Ratio(a[k] * a[k], Math.Sqrt(w[k]));
        }

        return s;
    }

    public static double Ratio(double a, double b) => a == 0.0 && b == 0.0 ? 0.0 : a / b;

    public static double Sq(double x) => x * x;
}
