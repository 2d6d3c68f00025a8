namespace Verification.Claims.Search;

/// <summary>The outcome of a claim's search.</summary>
public enum Verdict
{
    /// <summary>No counterexample in any family (the trial counts say how many instances were checked).</summary>
    Holds,

    /// <summary>A counterexample was found and shrunk; it is stored and pinned by a test.</summary>
    Falsified,

    /// <summary>
    /// No counterexample where the claim's condition holds, and a counterexample where it does not: the claim holds
    /// only under that condition (both sides were searched).
    /// </summary>
    HoldsOnlyIf,
}
