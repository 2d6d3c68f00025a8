using System.Numerics;
using System.Runtime.InteropServices;

namespace Verification.Convex.Objectives;

/// <summary>
/// Vectorised dense kernels. Each has a fixed evaluation order for a given <see cref="Vector{T}.Count"/>, so results
/// do not depend on threading; they may differ in the last bits between machines with different SIMD widths.
/// </summary>
public static class DenseKernels
{
    /// <summary>⟨a, b⟩ over the common length.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = Math.Min(a.Length, b.Length);
        int width = Vector<double>.Count;
        var acc = Vector<double>.Zero;
        ReadOnlySpan<Vector<double>> va = MemoryMarshal.Cast<double, Vector<double>>(a[..n]);
        ReadOnlySpan<Vector<double>> vb = MemoryMarshal.Cast<double, Vector<double>>(b[..n]);
        for (int i = 0; i < va.Length; i++)
        {
            acc += va[i] * vb[i];
        }

        double sum = Vector.Sum(acc);
        for (int i = va.Length * width; i < n; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>y += alpha · x over the common length.</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        int n = Math.Min(x.Length, y.Length);
        int width = Vector<double>.Count;
        var va = new Vector<double>(alpha);
        ReadOnlySpan<Vector<double>> vx = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
        Span<Vector<double>> vy = MemoryMarshal.Cast<double, Vector<double>>(y[..n]);
        for (int i = 0; i < vx.Length; i++)
        {
            vy[i] += va * vx[i];
        }

        for (int i = vx.Length * width; i < n; i++)
        {
            y[i] += alpha * x[i];
        }
    }

    /// <summary>‖a‖₂².</summary>
    public static double SquaredNorm(ReadOnlySpan<double> a) => Dot(a, a);
}
