using FsCheck;
using FsCheck.Fluent;

namespace Verification.Properties.Support;

/// <summary>Generators of small least-squares finite sums.</summary>
public static class Problems
{
    /// <summary>n ∈ [1, 24] examples of dimension d ∈ [1, 6], entries in [−2, 2].</summary>
    public static Gen<LeastSquaresProblem> LeastSquares() =>
        from n in Gen.Choose(1, 24)
        from d in Gen.Choose(1, 6)
        from rows in Generators.Between(-2, 2).ArrayOf(d).ArrayOf(n)
        from targets in Generators.Between(-2, 2).ArrayOf(n)
        select new LeastSquaresProblem(rows, targets);
}
