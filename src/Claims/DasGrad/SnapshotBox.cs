using System.Globalization;
using Verification.Claims.Catalogue;
using Verification.Claims.Certification.Arithmetic;
using Verification.Claims.Certification.Boxes;

namespace Verification.Claims.DasGrad;

/// <summary>The expressions of a claim over one gradient snapshot, numbered and written once for every arithmetic.</summary>
internal interface ISnapshotTerms
{
    TScalar Term<TScalar>(int k, SnapshotScalars<TScalar> s)
        where TScalar : IScalar<TScalar>;
}

/// <summary>The certification box of the snapshot claims (Lemma 2, §4.3).</summary>
internal static class SnapshotBox
{
    /// <summary>
    /// The box for Lemma 2's and §4.3's steps: d = 1, n = 2 (the textbook case; at n = 3 the equality set p = p* is a
    /// three-dimensional surface in four coordinates and the boxes needed grow with the cube of the resolution); one
    /// g_j = ±1 and the other in [−1, 1] (every side is homogeneous of degree 2 in (g, G_∞), so the faces max_i|g_i| = 1
    /// cover every g ≠ 0); G_∞ ∈ [1, 2]; p = (s, 1 − s) with s ∈ [0.01, 0.99]. Cauchy–Schwarz holds with equality at
    /// p = p*, inside the box, where no enclosure can show left − right ≤ 0 exactly: such a box counts as proved when
    /// left − right ≤ 10⁻⁴·max(|left|, |right|) on it, and the certificate states the largest ratio it needed.
    /// </summary>
    public static CertificationTarget Link(ISnapshotTerms terms, int from, int to, Relation relation = Relation.LessOrEqual)
    {
        var choices = new List<string>();
        var faces = new List<(int N, int Face, double Sign)>();
        foreach (int n in (int[])[2])
        {
            for (int j = 0; j < n; j++)
            {
                foreach (double sign in (double[])[1.0, -1.0])
                {
                    faces.Add((n, j, sign));
                    choices.Add(string.Create(CultureInfo.InvariantCulture, $"n={n}, d=1, g{j + 1} = {(sign > 0 ? "+" : "−")}1"));
                }
            }
        }

        BoxCoordinate[] coordinates =
        [
            new("G_∞", 1.0, 2.0), new("g1", -1.0, 1.0), new("g2", -1.0, 1.0), new("s", 0.01, 0.99),
        ];
        return new CertificationTarget(
            "d = 1, n = 2, max_i|g_i| = 1 (homogeneity), G_∞ ∈ [1, 2], p = (s, 1 − s) with s ∈ [0.01, 0.99]",
            coordinates, choices, new BoxSides(terms, from, to, faces), relation)
        {
            Tolerance = 1e-4,
        };
    }

    private sealed class BoxSides(ISnapshotTerms terms, int from, int to, IReadOnlyList<(int N, int Face, double Sign)> faces) : ICertifiableSides
    {
        public (TScalar Left, TScalar Right) Evaluate<TScalar>(IReadOnlyList<TScalar> x, int choice)
            where TScalar : IScalar<TScalar>
        {
            (int n, int face, double sign) = faces[choice];
            TScalar[][] g = Enumerable.Range(0, n).Select(i => new[] { i == face ? (TScalar)sign : x[1 + i] }).ToArray();
            TScalar[] p = [x[3], 1.0 - x[3]];
            bool[] all = Enumerable.Repeat(true, n).ToArray();
            var s = new SnapshotScalars<TScalar>(g, p, all, x[0], normsVanish: false, nonzero: all);
            return (terms.Term(from, s), terms.Term(to, s));
        }
    }

}
