namespace Verification.Audit.Experiments.Support;

/// <summary>How big an experiment runs.</summary>
internal enum RunScale
{
    /// <summary>Structural tests: every code path, seconds.</summary>
    Tiny,

    /// <summary>The audit's default: subsets, the whole set of experiments in a few minutes on 2 cores.</summary>
    Quick,

    /// <summary>The full data sets and longer runs.</summary>
    Full,
}

/// <summary>Reads the scale off a context.</summary>
internal static class RunScaleExtensions
{
    public static RunScale Scale(this ExperimentContext context) =>
        context.Tiny ? RunScale.Tiny : context.Quick ? RunScale.Quick : RunScale.Full;

    /// <summary>Picks the value for the context's scale.</summary>
    public static T Pick<T>(this ExperimentContext context, T tiny, T quick, T full) => context.Scale() switch
    {
        RunScale.Tiny => tiny,
        RunScale.Quick => quick,
        _ => full,
    };

    public static string ScaleName(this ExperimentContext context) => context.Scale() switch
    {
        RunScale.Tiny => "tiny (test) scale",
        RunScale.Quick => "quick mode",
        _ => "full mode",
    };
}
