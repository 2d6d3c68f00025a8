using FsCheck;
using FsCheck.Fluent;
using Verification.Properties.Support;
using Verification.Reference.Optimizers;

namespace Verification.Properties.Reference;

/// <summary>The vectorised Adam-family loop must be the scalar definition, bit for bit (the foreach-vs-forloop check).</summary>
public class AdamElementwiseVectorizationTests
{
    private static Gen<double> Entry() =>
        Gen.Frequency(
            (1, Gen.Elements(0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-300, 1e300, -1e300)),
            (6, Generators.GradientEntry()));

    [Fact]
    public void Vectorized_apply_equals_the_scalar_coordinate_update_bit_for_bit()
    {
        Gen<AdamStepScalars> scalars =
            from b1 in Generators.Between(0.0, 1.0)
            from b2 in Generators.Between(0.0, 1.0)
            from bc1 in Gen.Elements(1.0, 0.1, 0.0190000000000001, 0.999)
            from bc2 in Gen.Elements(1.0, 0.001, 0.5)
            from alpha in Gen.Elements(1e-3, 0.5, 3.0)
            from eps in Gen.Elements(0.0, 1e-8, 1e-3)
            from inside in Gen.Elements(false, true)
            from ams in Gen.Elements(false, true)
            select new AdamStepScalars(b1, 1.0 - b1, b2, 1.0 - b2, bc1, bc2, alpha, eps, inside ? EpsilonPlacement.Inside : EpsilonPlacement.Outside, ams);
        Gen<(AdamStepScalars, double[][], Box?)> cases =
            from s in scalars
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
}
