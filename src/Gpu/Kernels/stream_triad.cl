/* STREAM triad (McCalpin), a[i] = b[i] + q * c[i], for bandwidth measurements; precision from prelude.cl. */
__kernel void stream_triad(__global real* a, __global const real* b, __global const real* c, real q, uint n)
{
    size_t i = get_global_id(0);
    if (i >= n) return;
    a[i] = b[i] + q * c[i];
}
