using Verification.Claims.Certification.Arithmetic;
using Verification.Claims.Instances;

namespace Verification.Claims.Certification.Boxes;

/// <summary>The expressions of a per-coordinate claim or chain, numbered in the paper's order and written once for every arithmetic.</summary>
public interface ICoordinateTerms
{
    /// <summary>Expression <paramref name="k"/> on history <paramref name="h"/>.</summary>
    TScalar Term<TScalar>(int k, CoordinateScalars<TScalar> h)
        where TScalar : IScalar<TScalar>;
}
