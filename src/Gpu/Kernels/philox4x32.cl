/*
 * Philox4x32 (Salmon, Moraes, Dror, Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC'11), the same
 * arithmetic as src/Reference/Random/Philox4x32.cs and the same (seed, stream, step, index) layout as
 * src/Reference/Random/PhiloxStream.cs:
 *   key     = (k0, k1) = (seed low, seed high XOR stream id), derived on the host;
 *   counter = (block low, block high, step low, step high);
 *   the 32-bit draw for (step, index) is word index % 4 of block index / 4.
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

uint4 philox_block(uint k0, uint k1, ulong step, ulong block)
{
    return philox4x32((uint4)((uint)block, (uint)(block >> 32), (uint)step, (uint)(step >> 32)), k0, k1, 10u);
}

uint philox_uint32(uint k0, uint k1, ulong step, ulong index)
{
    uint4 b = philox_block(k0, k1, step, index >> 2);
    switch ((uint)(index & 3)) {
        case 0u: return b.x;
        case 1u: return b.y;
        case 2u: return b.z;
        default: return b.w;
    }
}

/* Bernoulli(s) keep bit: 1 iff the draw is below threshold = floor(s * 2^32), compared as 64-bit integers. */
uint philox_keep(uint k0, uint k1, ulong step, ulong index, ulong threshold)
{
    return ((ulong)philox_uint32(k0, k1, step, index) < threshold) ? 1u : 0u;
}
