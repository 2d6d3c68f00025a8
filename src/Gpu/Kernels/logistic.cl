/*
 * Logistic regression on the device, double precision only (needs prelude.cl with REAL_IS_DOUBLE for max0), mirroring
 * src/Convex/Objectives: BinaryLogisticRegression (sparse CSR rows, IMDB) and MultinomialLogisticRegression (CSR rows
 * with exact zeros dropped, MNIST, K classes, theta = K rows of p weights and a bias, row-major).
 *
 * What is bit for bit and what is not:
 *   - margins / logits: z_i = (sum over the row's stored entries, in column order, of x * theta) + bias (binary) and
 *     z_ik = bias_k + x * w_k (in column order, starting from the bias: multinomial), the reference's operation order,
 *     so equal bit for bit (FP_CONTRACT OFF, + and * correctly rounded).
 *   - residuals r = sigmoid(z) - y and softmax(z) - e_y use OpenCL's exp, which is not correctly rounded (PoCL's
 *     differed from .NET's Math.Exp by 1 ULP on about 10% of inputs): everything downstream of exp (residuals, norms,
 *     the full gradient) agrees with the reference within a stated tolerance, not bitwise.
 *   - the full gradient's reduction has the reference's fixed order (ChunkedReduction): examples in chunks of
 *     `chunk` rows (1024 binary, 256 multinomial), each chunk's partial summed in example order from +0, the partials
 *     added in chunk order from +0, then sum / n + lambda * theta. One work-item per gradient coordinate walks that
 *     coordinate's column (CSC, rows ascending), so, given the same residuals, the gradient is equal bit for bit.
 */

double lr_sigmoid(double z)
{
    double e = exp(-fabs(z));
    return z >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
}

/* sqrt(max(squared, 0)): the three terms sum to a squared norm; rounding can push an exact 0 below it. */
double lr_root(double squared)
{
    return sqrt(max0(squared, 0.0));
}

/* Binary: z_i, r_i = sigmoid(z_i) - y_i and |grad f_i| for every example i (any output may be skipped with want_*). */
__kernel void binary_forward(__global const int* restrict rowptr, __global const int* restrict cols,
                             __global const double* restrict vals, __global const double* restrict theta,
                             __global const double* restrict labels, __global const double* restrict aug_sq,
                             uint d, uint n, double lambda, double theta_sq,
                             __global double* restrict z_out, __global double* restrict r_out,
                             __global double* restrict norm_out, uint want_residuals)
{
    uint i = (uint)get_global_id(0);
    if (i >= n) return;
    double s = 0.0;
    for (int k = rowptr[i]; k < rowptr[i + 1]; k++) {
        s += vals[k] * theta[cols[k]];
    }
    double z = s + theta[d - 1];
    z_out[i] = z;
    if (!want_residuals) return;
    double r = lr_sigmoid(z) - labels[i];
    r_out[i] = r;
    /* BinaryLogisticRegression: r * r * a + 2 lambda * r * z + lambda^2 |theta|^2, left to right (a = |x_i|^2 + 1) */
    norm_out[i] = lr_root(r * r * aug_sq[i] + 2.0 * lambda * r * z + lambda * lambda * theta_sq);
}

/*
 * Binary gradient: one work-item per coordinate j < d; j < d - 1 walks column j (CSC), j = d - 1 (the bias) every
 * example. Chunked order as described above.
 */
__kernel void binary_gradient(__global const int* restrict colptr, __global const int* restrict rows,
                              __global const double* restrict cvals, __global const double* restrict r,
                              __global const double* restrict theta, uint d, uint n, uint chunk, double lambda,
                              __global double* restrict grad)
{
    uint j = (uint)get_global_id(0);
    if (j >= d) return;
    double total = 0.0, partial = 0.0;
    uint current = 0;
    if (j + 1 < d) {
        for (int e = colptr[j]; e < colptr[j + 1]; e++) {
            uint i = (uint)rows[e];
            uint c = i / chunk;
            if (c != current) { total += partial; partial = 0.0; current = c; }
            partial += r[i] * cvals[e];
        }
    } else {
        for (uint i = 0; i < n; i++) {
            uint c = i / chunk;
            if (c != current) { total += partial; partial = 0.0; current = c; }
            partial += r[i];
        }
    }
    total += partial;
    grad[j] = total / (double)n + lambda * theta[j];
}

