using FsCheck;
using FsCheck.Fluent;
using Verification.Properties.Support;
using Verification.Reference.Optimizers;

namespace Verification.Properties.Reference;

/// <summary>The vectorised Adam-family loops must be the scalar definition, bit for bit (the foreach-vs-forloop check).</summary>
public class AdamElementwiseVectorizationTests
{
    private static Gen<double> Entry() =>
        Gen.Frequency(
            (1, Gen.Elements(0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-300, 1e300, -1e300)),
            (6, Generators.GradientEntry()));

    private static Gen<AdamStepScalars> Scalars(bool amsGrad) =>
        from b1 in Generators.Between(0.0, 1.0)
        from b2 in Generators.Between(0.0, 1.0)
        from bc1 in Gen.Elements(1.0, 0.1, 0.0190000000000001, 0.999)
        from bc2 in Gen.Elements(1.0, 0.001, 0.5)
        from alpha in Gen.Elements(1e-3, 0.5, 3.0)
        from eps in Gen.Elements(0.0, 1e-8, 1e-3)
        from inside in Gen.Elements(false, true)
        from ams in Gen.Elements(false, amsGrad)
        select new AdamStepScalars(b1, 1.0 - b1, b2, 1.0 - b2, bc1, bc2, alpha, eps, inside ? EpsilonPlacement.Inside : EpsilonPlacement.Outside, ams);

    [Fact]
    public void Vectorized_apply_equals_the_scalar_coordinate_update_bit_for_bit()
    {
        Gen<(AdamStepScalars, double[][], Box?)> cases =
            from s in Scalars(amsGrad: true)
            from n in Gen.Choose(0, 37)
            from arrays in Entry().ArrayOf(n).ArrayOf(5)
            from box in Gen.Elements<Box?>(null, new Box(-1, 1), new Box(-0.0, 0.0), new Box(0.0, 1e-3))
            select (s, arrays, box);

        Prop.ForAll(Arb.From(cases), c =>
        {
            (AdamStepScalars s, double[][] a, Box? box) = c;
            double[] theta = a[0], m = a[1], v = a[2].Select(Math.Abs).ToArray(), vmax = a[3].Select(Math.Abs).ToArray(), g = a[4];
            double[] ts = (double[])theta.Clone(), ms = (double[])m.Clone(), vs = (double[])v.Clone(), xs = (double[])vmax.Clone();
            for (int j = 0; j < ts.Length; j++)
            {
                double unused = 0.0;
                ts[j] = AdamElementwise.UpdateCoordinate(s, ts[j], ref ms[j], ref vs[j], ref s.AmsGradMax ? ref xs[j] : ref unused, g[j], box);
            }

            AdamElementwise.Apply(s, theta, m, v, vmax, g, default, box);
            Bits.Equal(ts, theta, "θ");
            Bits.Equal(ms, m, "m");
            Bits.Equal(vs, v, "v");
            Bits.Equal(xs, vmax, "v̂");
            return true;
        }).Check(Generators.Config(500));
    }

    [Fact]
    public void Vectorized_masked_apply_equals_the_scalar_coordinate_update_of_the_selected_gradient_bit_for_bit()
    {
        // StochGradAdam's fused form: φ_j = Ω_j ? g_j (+ wd·θ_j) : +0 selected inside the vectorised loop.
        Gen<(AdamStepScalars, double[][], bool[], double, Box?)> cases =
            from s in Scalars(amsGrad: false)
            from n in Gen.Choose(0, 37)
            from arrays in Entry().ArrayOf(n).ArrayOf(4)
            from keep in Gen.Elements(false, true, true).ArrayOf(n)
            from wd in Gen.Elements(0.0, 0.01, 3.0)
            from box in Gen.Elements<Box?>(null, new Box(-1, 1), new Box(-0.0, 0.0))
            select (s, arrays, keep, wd, box);

        Prop.ForAll(Arb.From(cases), c =>
        {
            (AdamStepScalars s, double[][] a, bool[] keep, double wd, Box? box) = c;
            double[] theta = a[0], m = a[1], v = a[2].Select(Math.Abs).ToArray(), g = a[3];
            double[] ts = (double[])theta.Clone(), ms = (double[])m.Clone(), vs = (double[])v.Clone();
            for (int j = 0; j < ts.Length; j++)
            {
                double unused = 0.0;
                double decayed = wd != 0.0 ? g[j] + wd * ts[j] : g[j];
                ts[j] = AdamElementwise.UpdateCoordinate(s, ts[j], ref ms[j], ref vs[j], ref unused, keep[j] ? decayed : 0.0, box);
            }

            AdamElementwise.ApplyMasked(s, theta, m, v, g, keep.Select(k => k ? -1L : 0L).ToArray(), wd, box);
            Bits.Equal(ts, theta, "θ");
            Bits.Equal(ms, m, "m");
            Bits.Equal(vs, v, "v");
            return true;
        }).Check(Generators.Config(500));
    }
}
