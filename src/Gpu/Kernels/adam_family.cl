/*
 * Adam-family element-wise update (Adam, AMSGrad, StochGradAdam's masked Adam, dense and lazy).
 * Precision from prelude.cl (`real` is double or float); needs philox4x32.cl for the gradient mask.
 *
 * Every step-dependent scalar (beta powers, bias corrections, step size) is computed on the host, so the kernel
 * uses only + - * / sqrt and selects, each correctly rounded in double, and FP_CONTRACT is OFF: the double kernel
 * reproduces a host loop with the same operation order bit for bit. The order is:
 *
 *   phi   = keep ? g : 0                      (a select, never g * keep)
 *   m     = b1t * m + omb1t * phi
 *   v     = b2t * v + omb2t * (phi * phi)
 *   r     = amsgrad ? (vmax = max0(vmax, v)) : v
 *   mh    = m / bc1;   vh = r / bc2
 *   den   = eps_inside ? sqrt(vh + eps) : sqrt(vh) + eps
 *   u     = (den == 0 && mh == 0) ? 0 : mh / den   (the analysis' 0/0 before any nonzero gradient)
 *   theta = theta - alpha_t * u
 *   theta = box ? min0(max0(theta, lo), hi) : theta
 *
 * The switches are compile-time: the host builds one program per combination it uses (cached) with
 *   -D ADAM_FLAGS=<bits>   1 AMSGrad, 2 eps inside the sqrt, 4 box projection, 8 Philox mask;
 *   -D ADAM_KEEP_OUT=1     write the keep bits to keep_out (otherwise keep_out is ignored and may be NULL).
 * With every branch resolved by the preprocessor the kernels are straight-line code, which PoCL's work-group
 * vectoriser turns into SIMD loops; with runtime tests of a flag word it did not (7-10x slower on a 2-core Zen 4).
 * The argument lists do not depend on the switches (`flags` is accepted and ignored), so one host call sets them all.
 *
 * Work-items and indices (32-bit: n < 2^31 is checked on the host):
 *   - without a mask: one work-item per coordinate j, global size rounded up to the work-group size, j >= n returns;
 *   - with a mask: one work-item per Philox block, i.e. per 4 consecutive Philox indices. Work-item w draws block
 *     (index_offset >> 2) + w once and covers coordinates j = 4w - (index_offset & 3) + q, q = 0..3, that fall in
 *     [0, n). A fully covered block (the common case) runs as 4-wide vector code; the first and last blocks go
 *     through a guarded scalar loop.
 */
#ifndef ADAM_FLAGS
#define ADAM_FLAGS 0
#endif
#ifndef ADAM_KEEP_OUT
#define ADAM_KEEP_OUT 0
#endif
#define ADAM_AMSGRAD    1  /* keep the running maximum vmax and divide by it (Reddi, Kale, Kumar, ICLR'18) */
#define ADAM_EPS_INSIDE 2  /* sqrt(vh + eps) instead of sqrt(vh) + eps */
#define ADAM_BOX        4  /* project theta onto [lo, hi] coordinate-wise */
#define ADAM_MASK       8  /* draw the keep bit from Philox; otherwise every coordinate is kept */

#ifdef REAL_IS_DOUBLE
typedef double4 real4;
#else
typedef float4 real4;
#endif

/* From the moments to the new theta: mh, vh, den, u, the step and the projection (r is v or vmax). */
inline real adam_theta(real th, real mj, real r, real bc1, real bc2, real eps, real alpha_t, real lo, real hi)
{
    real mh = mj / bc1;
    real vh = r / bc2;
#if (ADAM_FLAGS) & ADAM_EPS_INSIDE
    real den = sqrt(vh + eps);
#else
    real den = sqrt(vh) + eps;
#endif
    real u = (den == (real)0 && mh == (real)0) ? (real)0 : mh / den;
    th = th - alpha_t * u;
#if (ADAM_FLAGS) & ADAM_BOX
    th = min0(max0(th, lo), hi);
#endif
    return th;
}

