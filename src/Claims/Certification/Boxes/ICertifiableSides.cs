using Verification.Claims.Certification.Arithmetic;

namespace Verification.Claims.Certification.Boxes;

/// <summary>
/// A claim's two sides as functions of a box's coordinates, written once for every <see cref="IScalar{T}"/>: the
/// same code gives the doubles that are re-checked at a certified violation's witness and the expressions whose
/// enclosures decide each box.
/// </summary>
public interface ICertifiableSides
{
    /// <summary>The left and right sides at coordinates <paramref name="x"/> for discrete choice <paramref name="choice"/>.</summary>
    (TScalar Left, TScalar Right) Evaluate<TScalar>(IReadOnlyList<TScalar> x, int choice)
        where TScalar : IScalar<TScalar>;
}
