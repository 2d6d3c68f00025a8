namespace Verification.Audit.Experiments;

/// <summary>Every experiment of the report, in report order.</summary>
public static class ExperimentCatalog
{
    /// <summary>All experiments.</summary>
    public static IReadOnlyList<IExperiment> All { get; } =
    [
        new DasGradFig1(),
        new DasGradFig2(),
        new DasGradFig3(),
        new SgaSampleRate(),
        new SgaTheorem45(),
    ];

    /// <summary>The experiment named <paramref name="name"/>, or null when none has that name.</summary>
    public static IExperiment? Find(string name) => All.FirstOrDefault(e => e.Name == name);

    /// <summary>The experiment named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No experiment has that name.</exception>
    public static IExperiment Get(string name) => Find(name) ?? throw new KeyNotFoundException($"No experiment is named '{name}'.");
}
