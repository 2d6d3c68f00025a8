using System.Globalization;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Verification.Gpu;
using Verification.Gpu.Optimizers;
using Xunit.Abstractions;

namespace Verification.Properties.Gpu;

/// <summary>
/// The Adam-family OpenCL kernel against the host oracle <see cref="AdamFamilyOracle"/>: bit for bit in double over
/// multi-step trajectories (dense and lazy, AMSGrad, ε inside/outside, box, mask on/off), and within a stated error
/// bound in float.
/// </summary>
public sealed class AdamFamilyKernelTests(ITestOutputHelper output)
{
    /// <summary>FsCheck trials per property.</summary>
    private const int Trials = 200;

    /// <summary>
    /// The float kernel's documented error bound, 2^-19 (32 units of float rounding 2^-24) relative to each
    /// quantity's natural scale: m against β1,t|m| + (1 − β1,t)|φ|; v and vmax against themselves (sums of
    /// non-negative terms); θ against |θ| + α_t·U, with U = (scale of m / bc1) / den the magnitude the step could
    /// reach. A step is at most about 17 float roundings deep (OpenCL allows 2.5 ULP for divide and 3 for sqrt when
    /// they are not correctly rounded), so 32 leaves a factor of 2.
    /// </summary>
    private static readonly double FloatTolerance = Math.ScaleB(1.0, -19);

    internal static readonly Arbitrary<AdamFamilyCase> AnyCase = Arb.From(AdamFamilyCase.Generator(floatSafe: false));
    internal static readonly Arbitrary<AdamFamilyCase> FloatSafeCase = Arb.From(AdamFamilyCase.Generator(floatSafe: true));

    [OpenClFact(RequiresFloat64 = true)]
    public void Double_kernel_equals_the_host_loop_bit_for_bit_over_trajectories() =>
        GpuGenerators.Check(Prop.ForAll(AnyCase, c => AssertTrajectoryMatches<double>(OpenClTestEnvironment.Backend, c)), Trials);

    [OpenClFact(RequiresCorrectlyRoundedSingle = true)]
    public void Float_kernel_equals_IEEE_float_host_loop_bit_for_bit_when_divide_and_sqrt_are_correctly_rounded() =>
        GpuGenerators.Check(Prop.ForAll(FloatSafeCase, c => AssertTrajectoryMatches<float>(OpenClTestEnvironment.Backend, c)), Trials);

