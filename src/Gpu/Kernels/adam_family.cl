/*
 * Adam-family element-wise update (Adam, AMSGrad, StochGradAdam's masked Adam), one work-item per coordinate.
 * Precision from prelude.cl (`real` is double or float); needs philox4x32.cl for the gradient mask.
 *
 * Every step-dependent scalar (beta powers, bias corrections, step size) is computed on the host, so the kernel
 * uses only + - * / sqrt fmax fmin, each correctly rounded in double, and FP_CONTRACT is OFF: the double kernel
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
 * max0/min0 are fmax/fmin with -0 ordered below +0 (IEEE 754-2019 maximum/minimum on non-NaN operands, which is
 * what .NET's Math.Max/Math.Min compute). OpenCL leaves the sign of fmax/fmin unspecified when the operands are
 * zeros of opposite sign, and PoCL's fmin(-0, +0) returns +0 where Math.Min returns -0; the explicit selects make the
 * result the same everywhere. No operand is NaN here (gradients are validated finite upstream).
 */
#define ADAM_AMSGRAD    1u  /* keep the running maximum vmax and divide by it (Reddi, Kale, Kumar, ICLR'18) */
#define ADAM_EPS_INSIDE 2u  /* sqrt(vh + eps) instead of sqrt(vh) + eps */
#define ADAM_BOX        4u  /* project theta onto [lo, hi] coordinate-wise */
#define ADAM_MASK       8u  /* draw the keep bit from Philox; otherwise every coordinate is kept */

real max0(real a, real b)
{
    return (a > b || (a == b && signbit(b))) ? a : b;
}

real min0(real a, real b)
{
    return (a < b || (a == b && signbit(a))) ? a : b;
}

void adam_coordinate(__global real* theta, __global real* m, __global real* v, __global real* vmax, size_t j, real phi,
                     real b1t, real omb1t, real b2t, real omb2t, real bc1, real bc2,
                     real eps, real alpha_t, real lo, real hi, uint flags)
{
    real mj = b1t * m[j] + omb1t * phi;
    real vj = b2t * v[j] + omb2t * (phi * phi);
    real r = vj;
    if (flags & ADAM_AMSGRAD) {
        r = max0(vmax[j], vj);
        vmax[j] = r;
    }
    real mh = mj / bc1;
    real vh = r / bc2;
    real den = (flags & ADAM_EPS_INSIDE) ? sqrt(vh + eps) : (sqrt(vh) + eps);
    real u = (den == (real)0 && mh == (real)0) ? (real)0 : mh / den;
    real th = theta[j] - alpha_t * u;
    if (flags & ADAM_BOX) {
        th = min0(max0(th, lo), hi);
    }
    m[j] = mj;
    v[j] = vj;
    theta[j] = th;
}

uint adam_keep(uint flags, uint k0, uint k1, ulong mask_step, ulong index, ulong threshold)
{
    return (flags & ADAM_MASK) ? philox_keep(k0, k1, mask_step, index, threshold) : 1u;
}

/*
 * Dense update: every coordinate's moments advance; masked-out coordinates see phi = 0.
 * vmax may be NULL unless ADAM_AMSGRAD; keep_out may be NULL, otherwise it receives the keep bits.
 * The mask draw for coordinate j uses Philox index index_offset + j at step mask_step.
 */
__kernel void adam_family_update(__global real* theta, __global real* m, __global real* v, __global real* vmax,
                                 __global const real* g, __global uint* keep_out, uint n,
                                 real b1t, real omb1t, real b2t, real omb2t, real bc1, real bc2,
                                 real eps, real alpha_t, real lo, real hi, uint flags,
                                 uint k0, uint k1, ulong mask_step, ulong index_offset, ulong threshold)
{
    size_t j = get_global_id(0);
    if (j >= n) return;
    uint keep = adam_keep(flags, k0, k1, mask_step, index_offset + j, threshold);
    if (keep_out != 0) keep_out[j] = keep;
    real phi = keep ? g[j] : (real)0;
    adam_coordinate(theta, m, v, vmax, j, phi, b1t, omb1t, b2t, omb2t, bc1, bc2, eps, alpha_t, lo, hi, flags);
}

/*
 * Lazy ("masked_update") variant: a coordinate with keep == 0 is left untouched (theta, m, v, vmax, count, p1, p2);
 * a kept coordinate advances its own clock: count += 1, p1 *= beta1, p2 *= beta2, bc1 = 1 - p1, bc2 = 1 - p2, then
 * the update above with b1t = beta1 and b2t = beta2. p1 and p2 start at 1 and count at 0 (set by the host).
 */
__kernel void adam_family_masked_update(__global real* theta, __global real* m, __global real* v, __global real* vmax,
                                        __global real* count, __global real* p1, __global real* p2,
                                        __global const real* g, __global uint* keep_out, uint n,
                                        real beta1, real omb1, real beta2, real omb2,
                                        real eps, real alpha_t, real lo, real hi, uint flags,
                                        uint k0, uint k1, ulong mask_step, ulong index_offset, ulong threshold)
{
    size_t j = get_global_id(0);
    if (j >= n) return;
    uint keep = adam_keep(flags, k0, k1, mask_step, index_offset + j, threshold);
    if (keep_out != 0) keep_out[j] = keep;
    if (!keep) return;
    count[j] = count[j] + (real)1;
    real q1 = p1[j] * beta1;
    real q2 = p2[j] * beta2;
    p1[j] = q1;
    p2[j] = q2;
    adam_coordinate(theta, m, v, vmax, j, g[j], beta1, omb1, beta2, omb2, (real)1 - q1, (real)1 - q2,
                    eps, alpha_t, lo, hi, flags);
}