/* The whole update of coordinate j with gradient (already masked) phi. */
inline void adam_coordinate(__global real* restrict theta, __global real* restrict m, __global real* restrict v,
                            __global real* restrict vmax, uint j, real phi,
                            real b1t, real omb1t, real b2t, real omb2t, real bc1, real bc2,
                            real eps, real alpha_t, real lo, real hi)
{
    real mj = b1t * m[j] + omb1t * phi;
    real vj = b2t * v[j] + omb2t * (phi * phi);
    real r = vj;
#if (ADAM_FLAGS) & ADAM_AMSGRAD
    r = max0(vmax[j], vj);
    vmax[j] = r;
#endif
    real th = adam_theta(theta[j], mj, r, bc1, bc2, eps, alpha_t, lo, hi);
    m[j] = mj;
    v[j] = vj;
    theta[j] = th;
}

/* The four keep bits of Philox block (index_offset >> 2) + w at mask_step (threshold = floor(s * 2^32) <= 2^32). */
inline uint4 adam_keep4(uint w, uint k0, uint k1, ulong mask_step, ulong index_offset, ulong threshold)
{
    uint4 b = philox_block(k0, k1, mask_step, philox_block_of(index_offset, w));
    return (uint4)(((ulong)b.x < threshold) ? 1u : 0u, ((ulong)b.y < threshold) ? 1u : 0u,
                   ((ulong)b.z < threshold) ? 1u : 0u, ((ulong)b.w < threshold) ? 1u : 0u);
}

inline uint adam_keep_word(uint4 keep, uint q)
{
    return q == 0u ? keep.x : q == 1u ? keep.y : q == 2u ? keep.z : keep.w;
}

/*
 * Dense update: every coordinate's moments advance; masked-out coordinates see phi = 0.
 * vmax is used only with ADAM_AMSGRAD and keep_out only with ADAM_KEEP_OUT (either may be NULL otherwise); without
 * a mask the keep bits written are all 1. The mask draw for coordinate j uses Philox index index_offset + j at
 * step mask_step.
 */
__kernel void adam_family_update(__global real* restrict theta, __global real* restrict m, __global real* restrict v,
                                 __global real* restrict vmax, __global const real* restrict g,
                                 __global uint* restrict keep_out, uint n,
                                 real b1t, real omb1t, real b2t, real omb2t, real bc1, real bc2,
                                 real eps, real alpha_t, real lo, real hi, uint flags,
                                 uint k0, uint k1, ulong mask_step, ulong index_offset, ulong threshold)
{
#if (ADAM_FLAGS) & ADAM_MASK
    uint w = (uint)get_global_id(0);
    uint shift = (uint)(index_offset & 3u);
    uint first = 4u * w;                      /* coordinate of word q is first + q - shift */
    if (first >= n + shift) return;
    uint4 keep = adam_keep4(w, k0, k1, mask_step, index_offset, threshold);
    if (shift == 0u && first + 4u <= n) {
        real4 g4 = vload4(w, g);
        real4 phi = (real4)(keep.x ? g4.x : (real)0, keep.y ? g4.y : (real)0,
                            keep.z ? g4.z : (real)0, keep.w ? g4.w : (real)0);
        real4 mj = b1t * vload4(w, m) + omb1t * phi;
        real4 vj = b2t * vload4(w, v) + omb2t * (phi * phi);
        real4 r = vj;
#if (ADAM_FLAGS) & ADAM_AMSGRAD
        real4 vm = vload4(w, vmax);
        r = (real4)(max0(vm.x, vj.x), max0(vm.y, vj.y), max0(vm.z, vj.z), max0(vm.w, vj.w));
        vstore4(r, w, vmax);
#endif
        real4 th = vload4(w, theta);
        th = (real4)(adam_theta(th.x, mj.x, r.x, bc1, bc2, eps, alpha_t, lo, hi),
                     adam_theta(th.y, mj.y, r.y, bc1, bc2, eps, alpha_t, lo, hi),
                     adam_theta(th.z, mj.z, r.z, bc1, bc2, eps, alpha_t, lo, hi),
                     adam_theta(th.w, mj.w, r.w, bc1, bc2, eps, alpha_t, lo, hi));
        vstore4(mj, w, m);
        vstore4(vj, w, v);
        vstore4(th, w, theta);
#if ADAM_KEEP_OUT
        vstore4(keep, w, keep_out);
#endif
        return;
    }
    for (uint q = 0; q < 4u; q++) {
        if (first + q < shift || first + q - shift >= n) continue;
        uint j = first + q - shift;
        uint kj = adam_keep_word(keep, q);
#if ADAM_KEEP_OUT
        keep_out[j] = kj;
#endif
        adam_coordinate(theta, m, v, vmax, j, kj ? g[j] : (real)0, b1t, omb1t, b2t, omb2t, bc1, bc2,
                        eps, alpha_t, lo, hi);
    }
#else
    uint j = (uint)get_global_id(0);
    if (j >= n) return;
#if ADAM_KEEP_OUT
    keep_out[j] = 1u;
#endif
    adam_coordinate(theta, m, v, vmax, j, g[j], b1t, omb1t, b2t, omb2t, bc1, bc2, eps, alpha_t, lo, hi);
#endif
}

