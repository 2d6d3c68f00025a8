namespace Verification.Claims.Catalogue;

/// <summary>The relation a claim asserts between its two evaluated sides.</summary>
public enum Relation
{
    /// <summary>Left ≤ Right (an inequality).</summary>
    LessOrEqual,

    /// <summary>Left = Right (an identity), up to the claim's rounding slack.</summary>
    Equal,
}
