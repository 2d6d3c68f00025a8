using Verification.Gpu.Optimizers;
using static TorchSharp.torch;
using static Verification.Gpu.Torch.TorchArithmetic;

namespace Verification.Gpu.Torch;

/// <summary>
/// The element-wise pieces the updates share, as separate tensor operations in the order of
/// <c>src/Gpu/Kernels/adam_family.cl</c> and <c>gradient_methods.cl</c> (each correctly rounded; see
/// <see cref="TorchBackend"/> for why nothing fused is used). Host scalars are rounded to the tensors' precision first,
/// as the OpenCL backend passes them to a float kernel.
/// </summary>
/// <param name="dtype">float64 or float32.</param>
/// <param name="device">The device of the tensors.</param>
/// <param name="fusedSqrtResidual">Whether <see cref="TorchSqrt"/> may use <c>addcmul</c> as a fused multiply-add here.</param>
internal readonly struct TorchElementwise(ScalarType dtype, Device device, bool fusedSqrtResidual)
{
    /// <summary><paramref name="value"/> rounded to the tensors' precision (unchanged for float64).</summary>
    public double Real(double value) => dtype == ScalarType.Float32 ? (float)value : value;

    /// <summary>A 0-dim tensor of <paramref name="value"/> on the device (a divisor: see <see cref="TorchBackend"/>).</summary>
    public Tensor Scalar(double value) => tensor(Real(value), dtype, device);

    /// <summary>RN(√x) (see <see cref="TorchSqrt"/>).</summary>
    public Tensor Sqrt(Tensor x) => TorchSqrt.CorrectlyRounded(x, fusedSqrtResidual);

    /// <summary>max(a, b) with −0 below +0 (IEEE 754-2019 maximum on non-NaN operands, as Math.Max).</summary>
    public static Tensor Max0(Tensor a, Tensor b) => where((a > b) | ((a == b) & b.signbit()), a, b);

    /// <summary>min(a, b) with −0 below +0 (as Math.Min).</summary>
    public static Tensor Min0(Tensor a, Tensor b) => where((a < b) | ((a == b) & a.signbit()), a, b);

    /// <summary>min0(max0(θ, lo), hi), or θ without a box.</summary>
    public Tensor Project(Tensor theta, BoxConstraint? box) =>
        box is { } b ? Min0(Max0(theta, Scalar(b.Lower)), Scalar(b.Upper)) : theta;

    /// <summary>
    /// From the moments to the new θ: m̂ = m/bc1, v̂ = r/bc2, den = √v̂ + ε (or √(v̂ + ε)),
    /// u = 0 where den = 0 and m̂ = 0 else m̂/den, θ − α·u, projected.
    /// </summary>
    public Tensor AdamTheta(Tensor theta, Tensor m, Tensor r, Tensor bc1, Tensor bc2, double epsilon, double stepSize, AdamFamilyOptions options)
    {
        Tensor mh = m / bc1;
        Tensor vh = r / bc2;
        Tensor den = options.EpsilonInsideSqrt ? Sqrt(Add(vh, Real(epsilon))) : Add(Sqrt(vh), Real(epsilon));
        Tensor u = where(Equal(den, 0.0) & Equal(mh, 0.0), zeros_like(mh), mh / den);
        return Project(Sub(theta, Mul(u, Real(stepSize))), options.Box);
    }

    /// <summary>AdaGrad's and RMSProp's θ step: den = √s + ε, u = 0 where den = 0 else g/den, θ − lr·u, projected.</summary>
    public Tensor ScaledGradientStep(Tensor theta, Tensor g, Tensor s, double learningRate, double epsilon, BoxConstraint? box)
    {
        Tensor den = Add(Sqrt(s), Real(epsilon));
        Tensor u = where(Equal(den, 0.0), zeros_like(g), g / den);
        return Project(Sub(theta, Mul(u, Real(learningRate))), box);
    }
}