/* The lazy update of coordinate j (kept): its own clock, then the update with b1t = beta1 and b2t = beta2. */
inline void adam_lazy_coordinate(__global real* restrict theta, __global real* restrict m, __global real* restrict v,
                                 __global real* restrict vmax, __global real* restrict count,
                                 __global real* restrict p1, __global real* restrict p2, uint j, real gj,
                                 real beta1, real omb1, real beta2, real omb2, real eps, real alpha_t, real lo, real hi)
{
    count[j] = count[j] + (real)1;
    real q1 = p1[j] * beta1;
    real q2 = p2[j] * beta2;
    p1[j] = q1;
    p2[j] = q2;
    adam_coordinate(theta, m, v, vmax, j, gj, beta1, omb1, beta2, omb2, (real)1 - q1, (real)1 - q2,
                    eps, alpha_t, lo, hi);
}

/*
 * Lazy ("masked_update") variant: a coordinate with keep == 0 is left untouched (theta, m, v, vmax, count, p1, p2);
 * a kept coordinate advances its own clock: count += 1, p1 *= beta1, p2 *= beta2, bc1 = 1 - p1, bc2 = 1 - p2, then
 * the update above with b1t = beta1 and b2t = beta2. p1 and p2 start at 1 and count at 0 (set by the host).
 * Work-items as in adam_family_update (one per Philox block with a mask, one per coordinate without).
 */
__kernel void adam_family_masked_update(__global real* restrict theta, __global real* restrict m,
                                        __global real* restrict v, __global real* restrict vmax,
                                        __global real* restrict count, __global real* restrict p1,
                                        __global real* restrict p2, __global const real* restrict g,
                                        __global uint* restrict keep_out, uint n,
                                        real beta1, real omb1, real beta2, real omb2,
                                        real eps, real alpha_t, real lo, real hi, uint flags,
                                        uint k0, uint k1, ulong mask_step, ulong index_offset, ulong threshold)
{
#if (ADAM_FLAGS) & ADAM_MASK
    uint w = (uint)get_global_id(0);
    uint shift = (uint)(index_offset & 3u);
    uint first = 4u * w;
    if (first >= n + shift) return;
    uint4 keep = adam_keep4(w, k0, k1, mask_step, index_offset, threshold);
    for (uint q = 0; q < 4u; q++) {
        if (first + q < shift || first + q - shift >= n) continue;
        uint j = first + q - shift;
        uint kj = adam_keep_word(keep, q);
#if ADAM_KEEP_OUT
        keep_out[j] = kj;
#endif
        if (kj) {
            adam_lazy_coordinate(theta, m, v, vmax, count, p1, p2, j, g[j], beta1, omb1, beta2, omb2,
                                 eps, alpha_t, lo, hi);
        }
    }
#else
    uint j = (uint)get_global_id(0);
    if (j >= n) return;
#if ADAM_KEEP_OUT
    keep_out[j] = 1u;
#endif
    adam_lazy_coordinate(theta, m, v, vmax, count, p1, p2, j, g[j], beta1, omb1, beta2, omb2, eps, alpha_t, lo, hi);
#endif
}
