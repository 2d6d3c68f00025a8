using System.Globalization;
using Verification.Claims.Catalogue;
using Verification.Claims.Certification.Arithmetic;
using Verification.Claims.Instances;

namespace Verification.Claims.Certification.Boxes;

/// <summary>
/// The certification box of the per-coordinate StochGradAdam claims: G_∞ ∈ [0, <see cref="GMax"/>], g_t = G_∞·u_t with
/// u_t ∈ [−1, 1] (so |g_t| ≤ G_∞, the bounded-gradient hypothesis, holds on the whole box), every horizon T of a short
/// list and every mask of each.
/// </summary>
public static class CoordinateBox
{
    /// <summary>The largest G_∞ of the box: past 1/2, where Lemma 4.3's base case changes, and past 1, where G_∞-scaled bounds start to grow.</summary>
    public const double GMax = 2.0;

    /// <summary>The horizons certified by default: the smallest ones, where every mask can be enumerated and each step read.</summary>
    public static IReadOnlyList<int> Horizons { get; } = [1, 2, 3];

    /// <summary>The target for "expression <paramref name="from"/> ≤ (or =) expression <paramref name="to"/>" of <paramref name="terms"/>.</summary>
    public static CertificationTarget Link(ICoordinateTerms terms, int from, int to, IReadOnlyList<int>? horizons = null, Relation relation = Relation.LessOrEqual)
    {
        ArgumentNullException.ThrowIfNull(terms);
        horizons ??= Horizons;
        var masks = new List<bool[]>();
        var choices = new List<string>();
        foreach (int t in horizons)
        {
            for (int bits = 0; bits < 1 << t; bits++)
            {
                bool[] keep = Enumerable.Range(0, t).Select(k => (bits >> (t - 1 - k) & 1) == 1).ToArray();
                masks.Add(keep);
                choices.Add(string.Create(CultureInfo.InvariantCulture, $"T={t}, mask {string.Concat(keep.Select(k => k ? '1' : '0'))}"));
            }
        }

        int tMax = horizons.Max();
        var coordinates = new List<BoxCoordinate> { new("G_∞", 0.0, GMax) };
        coordinates.AddRange(Enumerable.Range(1, tMax).Select(t => new BoxCoordinate(string.Create(CultureInfo.InvariantCulture, $"u{t}"), -1.0, 1.0)));
        string box = string.Create(CultureInfo.InvariantCulture, $"G_∞ ∈ [0, {GMax}], g_t = G_∞u_t with u_t ∈ [−1, 1], T ∈ {{{string.Join(", ", horizons)}}}, every mask");
        return new CertificationTarget(box, coordinates, choices, new LinkSides(terms, from, to, masks), relation);
    }

    private sealed class LinkSides(ICoordinateTerms terms, int from, int to, IReadOnlyList<bool[]> masks) : ICertifiableSides
    {
        public (TScalar Left, TScalar Right) Evaluate<TScalar>(IReadOnlyList<TScalar> x, int choice)
            where TScalar : IScalar<TScalar>
        {
            CoordinateScalars<TScalar> h = CoordinateScalars.OnBox(x, masks[choice]);
            return (terms.Term(from, h), terms.Term(to, h));
        }
    }
}
