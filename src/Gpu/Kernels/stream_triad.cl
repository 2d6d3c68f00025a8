/* STREAM triad (McCalpin), a[i] = b[i] + q * c[i], for bandwidth measurements; precision from prelude.cl. */
__kernel void stream_triad(__global real* restrict a, __global const real* restrict b, __global const real* restrict c, real q, uint n)
{
    uint i = (uint)get_global_id(0);
    if (i >= n) return;
    a[i] = b[i] + q * c[i];
}