#ifndef LR_MAX_CLASSES
#define LR_MAX_CLASSES 16
#endif

/*
 * Multinomial: logits z (n x K), residuals softmax(z) - e_y (n x K) and |grad f_i| for every example.
 * theta is K rows of stride = p + 1 (bias last).
 */
__kernel void multinomial_forward(__global const int* restrict rowptr, __global const int* restrict cols,
                                  __global const double* restrict vals, __global const double* restrict theta,
                                  __global const int* restrict labels, __global const double* restrict aug_sq,
                                  uint p, uint classes, uint n, double lambda, double theta_sq,
                                  __global double* restrict z_out, __global double* restrict r_out,
                                  __global double* restrict norm_out, uint want_residuals)
{
    uint i = (uint)get_global_id(0);
    if (i >= n) return;
    uint stride = p + 1u;
    /* every class in one pass over the row: class k's sum still starts at its bias and adds in column order */
    double z[LR_MAX_CLASSES];
    for (uint k = 0; k < classes; k++) z[k] = theta[(size_t)k * stride + p];
    for (int e = rowptr[i]; e < rowptr[i + 1]; e++) {
        double x = vals[e];
        uint col = (uint)cols[e];
        for (uint k = 0; k < classes; k++) z[k] += x * theta[(size_t)k * stride + col];
    }
    for (uint k = 0; k < classes; k++) z_out[(size_t)i * classes + k] = z[k];
    if (!want_residuals) return;
    /* LogisticMath.Softmax: max shift, exp, sum in class order, divide. */
    double mx = -INFINITY;
    for (uint k = 0; k < classes; k++) mx = max0(mx, z[k]);
    double q[LR_MAX_CLASSES];
    double sum = 0.0;
    for (uint k = 0; k < classes; k++) { q[k] = exp(z[k] - mx); sum += q[k]; }
    uint y = (uint)labels[i];
    double rr = 0.0, rz = 0.0;
    for (uint k = 0; k < classes; k++) {
        double rk = q[k] / sum;
        if (k == y) rk = rk - 1.0;
        r_out[(size_t)i * classes + k] = rk;
        rr += rk * rk;
        rz += rk * z[k];
    }
    /* MultinomialLogisticRegression: rr * a + 2 lambda * rz + lambda^2 |W|^2, left to right */
    norm_out[i] = lr_root(rr * aug_sq[i] + 2.0 * lambda * rz + lambda * lambda * theta_sq);
}

/*
 * Multinomial gradient: one work-item per column j <= p (j = p is the bias) for all K classes at once, writing
 * grad[k (p + 1) + j] in theta's layout. Column j's entries (CSC, rows ascending) times r[i K + k], chunked order per
 * class (each class has its own total and partial, so the order per coordinate is the reference's).
 */
__kernel void multinomial_gradient(__global const int* restrict colptr, __global const int* restrict rows,
                                   __global const double* restrict cvals, __global const double* restrict r,
                                   __global const double* restrict theta, uint p, uint classes, uint n, uint chunk,
                                   double lambda, __global double* restrict grad)
{
    uint j = (uint)get_global_id(0);
    uint stride = p + 1u;
    if (j >= stride) return;
    double total[LR_MAX_CLASSES], partial[LR_MAX_CLASSES];
    for (uint k = 0; k < classes; k++) { total[k] = 0.0; partial[k] = 0.0; }
    uint current = 0;
    if (j < p) {
        for (int e = colptr[j]; e < colptr[j + 1]; e++) {
            uint i = (uint)rows[e];
            uint c = i / chunk;
            if (c != current) {
                for (uint k = 0; k < classes; k++) { total[k] += partial[k]; partial[k] = 0.0; }
                current = c;
            }
            double x = cvals[e];
            for (uint k = 0; k < classes; k++) partial[k] += x * r[(size_t)i * classes + k];
        }
    } else {
        for (uint i = 0; i < n; i++) {
            uint c = i / chunk;
            if (c != current) {
                for (uint k = 0; k < classes; k++) { total[k] += partial[k]; partial[k] = 0.0; }
                current = c;
            }
            for (uint k = 0; k < classes; k++) partial[k] += r[(size_t)i * classes + k];
        }
    }
    for (uint k = 0; k < classes; k++) {
        size_t g = (size_t)k * stride + j;
        grad[g] = (total[k] + partial[k]) / (double)n + lambda * theta[g];
    }
}
