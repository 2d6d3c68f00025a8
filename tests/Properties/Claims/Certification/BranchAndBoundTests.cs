using System.Text.Json;
using Verification.Claims.Catalogue;
using Verification.Claims.Certification.Arithmetic;
using Verification.Claims.Certification.Boxes;
using Verification.Claims.Certification.Symbolic;
using Verification.Claims.Instances;
using Verification.Claims.Search;
using Verification.Properties.Support;
using Interval = Verification.Claims.Certification.Arithmetic.Interval;

namespace Verification.Properties.Claims.Certification;

/// <summary>
/// The certifier on cases whose answer is known: a textbook inequality certified, a strict step certified, every
/// stored counterexample it can reach proved violated on a box around the stored instance, a conditional row's
/// condition recovered as the boundary between proved and violated boxes, and swapped sides never certified.
/// </summary>
public sealed class BranchAndBoundTests
{
    private static IClaim Claim(string id) => ClaimCatalogue.Get(id);

    private static CertificationTarget Target(string id) =>
        Claim(id).Certification ?? throw new InvalidOperationException($"{id} has no certification box.");

    [Fact]
    public void Cauchy_Schwarz_in_Lemma_2_is_certified_on_its_box()
    {
        // Equality holds on the curve p = p* inside the box, so the certificate is within the stated tolerance.
        Certificate c = BranchAndBound.Run(Target("DAS-L2-cauchy-schwarz-lower-to-product-link"), CertificationBudget.Gate);
        Assert.Equal(CertificateKind.CertifiedWithin, c.Kind);
        Assert.True(c.Tolerance <= 1e-4, c.Summary());
        Assert.Equal(1.0, c.ProvedVolume, 12);
    }

    [Theory]
    [InlineData("SGA-L4.3-eq18-22-18L-to-18R-link")]
    [InlineData("SGA-L4.3-eq23-25-24-to-25-link")]
    [InlineData("SGA-L4.3-eq12-sumphi-to-sumg-link")]
    [InlineData("SGA-L4.3-eq14")]
    public void Steps_that_hold_on_every_mask_are_certified_strictly(string id)
    {
        Certificate c = BranchAndBound.Run(Target(id), CertificationBudget.Gate);
        Assert.True(c.Kind == CertificateKind.Certified, c.Summary());
        Assert.True(c.WorstUpper <= 0.0, c.Summary());
    }

    [Fact]
    public void Every_reachable_stored_counterexample_is_violated_on_a_box_around_its_instance()
    {
        int checkedFiles = 0;
        foreach (IClaim claim in ClaimCatalogue.All.Where(c => c.Certification is not null))
        {
            string path = CounterexampleStore.PathFor(Path.Combine(RepositoryRoot.Path, "docs", "counterexamples"), claim.Info.Id);
            if (!File.Exists(path))
            {
                continue;
            }

            CounterexampleFile file = CounterexampleStore.Read(path);
            CertificationTarget target = claim.Certification!;
            if (file.Instance.Deserialize<CoordinateHistory>(CounterexampleStore.JsonOptions) is not { } h)
            {
                continue;
            }

            // The stored instance in the box's coordinates: (G_∞, g_t/G_∞) for Lemma 4.3's box, (β₁/β₂^(1/4), β₂, G_∞)
            // for Lemma 4.4's scalar lines.
            bool coordinateBox = target.Box.StartsWith("G_∞", StringComparison.Ordinal);
            string choiceName = coordinateBox ? $"T={h.T}, mask {string.Concat(h.Keep.Select(k => k ? '1' : '0'))}" : $"T={h.T}";
            int choice = target.Choices.ToList().IndexOf(choiceName);
            double[] point = coordinateBox
                ? [h.GInf, .. h.Gradients.Select(g => g / h.GInf), .. Enumerable.Repeat(0.0, Math.Max(0, target.Coordinates.Count - 1 - h.T))]
                : [h.Beta1 / Math.Sqrt(Math.Sqrt(h.Beta2)), h.Beta2, h.GInf];
            if (choice < 0 || point.Length != target.Coordinates.Count || target.Coordinates.Select((c, i) => point[i] < c.Lo || point[i] > c.Hi).Any(outside => outside))
            {
                continue;   // a horizon, β₂ or G_∞ beyond the box: out of the certifier's reach
            }

            // A box of relative half-width 10⁻³ around it (clipped to the row's box) is proved violated everywhere.
            BoxCoordinate[] around = target.Coordinates.Select((c, i) =>
            {
                double r = 1e-3 * Math.Max(Math.Abs(point[i]), 1e-3 * (c.Hi - c.Lo));
                return c with { Lo = Math.Max(c.Lo, point[i] - r), Hi = Math.Min(c.Hi, point[i] + r) };
            }).ToArray();
            Certificate certificate = BranchAndBound.Run(target with { Coordinates = around }, CertificationBudget.Gate, [choice]);
            Assert.True(certificate.Kind == CertificateKind.Violated, $"{claim.Info.Id}: {certificate.Summary()}");
            Assert.True(certificate.WitnessLeft > certificate.WitnessRight, $"{claim.Info.Id}: the witness does not violate in doubles: {certificate.Summary()}");
            checkedFiles++;
        }

        Assert.True(checkedFiles >= 12, $"only {checkedFiles} stored counterexamples were within reach of the certifier");
    }

