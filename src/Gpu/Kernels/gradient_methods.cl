/*
 * Element-wise kernels for the rest of the gradient methods of src/Reference (needs prelude.cl, philox4x32.cl and
 * adam_family.cl for max0/min0). One work-item per coordinate; FP_CONTRACT is OFF (prelude.cl) and each expression is
 * written in the operation order of the reference class it mirrors, so the double kernels reproduce it bit for bit:
 *
 *   SGD      (Sgd.cs):      theta = box(theta - alpha_t * g)
 *   AdaGrad  (AdaGrad.cs):  s = s + g * g; den = sqrt(s) + eps; u = den == 0 ? 0 : g / den; theta = box(theta - lr * u)
 *   RMSProp  (RmsProp.cs):  v = rho * v + (1 - rho) * (g * g); same den, u and theta as AdaGrad
 *
 * plus StochGradAdam's weight decay (StochGradAdam.cs): coupled g = g + wd * theta (before the mask), decoupled
 * theta = theta * (1 - alpha_t * wd) (every coordinate for the dense variants, kept coordinates only for masked_update,
 * the keep bit drawn here from the same Philox (seed, stream, step, index) as the Adam kernel's).
 */

real gm_project(real th, real lo, real hi, uint box)
{
    return box ? min0(max0(th, lo), hi) : th;
}

/* x = x * factor; when masked != 0, only where the Philox keep bit of (mask_step, index_offset + j) is 1. */
__kernel void scale_in_place(__global real* x, real factor, uint n, uint masked,
                             uint k0, uint k1, ulong mask_step, ulong index_offset, ulong threshold)
{
    size_t j = get_global_id(0);
    if (j >= n) return;
    if (masked && !philox_keep(k0, k1, mask_step, index_offset + j, threshold)) return;
    x[j] = x[j] * factor;
}

/* g = g + wd * theta (coupled weight decay). */
__kernel void add_scaled(__global real* g, __global const real* theta, real wd, uint n)
{
    size_t j = get_global_id(0);
    if (j >= n) return;
    g[j] = g[j] + wd * theta[j];
}

__kernel void sgd_update(__global real* theta, __global const real* g, uint n, real alpha_t, real lo, real hi, uint box)
{
    size_t j = get_global_id(0);
    if (j >= n) return;
    theta[j] = gm_project(theta[j] - alpha_t * g[j], lo, hi, box);
}

__kernel void adagrad_update(__global real* theta, __global real* sum, __global const real* g, uint n,
                             real lr, real eps, real lo, real hi, uint box)
{
    size_t j = get_global_id(0);
    if (j >= n) return;
    real gj = g[j];
    real s = sum[j] + gj * gj;
    sum[j] = s;
    real den = sqrt(s) + eps;
    real u = den == (real)0 ? (real)0 : gj / den;
    theta[j] = gm_project(theta[j] - lr * u, lo, hi, box);
}

__kernel void rmsprop_update(__global real* theta, __global real* v, __global const real* g, uint n,
                             real rho, real one_minus_rho, real lr, real eps, real lo, real hi, uint box)
{
    size_t j = get_global_id(0);
    if (j >= n) return;
    real gj = g[j];
    real vj = rho * v[j] + one_minus_rho * (gj * gj);
    v[j] = vj;
    real den = sqrt(vj) + eps;
    real u = den == (real)0 ? (real)0 : gj / den;
    theta[j] = gm_project(theta[j] - lr * u, lo, hi, box);
}