    [OpenClFact]
    public void Float_kernel_is_within_the_documented_bound_of_the_double_result()
    {
        double worst = 0.0;
        string worstWhere = "none";
        int elements = 0;
        GpuGenerators.Check(Prop.ForAll(FloatSafeCase, c =>
        {
            AdamFamilyCase single = c with { Lazy = false, Steps = c.Steps[..1] };
            (double ratio, string where, int count) = FloatErrorRatio(single);
            elements += count;
            if (ratio > worst)
            {
                worst = ratio;
                worstWhere = where;
            }

            Assert.True(ratio <= 1.0, string.Create(CultureInfo.InvariantCulture, $"{single}: float error {ratio:G4} × tolerance 2^-19 at {where}"));
        }), Trials);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Trials} cases, {elements} coordinates: worst float error = {worst * FloatTolerance:G4} of scale ({worst * 32:F2} units of 2^-24) at {worstWhere}"));
    }

    [OpenClFact(RequiresFloat64 = true)]
    public void Masked_coordinates_are_untouched_by_the_lazy_kernel()
    {
        OpenClBackend backend = OpenClTestEnvironment.Backend;
        const int n = 4099;
        using var kernel = new AdamFamilyKernel<double>(backend, n, new AdamFamilyOptions(Amsgrad: true), lazy: true);
        double[] theta = Enumerable.Range(0, n).Select(i => (i * 0.37) - 700.0).ToArray();
        double[] g = Enumerable.Range(0, n).Select(i => Math.Sin(i)).ToArray();
        kernel.SetParameters(theta);
        kernel.LazyStep(g, LazyAdamFamilyScalars.Create(0.01, 0.9, 0.999, 1e-8), GradientMask.ForRate(42, 0.3, 1));
        uint[] keep = AdamFamilyKernel<double>.Download(kernel.KeepBits);
        double[] after = kernel.GetParameters();
        double[] count = AdamFamilyKernel<double>.Download(kernel.Counters!.Count);
        int kept = 0;
        for (int j = 0; j < n; j++)
        {
            if (keep[j] == 0)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(theta[j]), BitConverter.DoubleToInt64Bits(after[j]));
                Assert.Equal(0.0, count[j]);
            }
            else
            {
                kept++;
                Assert.Equal(1.0, count[j]);
            }
        }

        // s = 0.3 over 4099 coordinates: the kept count is Binomial(4099, 0.3), mean 1230, sd 29.
        Assert.InRange(kept, 1230 - (6 * 29), 1230 + (6 * 29));
    }

    [OpenClFact]
    public void Buffers_of_another_backend_are_rejected_with_a_clear_message()
    {
        OpenClBackend backend = OpenClTestEnvironment.Backend;
        using IDeviceVector<float> theta = backend.Allocate<float>(3);
        var foreign = new HostVector(3);
        var state = new AdamFamilyBuffers<float>(theta, foreign, theta, null);
        ArgumentException error = Assert.Throws<ArgumentException>(() =>
            backend.AdamFamilyUpdate(state, theta, AdamFamilyScalars.Create(0.1, 0.9, 0.999, 1, 1, 1e-8), new AdamFamilyOptions(), null, null));
        Assert.Contains("not a vector allocated by this OpenCL backend", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Runs the case on <paramref name="backend"/> in precision T and on the host oracle, comparing every state entry after every step.</summary>
    internal static void AssertTrajectoryMatches<T>(IElementwiseOptimizerBackend backend, AdamFamilyCase c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = c.Dimension;
        using var kernel = new AdamFamilyKernel<T>(backend, n, c.Options, c.Lazy);
        T[] theta = Convert<T>(c.Theta0), m = Convert<T>(c.M0), v = Convert<T>(c.V0);
        T[]? vmax = c.Options.Amsgrad ? Convert<T>(c.VMax0) : null;
        T[] count = new T[n], p1 = Enumerable.Repeat(T.One, n).ToArray(), p2 = Enumerable.Repeat(T.One, n).ToArray();
        kernel.SetParameters(theta);
        kernel.Buffers.M.Upload(m);
        kernel.Buffers.V.Upload(v);
        kernel.Buffers.VMax?.Upload(vmax);

        foreach (AdamFamilyCase.StepInput step in c.Steps)
        {
            T[] g = Convert<T>(step.Gradient);
            bool[] keep = c.KeepFor(step);
            if (c.Lazy)
            {
                kernel.LazyStep(g, step.LazyScalars, c.MaskFor(step));
                AdamFamilyOracle.Lazy(theta, m, v, vmax, count, p1, p2, g, keep, step.LazyScalars, c.Options);
            }
            else
            {
                kernel.Step(g, step.Dense, c.MaskFor(step));
                AdamFamilyOracle.Dense(theta, m, v, vmax, g, keep, step.Dense, c.Options);
            }

            string at = $"{c} after step t={step.T}";
            Assert.Equal(keep.Select(k => k ? 1u : 0u).ToArray(), AdamFamilyKernel<T>.Download(kernel.KeepBits));
            AssertBits("theta", theta, kernel.Buffers.Theta, at);
            AssertBits("m", m, kernel.Buffers.M, at);
            AssertBits("v", v, kernel.Buffers.V, at);
            if (vmax is not null)
            {
                AssertBits("vmax", vmax, kernel.Buffers.VMax!, at);
            }

            if (c.Lazy)
            {
                AssertBits("count", count, kernel.Counters!.Count, at);
                AssertBits("p1", p1, kernel.Counters.Beta1Power, at);
                AssertBits("p2", p2, kernel.Counters.Beta2Power, at);
            }
        }
    }

    /// <summary>One dense step in float on the device vs the double oracle: the worst error as a multiple of the tolerance.</summary>
    private static (double Ratio, string Where, int Count) FloatErrorRatio(AdamFamilyCase c)
    {
        OpenClBackend backend = OpenClTestEnvironment.Backend;
        int n = c.Dimension;
        AdamFamilyCase.StepInput step = c.Steps[0];
        AdamFamilyScalars s = step.Dense;
        bool[] keep = c.KeepFor(step);
        using var kernel = new AdamFamilyKernel<float>(backend, n, c.Options);
        kernel.SetParameters(Convert<float>(c.Theta0));
        kernel.Buffers.M.Upload(Convert<float>(c.M0));
        kernel.Buffers.V.Upload(Convert<float>(c.V0));
        kernel.Buffers.VMax?.Upload(Convert<float>(c.VMax0));
        kernel.Step(Convert<float>(step.Gradient), s, c.MaskFor(step));

        // The generator's values are floats already, so both sides start from identical inputs.
        double[] theta = (double[])c.Theta0.Clone(), m = (double[])c.M0.Clone(), v = (double[])c.V0.Clone();
        double[]? vmax = c.Options.Amsgrad ? (double[])c.VMax0.Clone() : null;
        AdamFamilyOracle.Dense(theta, m, v, vmax, step.Gradient, keep, s, c.Options);

        float[] thetaF = kernel.GetParameters();
        float[] mF = AdamFamilyKernel<float>.Download(kernel.Buffers.M);
        float[] vF = AdamFamilyKernel<float>.Download(kernel.Buffers.V);
        float[]? vmaxF = vmax is null ? null : AdamFamilyKernel<float>.Download(kernel.Buffers.VMax!);
        double worst = 0.0;
        string where = "none";
        for (int j = 0; j < n; j++)
        {
            double phi = keep[j] ? step.Gradient[j] : 0.0;
            double scaleM = (s.Beta1t * Math.Abs(c.M0[j])) + (s.OneMinusBeta1t * Math.Abs(phi));
            double r = vmax?[j] ?? v[j];
            double vh = r / s.BiasCorrection2;
            double den = c.Options.EpsilonInsideSqrt ? Math.Sqrt(vh + s.Epsilon) : Math.Sqrt(vh) + s.Epsilon;
            double reach = den == 0.0 ? 0.0 : scaleM / s.BiasCorrection1 / den;
            // A projected coordinate lands on a bound, which each precision rounds on its own: its magnitude is then
            // the scale the error is relative to.
            double scaleTheta = Math.Max(Math.Abs(c.Theta0[j]) + (s.StepSize * reach), Math.Abs(theta[j]));
            Track("theta", thetaF[j], theta[j], scaleTheta);
            Track("m", mF[j], m[j], scaleM);
            Track("v", vF[j], v[j], v[j]);
            if (vmax is not null)
            {
                Track("vmax", vmaxF![j], vmax[j], vmax[j]);
            }

            void Track(string name, float actual, double expected, double scale)
            {
                double error = Math.Abs(actual - expected);
                double ratio = error == 0.0 ? 0.0 : error / (FloatTolerance * scale);
                if (ratio > worst)
                {
                    worst = ratio;
                    where = string.Create(CultureInfo.InvariantCulture, $"{name}[{j}] float {actual:R} vs double {expected:R} (scale {scale:G4})");
                }
            }
        }

        return (worst, where, n);
    }

    private static T[] Convert<T>(double[] values)
        where T : IBinaryFloatingPointIeee754<T> => values.Select(AdamFamilyOracle.R<T>).ToArray();

    private static void AssertBits<T>(string name, T[] expected, IDeviceVector<T> device, string at)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T[] actual = AdamFamilyKernel<T>.Download(device);
        for (int j = 0; j < expected.Length; j++)
        {
            long e = OrderedBits(expected[j]), a = OrderedBits(actual[j]);
            if (e != a)
            {
                Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{name}[{j}]: device {actual[j]:R} vs host {expected[j]:R} ({Math.Abs(a - e)} ULP) — {at}"));
            }
        }
    }

    /// <summary>The IEEE bit pattern mapped to a monotone integer, so that differences count ULPs (+0 and −0 are 1 apart).</summary>
    private static long OrderedBits<T>(T value)
        where T : IBinaryFloatingPointIeee754<T>
    {
        long bits = typeof(T) == typeof(double) ? BitConverter.DoubleToInt64Bits(double.CreateTruncating(value)) : BitConverter.SingleToInt32Bits(float.CreateTruncating(value));
        long sign = typeof(T) == typeof(double) ? long.MinValue : int.MinValue;
        return bits < 0 ? sign - bits - 1 : bits;
    }

    /// <summary>A host-memory vector: not the OpenCL backend's, to check that foreign vectors are refused.</summary>
    private sealed class HostVector(int length) : IDeviceVector<float>
    {
        private readonly float[] _data = new float[length];

        public int Length => _data.Length;

        public void Upload(ReadOnlySpan<float> source) => source.CopyTo(_data);

        public void Download(Span<float> destination) => _data.CopyTo(destination);

        public void Dispose()
        {
        }
    }
}
