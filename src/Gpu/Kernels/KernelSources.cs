using System.Reflection;

namespace Verification.Gpu.Kernels;

/// <summary>The OpenCL C sources embedded in this assembly (the <c>.cl</c> files beside this class).</summary>
public static class KernelSources
{
    /// <summary>FP_CONTRACT OFF and the <c>real</c> type (double when <c>REAL_IS_DOUBLE</c> is defined).</summary>
    public const string Prelude = "prelude.cl";

    /// <summary>Philox4x32 and the project's (seed, stream, step, index) layout.</summary>
    public const string Philox = "philox4x32.cl";

    /// <summary>Random-number kernels: 32-bit draws, Bernoulli mask, raw blocks, uniform doubles.</summary>
    public const string Random = "random.cl";

    /// <summary>The STREAM triad kernel.</summary>
    public const string StreamTriad = "stream_triad.cl";

    /// <summary>The Adam-family element-wise update kernels (dense and lazy).</summary>
    public const string AdamFamily = "adam_family.cl";

    /// <summary>SGD, AdaGrad, RMSProp and StochGradAdam's weight decay (needs <see cref="Prelude"/> and <see cref="Philox"/>).</summary>
    public const string GradientMethods = "gradient_methods.cl";

    /// <summary>Logistic regression (binary sparse, multinomial): forward pass, per-example gradient norms, full gradient (double only).</summary>
    public const string Logistic = "logistic.cl";

    /// <summary>The text of one embedded source file.</summary>
    /// <exception cref="FileNotFoundException">No such embedded kernel file.</exception>
    public static string Read(string fileName)
    {
        string resource = "Verification.Gpu.Kernels." + fileName;
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new FileNotFoundException($"The kernel source '{fileName}' is not embedded in {Assembly.GetExecutingAssembly().GetName().Name} (resource {resource}).", fileName);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The files concatenated in order, each preceded by a <c>#line</c> directive so build logs name the file.</summary>
    public static string Concatenate(params string[] fileNames)
    {
        ArgumentNullException.ThrowIfNull(fileNames);
        return string.Join("\n", fileNames.Select((name, i) => $"#line 1 \"{name}\"\n" + Read(name)));
    }
}
