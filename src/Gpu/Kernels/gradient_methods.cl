/*
 * Element-wise kernels for the rest of the gradient methods of src/Reference (needs prelude.cl for max0/min0 and
 * philox4x32.cl). One work-item per coordinate (32-bit index, global size rounded up to the work-group size, j >= n
 * returns); FP_CONTRACT is OFF (prelude.cl) and each expression is written in the operation order of the reference
 * class it mirrors, so the double kernels reproduce it bit for bit:
 *
 *   SGD      (Sgd.cs):      theta = box(theta - alpha_t * g)
 *   AdaGrad  (AdaGrad.cs):  s = s + g * g; den = sqrt(s) + eps; u = den == 0 ? 0 : g / den; theta = box(theta - lr * u)
 *   RMSProp  (RmsProp.cs):  v = rho * v + (1 - rho) * (g * g); same den, u and theta as AdaGrad
 *
 * plus StochGradAdam's weight decay (StochGradAdam.cs): coupled g = g + wd * theta (before the mask), decoupled
 * theta = theta * (1 - alpha_t * wd) (every coordinate for the dense variants, kept coordinates only for masked_update,
 * the keep bit drawn here from the same Philox (seed, stream, step, index) as the Adam kernel's).
 *
 * The box projection is compile-time (-D GM_BOX=1; the host builds the program with and without it), so the kernels
 * are straight-line code for PoCL's vectoriser; lo, hi and box stay in the argument lists and are ignored without it.
 */
#ifndef GM_BOX
#define GM_BOX 0
#endif

inline real gm_project(real th, real lo, real hi)
{
#if GM_BOX
    return min0(max0(th, lo), hi);
#else
    return th;
#endif
}

/* x = x * factor on every coordinate. */
__kernel void scale_in_place(__global real* restrict x, real factor, uint n)
{
    uint j = (uint)get_global_id(0);
    if (j >= n) return;
    x[j] = x[j] * factor;
}

/*
 * x = x * factor only where the Philox keep bit of (mask_step, index_offset + j) is 1. One work-item per Philox block
 * (coordinates 4w - (index_offset & 3) + q, q = 0..3, inside [0, n)), as in adam_family.cl.
 */
__kernel void scale_in_place_masked(__global real* restrict x, real factor, uint n,
                                    uint k0, uint k1, ulong mask_step, ulong index_offset, ulong threshold)
{
    uint w = (uint)get_global_id(0);
    uint shift = (uint)(index_offset & 3u);
    uint first = 4u * w;
    if (first >= n + shift) return;
    uint4 b = philox_block(k0, k1, mask_step, philox_block_of(index_offset, w));
    for (uint q = 0; q < 4u; q++) {
        if (first + q < shift || first + q - shift >= n) continue;
        uint j = first + q - shift;
        uint word = q == 0u ? b.x : q == 1u ? b.y : q == 2u ? b.z : b.w;
        if ((ulong)word < threshold) {
            x[j] = x[j] * factor;
        }
    }
}

/* g = g + wd * theta (coupled weight decay). */
__kernel void add_scaled(__global real* restrict g, __global const real* restrict theta, real wd, uint n)
{
    uint j = (uint)get_global_id(0);
    if (j >= n) return;
    g[j] = g[j] + wd * theta[j];
}

__kernel void sgd_update(__global real* restrict theta, __global const real* restrict g, uint n, real alpha_t,
                         real lo, real hi, uint box)
{
    uint j = (uint)get_global_id(0);
    if (j >= n) return;
    theta[j] = gm_project(theta[j] - alpha_t * g[j], lo, hi);
}

__kernel void adagrad_update(__global real* restrict theta, __global real* restrict sum,
                             __global const real* restrict g, uint n, real lr, real eps, real lo, real hi, uint box)
{
    uint j = (uint)get_global_id(0);
    if (j >= n) return;
    real gj = g[j];
    real s = sum[j] + gj * gj;
    sum[j] = s;
    real den = sqrt(s) + eps;
    real u = den == (real)0 ? (real)0 : gj / den;
    theta[j] = gm_project(theta[j] - lr * u, lo, hi);
}

__kernel void rmsprop_update(__global real* restrict theta, __global real* restrict v, __global const real* restrict g,
                             uint n, real rho, real one_minus_rho, real lr, real eps, real lo, real hi, uint box)
{
    uint j = (uint)get_global_id(0);
    if (j >= n) return;
    real gj = g[j];
    real vj = rho * v[j] + one_minus_rho * (gj * gj);
    v[j] = vj;
    real den = sqrt(vj) + eps;
    real u = den == (real)0 ? (real)0 : gj / den;
    theta[j] = gm_project(theta[j] - lr * u, lo, hi);
}
