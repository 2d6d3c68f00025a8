namespace Verification.Claims.Certification.Boxes;

/// <summary>What a branch and bound established on a box.</summary>
public enum CertificateKind
{
    /// <summary>left − right ≤ 0 (or = 0 for an identity) proved on every sub-box: the claim holds on the whole box.</summary>
    Certified,

    /// <summary>Every sub-box proved, some only to within the target's tolerance.</summary>
    CertifiedWithin,

    /// <summary>A sub-box on which left − right &gt; 0 everywhere: the claim fails at every point of it.</summary>
    Violated,

    /// <summary>Neither, within the budget: some sub-box was left unresolved.</summary>
    Undecided,
}
