namespace Verification.Reference.Random;

/// <summary>
/// The instruction-set paths of the bulk Philox generator (<see cref="PhiloxBulk"/>). Every path computes the bits of
/// <see cref="Philox4x32.Generate"/>; they differ only in how many blocks one instruction works on.
/// </summary>
internal enum PhiloxPath
{
    /// <summary>One block at a time through <see cref="Philox4x32.Generate"/>, the readable definition.</summary>
    Scalar,

    /// <summary>4 blocks per instruction (SSE2).</summary>
    Vector128,

    /// <summary>8 blocks per instruction (AVX2).</summary>
    Vector256,

    /// <summary>16 blocks per instruction (AVX-512F).</summary>
    Vector512,
}
