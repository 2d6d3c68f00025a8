using Verification.Gpu;
using Verification.Gpu.Optimizers;
using Verification.Gpu.Torch;
using Verification.Reference.Optimizers;

namespace Verification.Audit.Experiments.Support;

/// <summary>
/// Where an experiment's gradient optimizers step: the CPU reference, or an accelerator backend (OpenCL or
/// TorchSharp) in double (bit-equal to the reference by construction, see <see cref="AcceleratedOptimizer{T}"/>).
/// When the accelerator was asked for but cannot be opened, everything runs on the reference and <see cref="Note"/>
/// says why.
/// </summary>
internal sealed class GradientDevice : IDisposable
{
    private readonly IGradientMethodBackend? _backend;

    private GradientDevice(IGradientMethodBackend? backend, string note)
    {
        _backend = backend;
        Note = note;
    }

    /// <summary>One sentence for the Setup text: where the steps ran.</summary>
    public string Note { get; }

    public bool OnAccelerator => _backend is not null;

    public static GradientDevice Open(ExperimentContext context)
    {
        if (context.Device == ComputeDevice.Reference)
        {
            return new GradientDevice(null, "Optimizer steps ran on the double-precision CPU reference.");
        }

        if (context.Device == ComputeDevice.Torch)
        {
            return OpenTorch();
        }

        try
        {
            if (!OpenClBackend.IsAvailable(out string reason))
            {
                return new GradientDevice(null, $"The accelerator was requested but OpenCL is unavailable ({reason}); optimizer steps ran on the CPU reference instead.");
            }

            OpenClBackend backend = OpenClBackend.Create();
            if (!backend.SupportsFloat64)
            {
                backend.Dispose();
                return new GradientDevice(null, "The accelerator was requested but the OpenCL device has no float64 support; optimizer steps ran on the CPU reference instead.");
            }

            return new GradientDevice(backend, $"Gradient-optimizer steps (Adam, AMSGrad, StochGradAdam) ran on {backend.Description} in float64; gradients were computed on the host. DASGrad's sampler has no device implementation, so DASGrad ran on the CPU reference.");
        }
#pragma warning disable CA1031 // any failure to open the device means: fall back, and say so
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new GradientDevice(null, $"The accelerator was requested but could not be opened ({e.GetType().Name}: {e.Message}); optimizer steps ran on the CPU reference instead.");
        }
    }

    private static GradientDevice OpenTorch()
    {
        if (!TorchBackend.IsAvailable(out string reason))
        {
            return new GradientDevice(null, $"The TorchSharp backend was requested but cannot load ({reason}); optimizer steps ran on the CPU reference instead.");
        }

        try
        {
            TorchBackend backend = TorchBackend.Create();
            return new GradientDevice(backend, $"Gradient-optimizer steps (Adam, AMSGrad, StochGradAdam) ran on {backend.Description} in float64; gradients were computed on the host. DASGrad's sampler has no device implementation, so DASGrad ran on the CPU reference.");
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException)
        {
            return new GradientDevice(null, $"The TorchSharp backend was requested but could not be opened ({e.Message}); optimizer steps ran on the CPU reference instead.");
        }
    }

    public IGradientStepper Stepper(IGradientOptimizer optimizer, double[] theta)
    {
        if (_backend is null)
        {
            return new ReferenceStepper(optimizer, theta.Length);
        }

        try
        {
            return new AcceleratedStepper(_backend, optimizer, theta);
        }
        catch (NotSupportedException e)
        {
            Fallbacks.Add($"{optimizer.Name} ran on the CPU reference ({e.Message})");
            return new ReferenceStepper(optimizer, theta.Length);
        }
    }

    /// <summary>Optimizers that the accelerator could not run and that ran on the reference instead.</summary>
    public List<string> Fallbacks { get; } = [];

    /// <summary><see cref="Note"/> plus any per-optimizer fallbacks, for the Setup text (call after the runs).</summary>
    public string FullNote => Fallbacks.Count == 0 ? Note : Note + " Fallbacks: " + string.Join("; ", Fallbacks.Distinct()) + ".";

    public void Dispose() => _backend?.Dispose();
}

/// <summary>Takes optimizer steps on θ, wherever the state lives.</summary>
internal interface IGradientStepper : IDisposable
{
    /// <summary>Takes one step: θ is overwritten with θ_{t+1}.</summary>
    void Step(double[] theta, ReadOnlySpan<double> gradient);
}

internal sealed class ReferenceStepper(IGradientOptimizer optimizer, int dimension) : IGradientStepper
{
    private readonly OptimizerState _state = optimizer.Init(dimension);

    public void Step(double[] theta, ReadOnlySpan<double> gradient) => optimizer.Step(_state, theta, gradient);

    public void Dispose()
    {
    }
}

internal sealed class AcceleratedStepper : IGradientStepper
{
    private readonly AcceleratedOptimizer<double> _device;

    public AcceleratedStepper(IGradientMethodBackend backend, IGradientOptimizer optimizer, double[] theta)
    {
        _device = new AcceleratedOptimizer<double>(backend, optimizer, theta.Length);
        _device.SetParameters(theta);
    }

    public void Step(double[] theta, ReadOnlySpan<double> gradient)
    {
        _device.Step(gradient);
        _device.GetParameters().CopyTo(theta, 0);
    }

    public void Dispose() => _device.Dispose();
}
