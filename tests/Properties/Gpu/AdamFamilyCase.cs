using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Verification.Gpu.Optimizers;
using Verification.Reference.Random;

namespace Verification.Properties.Gpu;

/// <summary>One Adam-family trajectory to run on the device and on the host oracle.</summary>
/// <param name="Options">AMSGrad, ε placement, box.</param>
/// <param name="Lazy">Whether to run the lazy (masked_update) kernel.</param>
/// <param name="Rate">The mask keep rate s, or null for no mask.</param>
/// <param name="Seed">The mask seed.</param>
/// <param name="IndexOffset">The Philox index of coordinate 0 (a slice of a larger parameter vector).</param>
/// <param name="Theta0">Initial θ.</param>
/// <param name="M0">Initial m.</param>
/// <param name="V0">Initial v (non-negative).</param>
/// <param name="VMax0">Initial vmax (non-negative).</param>
/// <param name="Steps">The steps: gradient and host scalars.</param>
public sealed record AdamFamilyCase(
    AdamFamilyOptions Options,
    bool Lazy,
    double? Rate,
    ulong Seed,
    ulong IndexOffset,
    double[] Theta0,
    double[] M0,
    double[] V0,
    double[] VMax0,
    AdamFamilyCase.StepInput[] Steps)
{
    /// <summary>The parameter dimension.</summary>
    public int Dimension => Theta0.Length;

    /// <summary>The mask of step <paramref name="step"/>, or null.</summary>
    public GradientMask? MaskFor(StepInput step) => Rate is { } s ? GradientMask.ForRate(Seed, s, step.T, IndexOffset) : null;

    /// <summary>The keep bits the host computes independently of the kernel (all kept without a mask).</summary>
    public bool[] KeepFor(StepInput step)
    {
        var keep = new bool[Dimension];
        if (MaskFor(step) is not { } mask)
        {
            Array.Fill(keep, true);
            return keep;
        }

        for (int j = 0; j < keep.Length; j++)
        {
            keep[j] = BernoulliThreshold.Keeps(mask.Stream.UInt32(mask.Step, unchecked(mask.IndexOffset + (ulong)j)), mask.Threshold);
        }

        return keep;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"n={Dimension} {Options} lazy={Lazy} rate={Rate?.ToString("R", CultureInfo.InvariantCulture) ?? "none"} seed={Seed} offset={IndexOffset} steps=[{string.Join("; ", Steps.Select(s => s.ToString()))}]");

    /// <summary>Generates cases: any finite values (including ±0, subnormals, ±1e150), or float-safe values.</summary>
    public static Gen<AdamFamilyCase> Generator(bool floatSafe)
    {
        Gen<double> value = floatSafe ? GpuGenerators.FloatRange(-10, 10) : GpuGenerators.Finite;
        Gen<double> moment = floatSafe ? GpuGenerators.FloatRange(-20, 10) : GpuGenerators.Finite;
        Gen<double> second = floatSafe ? GpuGenerators.FloatRange(-40, 20, signed: false) : GpuGenerators.Finite.Select(x => x * x);
        Gen<double> gradient = floatSafe ? GpuGenerators.FloatRange(-20, 10) : GpuGenerators.Finite;
        Gen<BoxConstraint?> box = Gen.Elements<BoxConstraint?>(null, null, new BoxConstraint(0.0, 1.0), new BoxConstraint(-1.0, 0.0), new BoxConstraint(-1e-3, 2e-3), new BoxConstraint(-0.0, 0.0));
        return
            from amsgrad in Gen.Elements(false, true)
            from inside in Gen.Elements(false, true)
            from b in box
            from lazy in Gen.Elements(false, true)
            from masked in Gen.Elements(false, true, true)
            from rate in GpuGenerators.Rate
            from seed in GpuGenerators.UInt64
            from offset in Gen.Frequency((3, Gen.Constant(0UL)), (1, GpuGenerators.UInt64))
            from n in Gen.Frequency((3, Gen.Choose(0, 8)), (3, Gen.Choose(9, 300)), (1, Gen.Elements(1000, 4099)))
            from theta in value.ArrayOf(n)
            from m in moment.ArrayOf(n)
            from v in second.ArrayOf(n)
            from vmax in second.ArrayOf(n)
            from hyper in Hyperparameters(floatSafe)
            from stepCount in Gen.Choose(1, 4)
            from gradients in gradient.ArrayOf(n).ArrayOf(stepCount)
            select new AdamFamilyCase(
                new AdamFamilyOptions(amsgrad, inside, b),
                lazy,
                masked ? rate : null,
                seed,
                offset,
                theta,
                m,
                v,
                vmax,
                gradients.Select((g, k) => hyper.Step((ulong)k + hyper.FirstStep, g)).ToArray());
    }

    /// <summary>
    /// Hyperparameter draws. Float-safe draws keep β1,t = β1·λ^(t−1) in float's normal range (λ ∈ {1, 0.999},
    /// t ≤ 10^4): a β1,t that underflows in float is a representation limit, not kernel error.
    /// </summary>
    private static Gen<HyperparameterDraw> Hyperparameters(bool floatSafe) =>
        from beta1 in GpuGenerators.Unit(0.0, 0.5, 0.9, 0.99)
        from beta2 in GpuGenerators.Unit(0.9, 0.99, 0.999, 0.9999)
        from lambda in floatSafe ? Gen.Elements(1.0, 1.0, 0.999) : Gen.Elements(1.0, 1.0, 0.999, 0.5)
        from bias in Gen.Elements(true, false)
        from eps in Gen.Elements(0.0, 1e-8, 1e-6, 1e-3, 0.1)
        from alpha in Gen.Elements(1e-3, 1e-2, 0.1, 1.0, 0.37)
        from decay in Gen.Elements(false, true)
        from first in Gen.Choose(1, floatSafe ? 10_000 : 100_000)
        select new HyperparameterDraw(beta1, beta2, lambda, bias, eps, alpha, decay, (ulong)first);

    /// <summary>One step's input.</summary>
    /// <param name="T">The 1-based step index (also the mask step).</param>
    /// <param name="Gradient">The gradient.</param>
    /// <param name="Dense">Scalars for the dense kernel.</param>
    /// <param name="LazyScalars">Scalars for the lazy kernel.</param>
    public sealed record StepInput(ulong T, double[] Gradient, AdamFamilyScalars Dense, LazyAdamFamilyScalars LazyScalars)
    {
        /// <inheritdoc/>
        public override string ToString() => $"t={T} {Dense}";
    }

    /// <summary>
    /// Hyperparameters and the host scalars they give at step t: β1,t = β1·λ^(t−1) (λ = 1 is Adam; λ &lt; 1 the AMSGrad
    /// paper's decay), bias corrections 1 − β^t or 1, α_t = α or α/√t.
    /// </summary>
    private sealed record HyperparameterDraw(double Beta1, double Beta2, double Lambda, bool BiasCorrection, double Epsilon, double Alpha, bool DecayAlpha, ulong FirstStep)
    {
        public StepInput Step(ulong t, double[] gradient)
        {
            double alpha = DecayAlpha ? Alpha / Math.Sqrt(t) : Alpha;
            double b1t = Beta1 * Math.Pow(Lambda, t - 1.0);
            double bc1 = BiasCorrection ? 1.0 - Math.Pow(Beta1, t) : 1.0;
            double bc2 = BiasCorrection ? 1.0 - Math.Pow(Beta2, t) : 1.0;
            return new StepInput(
                t,
                gradient,
                AdamFamilyScalars.Create(alpha, b1t, Beta2, bc1, bc2, Epsilon),
                LazyAdamFamilyScalars.Create(alpha, Beta1, Beta2, Epsilon));
        }
    }
}
