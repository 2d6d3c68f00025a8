/*
 * Prelude of every program in Verification.Gpu (prepended by the host).
 *
 * FP_CONTRACT OFF: OpenCL C lets the compiler fuse a*b+c into one FMA by default; the host-side references
 * round the product first, so fusion is switched off to keep + - * / sqrt individually (and correctly) rounded.
 * REAL_IS_DOUBLE (a -D option from the host) selects the precision of `real` for the element-wise kernels.
 */
#pragma OPENCL FP_CONTRACT OFF

#ifdef REAL_IS_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
typedef double real;
#else
typedef float real;
#endif

/*
 * max0/min0: fmax/fmin with -0 ordered below +0 (IEEE 754-2019 maximum/minimum on non-NaN operands, which is what
 * .NET's Math.Max/Math.Min compute). OpenCL leaves the sign of fmax/fmin unspecified when the operands are zeros of
 * opposite sign, and PoCL's fmin(-0, +0) returns +0 where Math.Min returns -0; the explicit selects make the result
 * the same everywhere. No operand is NaN here (gradients are validated finite upstream).
 */
inline real max0(real a, real b)
{
    return (a > b || (a == b && signbit(b))) ? a : b;
}

inline real min0(real a, real b)
{
    return (a < b || (a == b && signbit(a))) ? a : b;
}