    [Fact]
    public void Lemma_4_3_base_case_condition_is_recovered_as_the_certified_boundary()
    {
        // (13): √g² ≤ 2G_∞‖g‖ holds iff G_∞ ≥ 1/2 (or g = 0). Along G_∞ ∈ [0, 2] at resolution 2^-12 of the box.
        var budget = new CertificationBudget(200_000, 1.0 / 4096);
        Certificate c = BranchAndBound.Run(Target("SGA-L4.3-eq13-second"), budget);
        double resolution = 2.0 * CoordinateBox.GMax / 4096;
        Assert.Equal(CertificateKind.Violated, c.Kind);
        Assert.Equal("G_∞", c.BoundaryName);
        Assert.True(c.ViolatedUpTo <= 0.5 && c.ProvedAbove >= 0.5, c.Summary());
        Assert.True(c.ProvedAbove - c.ViolatedUpTo <= 4 * resolution, c.Summary());
    }

    [Theory]
    [InlineData("SGA-L4.3-eq18-22-18L-to-18R-link")]
    [InlineData("DAS-L2-cauchy-schwarz-lower-to-product-link")]
    [InlineData("SGA-L4.3-eq23-25-24-to-25-link")]
    public void Swapped_sides_are_never_certified(string id)
    {
        CertificationTarget target = Target(id);
        Certificate c = BranchAndBound.Run(target with { Sides = new Swapped(target.Sides), Tolerance = 0.0 }, CertificationBudget.Gate);
        Assert.True(c.Kind is CertificateKind.Violated or CertificateKind.Undecided, c.Summary());
    }

    [Fact]
    public void Expressions_agree_with_the_claims_own_doubles_inside_every_box()
    {
        // The symbolic layer may only drop what is identically zero: at points of each box, the enclosure of each
        // side over the point (widened by 10⁻⁹ relative for the doubles' own rounding) holds the double value.
        var random = new SearchRandom(20261202, 0);
        int points = 0;
        foreach (IClaim claim in ClaimCatalogue.All.Where(c => c.Certification is not null))
        {
            CertificationTarget target = claim.Certification!;
            Expr[] variables = Enumerable.Range(0, target.Coordinates.Count).Select(Expr.Variable).ToArray();
            for (int choice = 0; choice < target.Choices.Count; choice++)
            {
                (Expr left, Expr right) = target.Sides.Evaluate<Expr>(variables, choice);
                for (int k = 0; k < 6; k++)
                {
                    double[] x = target.Coordinates.Select(c => c.Lo + (c.Hi - c.Lo) * random.NextDouble()).ToArray();
                    (Real l, Real r) = target.Sides.Evaluate<Real>(x.Select(v => new Real(v)).ToArray(), choice);
                    Interval[] box = x.Select(Interval.Point).ToArray();
                    Near(ExprEvaluation.Enclose(left, box), l.Value, $"{claim.Info.Id} {target.Choices[choice]} left at [{string.Join(", ", x)}]");
                    Near(ExprEvaluation.Enclose(right, box), r.Value, $"{claim.Info.Id} {target.Choices[choice]} right at [{string.Join(", ", x)}]");
                    points++;
                }
            }
        }

        Assert.True(points > 500, $"{points} points checked");
    }

    private static void Near(Interval enclosure, double value, string what)
    {
        if (!double.IsFinite(value) || enclosure.IsUndefined)
        {
            Assert.True(!double.IsFinite(value) || double.IsInfinity(enclosure.Lo) || double.IsInfinity(enclosure.Hi) || enclosure.IsUndefined, $"{what}: {value} vs {enclosure}");
            return;
        }

        double slack = 1e-9 * Math.Max(Math.Abs(value), 1e-300);
        Assert.True(enclosure.Lo - slack <= value && value <= enclosure.Hi + slack, $"{what}: double {value:R} outside {enclosure}");
    }

    private sealed class Swapped(ICertifiableSides inner) : ICertifiableSides
    {
        public (TScalar Left, TScalar Right) Evaluate<TScalar>(IReadOnlyList<TScalar> x, int choice)
            where TScalar : IScalar<TScalar>
        {
            (TScalar left, TScalar right) = inner.Evaluate(x, choice);
            return (right, left);
        }
    }
}
