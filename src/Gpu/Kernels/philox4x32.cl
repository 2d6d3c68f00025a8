/*
 * Philox4x32 (Salmon, Moraes, Dror, Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC'11), the same
 * arithmetic as src/Reference/Random/Philox4x32.cs and the same (seed, stream, step, index) layout as
 * src/Reference/Random/PhiloxStream.cs:
 *   key     = (k0, k1) = (seed low, seed high XOR stream id), derived on the host;
 *   counter = (block low, block high, step low, step high);
 *   the 32-bit draw for (step, index) is word index % 4 of block index / 4.
 *
 * PHILOX10 is the 10-round function on four scalar words (a constant-trip loop) with mulhilo32 written as one
 * 32x32->64 product; in the Adam kernels on PoCL it ran about 10 times faster than the uint4 loop below (kept for the
 * raw known-answer kernel, which takes the round count as an argument). Both compute the same bits.
 */
#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_BUMP0 0x9E3779B9u
#define PHILOX_BUMP1 0xBB67AE85u

uint4 philox4x32(uint4 c, uint k0, uint k1, uint rounds)
{
    for (uint r = 0; r < rounds; r++) {
        if (r > 0) {
            k0 += PHILOX_BUMP0;
            k1 += PHILOX_BUMP1;
        }
        uint hi0 = mul_hi(PHILOX_M0, c.x);
        uint lo0 = PHILOX_M0 * c.x;
        uint hi1 = mul_hi(PHILOX_M1, c.z);
        uint lo1 = PHILOX_M1 * c.z;
        c = (uint4)(hi1 ^ c.y ^ k0, lo1, hi0 ^ c.w ^ k1, lo0);
    }
    return c;
}

/* One round on the scalar words c0..c3 (in place) with key words ka, kb. */
#define PHILOX_ROUND(c0, c1, c2, c3, ka, kb) {                  \
        ulong philox_p0 = (ulong)PHILOX_M0 * (ulong)(c0);       \
        ulong philox_p1 = (ulong)PHILOX_M1 * (ulong)(c2);       \
        uint philox_n0 = (uint)(philox_p1 >> 32) ^ (c1) ^ (ka); \
        uint philox_n2 = (uint)(philox_p0 >> 32) ^ (c3) ^ (kb); \
        (c1) = (uint)philox_p1;                                 \
        (c3) = (uint)philox_p0;                                 \
        (c0) = philox_n0;                                       \
        (c2) = philox_n2;                                       \
    }

/* Philox4x32-10 in place on the scalar words c0..c3 with key (k0, k1). */
#define PHILOX10(c0, c1, c2, c3, k0, k1) {                                              \
        uint philox_ka = (k0), philox_kb = (k1);                                       \
        PHILOX_ROUND(c0, c1, c2, c3, philox_ka, philox_kb)                             \
        for (uint philox_r = 1; philox_r < 10u; philox_r++) {                          \
            philox_ka += PHILOX_BUMP0;                                                  \
            philox_kb += PHILOX_BUMP1;                                                  \
            PHILOX_ROUND(c0, c1, c2, c3, philox_ka, philox_kb)                         \
        }                                                                               \
    }

uint4 philox_block(uint k0, uint k1, ulong step, ulong block)
{
    uint c0 = (uint)block, c1 = (uint)(block >> 32), c2 = (uint)step, c3 = (uint)(step >> 32);
    PHILOX10(c0, c1, c2, c3, k0, k1)
    return (uint4)(c0, c1, c2, c3);
}

/*
 * The block holding Philox index (index_offset & ~3) + 4w, with the index wrapping mod 2^64 as index_offset + j does
 * in the per-coordinate kernels: ((index_offset >> 2) + w) mod 2^62.
 */
ulong philox_block_of(ulong index_offset, uint w)
{
    return ((index_offset >> 2) + (ulong)w) & 0x3FFFFFFFFFFFFFFFul;
}

uint philox_uint32(uint k0, uint k1, ulong step, ulong index)
{
    uint c0 = (uint)(index >> 2), c1 = (uint)(index >> 34), c2 = (uint)step, c3 = (uint)(step >> 32);
    PHILOX10(c0, c1, c2, c3, k0, k1)
    uint q = (uint)index & 3u;
    return q == 0u ? c0 : q == 1u ? c1 : q == 2u ? c2 : c3;
}

/* Bernoulli(s) keep bit: 1 iff the draw is below threshold = floor(s * 2^32), compared as 64-bit integers. */
uint philox_keep(uint k0, uint k1, ulong step, ulong index, ulong threshold)
{
    return ((ulong)philox_uint32(k0, k1, step, index) < threshold) ? 1u : 0u;
}
