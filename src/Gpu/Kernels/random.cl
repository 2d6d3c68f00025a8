/* Random-number kernels over Philox4x32-10 (needs prelude.cl and philox4x32.cl). One work-item per element. */

/* out[i] = 32-bit draw for (step, first + i). */
__kernel void philox_fill_uint32(__global uint* out, uint k0, uint k1, ulong step, ulong first, uint n)
{
    size_t i = get_global_id(0);
    if (i >= n) return;
    out[i] = philox_uint32(k0, k1, step, first + i);
}

/* keep[i] = 1 iff the draw for (step, first + i) is below threshold (threshold = floor(s * 2^32), up to 2^32). */
__kernel void philox_bernoulli_mask(__global uint* keep, uint k0, uint k1, ulong step, ulong first, ulong threshold, uint n)
{
    size_t i = get_global_id(0);
    if (i >= n) return;
    keep[i] = philox_keep(k0, k1, step, first + i, threshold);
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
 * out[i] = uniform double in [0, 1) for slot first + i: block = index (one block per double), words 0 and 1,
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
