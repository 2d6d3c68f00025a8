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
