using System.Numerics;
using Verification.Gpu.Optimizers;

namespace Verification.Properties.Gpu;

/// <summary>
/// A plain host loop with exactly the operation order of Kernels/adam_family.cl, generic over double and float
/// (each .NET operation on T rounds once to T; RyuJIT never fuses a*b+c on its own). For double it is the oracle the
/// kernel must equal bit for bit; for float it is the oracle of a device whose float divide and sqrt are IEEE.
/// </summary>
/// <remarks>The kernel's max0/min0 order −0 below +0, as T.Max/T.Min (Math.Max/Math.Min) do: T.Max(−0, +0) = +0 and
/// T.Min(−0, +0) = −0. Math.Clamp would differ (it returns θ itself when θ equals a bound in value), and so would
/// OpenCL's fmin/fmax, whose zero sign is unspecified. The tests exercise the box [−0, +0].</remarks>
internal static class AdamFamilyOracle
{
    /// <summary>One dense step, in place.</summary>
    public static void Dense<T>(T[] theta, T[] m, T[] v, T[]? vmax, ReadOnlySpan<T> g, ReadOnlySpan<bool> keep, AdamFamilyScalars s, AdamFamilyOptions o)
        where T : IBinaryFloatingPointIeee754<T>
    {
        for (int j = 0; j < theta.Length; j++)
        {
            T phi = keep[j] ? g[j] : T.Zero;
            Coordinate(theta, m, v, vmax, j, phi, R<T>(s.Beta1t), R<T>(s.OneMinusBeta1t), R<T>(s.Beta2t), R<T>(s.OneMinusBeta2t), R<T>(s.BiasCorrection1), R<T>(s.BiasCorrection2), R<T>(s.Epsilon), R<T>(s.StepSize), o);
        }
    }

    /// <summary>One lazy step, in place: masked-out coordinates untouched, kept ones advance their own clock.</summary>
    public static void Lazy<T>(T[] theta, T[] m, T[] v, T[]? vmax, T[] count, T[] p1, T[] p2, ReadOnlySpan<T> g, ReadOnlySpan<bool> keep, LazyAdamFamilyScalars s, AdamFamilyOptions o)
        where T : IBinaryFloatingPointIeee754<T>
    {
        T beta1 = R<T>(s.Beta1), beta2 = R<T>(s.Beta2);
        for (int j = 0; j < theta.Length; j++)
        {
            if (!keep[j])
            {
                continue;
            }

            count[j] = count[j] + T.One;
            T q1 = p1[j] * beta1;
            T q2 = p2[j] * beta2;
            p1[j] = q1;
            p2[j] = q2;
            Coordinate(theta, m, v, vmax, j, g[j], beta1, R<T>(s.OneMinusBeta1), beta2, R<T>(s.OneMinusBeta2), T.One - q1, T.One - q2, R<T>(s.Epsilon), R<T>(s.StepSize), o);
        }
    }

    /// <summary>A host double as T, rounded to nearest (what the OpenCL backend passes to a float kernel).</summary>
    public static T R<T>(double value)
        where T : IBinaryFloatingPointIeee754<T> => T.CreateTruncating(value);

    private static void Coordinate<T>(T[] theta, T[] m, T[] v, T[]? vmax, int j, T phi, T b1t, T omb1t, T b2t, T omb2t, T bc1, T bc2, T eps, T alpha, AdamFamilyOptions o)
        where T : IBinaryFloatingPointIeee754<T>
    {
        T mj = (b1t * m[j]) + (omb1t * phi);
        T vj = (b2t * v[j]) + (omb2t * (phi * phi));
        T r = vj;
        if (o.Amsgrad)
        {
            r = T.Max(vmax![j], vj);
            vmax[j] = r;
        }

        T mh = mj / bc1;
        T vh = r / bc2;
        T den = o.EpsilonInsideSqrt ? T.Sqrt(vh + eps) : T.Sqrt(vh) + eps;
        T u = den == T.Zero && mh == T.Zero ? T.Zero : mh / den;
        T th = theta[j] - (alpha * u);
        if (o.Box is { } box)
        {
            th = T.Min(T.Max(th, R<T>(box.Lower)), R<T>(box.Upper));
        }

        m[j] = mj;
        v[j] = vj;
        theta[j] = th;
    }
}
