namespace Verification.Gpu.Optimizers;

/// <summary>The device-resident vectors of an Adam-family optimizer, all of one length.</summary>
/// <param name="Theta">The parameters θ.</param>
/// <param name="M">The first moment m.</param>
/// <param name="V">The second moment v.</param>
/// <param name="VMax">The running maximum of v (AMSGrad only; null otherwise).</param>
/// <typeparam name="T">double or float.</typeparam>
public sealed record AdamFamilyBuffers<T>(IDeviceVector<T> Theta, IDeviceVector<T> M, IDeviceVector<T> V, IDeviceVector<T>? VMax)
    where T : unmanaged;

/// <summary>Per-coordinate clocks of the lazy (masked_update) variant.</summary>
/// <param name="Count">How many times each coordinate has been updated (starts at 0).</param>
/// <param name="Beta1Power">β1^count (starts at 1).</param>
/// <param name="Beta2Power">β2^count (starts at 1).</param>
/// <typeparam name="T">double or float (in the float kernel the clocks are floats too).</typeparam>
public sealed record LazyAdamFamilyCounters<T>(IDeviceVector<T> Count, IDeviceVector<T> Beta1Power, IDeviceVector<T> Beta2Power)
    where T : unmanaged;
