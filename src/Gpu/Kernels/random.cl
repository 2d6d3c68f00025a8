/*
 * Random-number kernels over Philox4x32-10 (needs prelude.cl and philox4x32.cl).
 *
 * The 32-bit draws and the Bernoulli bits run one work-item per Philox block, as the masked Adam kernel does: work-item
 * w computes block ((first >> 2) + w) mod 2^62 once and writes its words q = 0..3 to the elements
 * i = 4w - (first & 3) + q that fall in [0, n), so every block's 128 bits are used and none is computed twice. The
 * host launches (n + (first & 3) + 3) / 4 work-items (rounded up to the work-group size; the surplus return).
 */

/* out[i] = 32-bit draw for (step, first + i). */
__kernel void philox_fill_uint32(__global uint* out, uint k0, uint k1, ulong step, ulong first, uint n)
{
    uint w = (uint)get_global_id(0);
    uint shift = (uint)(first & 3u);
    uint start = 4u * w;                      /* element of word q is start + q - shift */
    if (start >= n + shift) return;
    uint4 b = philox_block(k0, k1, step, philox_block_of(first, w));
    uint words[4] = { b.x, b.y, b.z, b.w };
    for (uint q = 0; q < 4u; q++) {
        if (start + q < shift || start + q - shift >= n) continue;
        out[start + q - shift] = words[q];
    }
}

/* keep[i] = 1 iff the draw for (step, first + i) is below threshold (threshold = floor(s * 2^32), up to 2^32). */
__kernel void philox_bernoulli_mask(__global uint* keep, uint k0, uint k1, ulong step, ulong first, ulong threshold, uint n)
{
    uint w = (uint)get_global_id(0);
    uint shift = (uint)(first & 3u);
    uint start = 4u * w;
    if (start >= n + shift) return;
    uint4 b = philox_block(k0, k1, step, philox_block_of(first, w));
    uint words[4] = { b.x, b.y, b.z, b.w };
    for (uint q = 0; q < 4u; q++) {
        if (start + q < shift || start + q - shift >= n) continue;
        keep[start + q - shift] = ((ulong)words[q] < threshold) ? 1u : 0u;
    }
}

/* Raw blocks for known-answer tests: counters and outputs are 4 words per item, keys 2 words per item. */
__kernel void philox_raw(__global const uint* counters, __global const uint* keys, __global uint* out, uint rounds, uint n)
{
    size_t i = get_global_id(0);
    if (i >= n) return;
    uint4 c = (uint4)(counters[4 * i], counters[4 * i + 1], counters[4 * i + 2], counters[4 * i + 3]);
    uint4 r = philox4x32(c, keys[2 * i], keys[2 * i + 1], rounds);
    out[4 * i] = r.x;
    out[4 * i + 1] = r.y;
    out[4 * i + 2] = r.z;
    out[4 * i + 3] = r.w;
}

#ifdef REAL_IS_DOUBLE
/*
 * out[i] = uniform double in [0, 1) for slot first + i, one work-item per element: block = index (one block per
 * double, the layout of docs/rng.md, which uses words 0 and 1 only),
 * ((w0 >> 5) * 2^26 + (w1 >> 6)) / 2^53, every operation exact in IEEE double.
 */
__kernel void philox_uniform_double(__global double* out, uint k0, uint k1, ulong step, ulong first, uint n)
{
    size_t i = get_global_id(0);
    if (i >= n) return;
    uint4 b = philox_block(k0, k1, step, first + i);
    out[i] = ((double)(b.x >> 5) * 67108864.0 + (double)(b.y >> 6)) / 9007199254740992.0;
}
#endif
