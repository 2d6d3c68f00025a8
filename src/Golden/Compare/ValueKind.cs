namespace Verification.Golden.Compare;

/// <summary>What a recorded value is: every field of a golden step line holds one kind.</summary>
internal enum ValueKind
{
    /// <summary>An IEEE 754 binary64 value, compared by bit pattern and measured in ULPs.</summary>
    Double,

    /// <summary>A non-negative integer (<c>indices</c>, <c>norm_evaluations</c>, <c>state.step</c>, a bit of <c>mask</c>).</summary>
    Integer,

    /// <summary>True or false (<c>refreshed</c>).</summary>
    Boolean,
}
