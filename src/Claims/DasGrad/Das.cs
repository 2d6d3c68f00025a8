using Verification.Claims.Catalogue;
using Verification.Claims.Certification.Boxes;

namespace Verification.Claims.DasGrad;

/// <summary>Constants and claim constructors shared by the DASGrad claim files.</summary>
internal static class Das
{
    public const string Paper = "DASGrad";

    /// <summary>Sides normalised by a natural scale, compared with 1e-9 relative and 1e-12 absolute slack.</summary>
    public static RoundingSlack Normalised => new(1e-9, 1e-12);

    /// <summary>Differences of sums that cancel: 1e-7 relative, 1e-12 absolute (on normalised sides).</summary>
    public static RoundingSlack Cancelling => new(1e-7, 1e-12);

    /// <summary>Sides divided by the magnitude of the terms of a run's sums: 1e-9 relative, 1e-10 absolute.</summary>
    public static RoundingSlack RunSlack => RoundingSlack.Scaled;

    /// <summary>A run claim: both sides divided by the magnitude of the run's terms.</summary>
    public static Sides Run(RunPaths p, double left, double right) => Over(left, right, p.Magnitude);

    public static ExpressionClaim<T> Le<T>(
        string id, string location, string statement, IReadOnlyList<string> hypotheses, IReadOnlyList<InstanceFamily<T>> families,
        Func<T, Sides> evaluate, (string, Func<T, bool>)? condition = null, RoundingSlack? slack = null, CertificationTarget? certification = null) =>
        new(new ClaimInfo(id, Paper, location, statement, hypotheses), families, evaluate, condition, slack, certification);

    public static ExpressionClaim<T> Eq<T>(
        string id, string location, string statement, IReadOnlyList<string> hypotheses, IReadOnlyList<InstanceFamily<T>> families,
        Func<T, Sides> evaluate, RoundingSlack? slack = null, CertificationTarget? certification = null) =>
        new(new ClaimInfo(id, Paper, location, statement, hypotheses, Relation.Equal), families, evaluate, null, slack, certification);

    /// <summary>a/s and b/s with 0/0 = 0.</summary>
    public static Sides Over(double a, double b, double s) => Sides.Over(a, b, s);
}
