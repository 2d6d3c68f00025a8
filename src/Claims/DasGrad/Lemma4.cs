using FsCheck;
using FsCheck.Fluent;
using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>
/// Lemma 4 (McMahan and Streeter 2010, as restated by Reddi et al.): for Q ∈ S^d_+ and a convex F, the Q-weighted
/// projection is non-expansive in the Q-norm, ‖Q^{1/2}(Π_{F,Q}(z₁) − Π_{F,Q}(z₂))‖ ≤ ‖Q^{1/2}(z₁ − z₂)‖. Evaluated for
/// the case every proof here uses: a box F and a diagonal Q, where Π_{F,Q} is coordinate clipping.
/// </summary>
internal sealed class Lemma4 : IClaimSource
{
    public IEnumerable<IClaim> Claims
    {
        get
        {
            yield return Das.Le(
                "DAS-L4-projection-nonexpansive",
                "Lemma 4 (McMahan–Streeter), box F and diagonal Q",
                "‖Q^{1/2}(Π_{F,Q}(z₁) − Π_{F,Q}(z₂))‖₂ ≤ ‖Q^{1/2}(z₁ − z₂)‖₂",
                ["F = [lo, hi]^d with lo ≤ hi", "Q = diag(q), q > 0"],
                [new InstanceFamily<ProjectionPair>("mixed-scales", "points inside and outside boxes of widths 1e-3..1e3, weights 1e-6..1e6", Generator(), Shrink, 300, new ProjectionPairDomain())],
                p => new Sides(WeightedNorm(p.Weights, Clip(p, p.First), Clip(p, p.Second)), WeightedNorm(p.Weights, p.First, p.Second)),
                slack: Das.Normalised);
        }
    }

    private static double[] Clip(ProjectionPair p, double[] z) => z.Select(x => Math.Min(Math.Max(x, p.Lower), p.Upper)).ToArray();

    private static double WeightedNorm(double[] q, double[] a, double[] b)
    {
        double sum = 0.0;
        for (int k = 0; k < q.Length; k++)
        {
            sum += q[k] * (a[k] - b[k]) * (a[k] - b[k]);
        }

        return Math.Sqrt(sum);
    }

    private static Gen<ProjectionPair> Generator() =>
        from d in Gen.Choose(1, 6)
        from scale in Gen.Elements(1e-3, 1.0, 1e3)
        from lower in Gen.Choose(-1000, 0).Select(k => k / 1000.0 * scale)
        from width in Gen.Choose(0, 1000).Select(k => k / 1000.0 * scale)
        from first in Gen.Choose(-3000, 3000).Select(k => k / 1000.0 * scale).ArrayOf(d)
        from second in Gen.Choose(-3000, 3000).Select(k => k / 1000.0 * scale).ArrayOf(d)
        from weights in Gen.Choose(-6, 6).Select(e => Math.Pow(10, e)).ArrayOf(d)
        select new ProjectionPair(first, second, weights, lower, lower + width);

    private static IEnumerable<ProjectionPair> Shrink(ProjectionPair p)
    {
        if (p.First.Length > 1)
        {
            yield return p with { First = p.First[..^1], Second = p.Second[..^1], Weights = p.Weights[..^1] };
        }

        if (p.Weights.Any(w => w != 1.0))
        {
            yield return p with { Weights = p.Weights.Select(_ => 1.0).ToArray() };
        }
    }
}

/// <summary>Two points, diagonal weights and a box.</summary>
/// <param name="First">z₁.</param>
/// <param name="Second">z₂.</param>
/// <param name="Weights">The diagonal of Q.</param>
/// <param name="Lower">The box's lower bound.</param>
/// <param name="Upper">The box's upper bound.</param>
internal sealed record ProjectionPair(double[] First, double[] Second, double[] Weights, double Lower, double Upper);
