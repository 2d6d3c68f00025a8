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

    /// <summary>The experiment named <paramref name="name"/>.</summary>
    public static IExperiment Get(string name) =>
        All.FirstOrDefault(e => e.Name == name)
        ?? throw new ArgumentException($"Unknown experiment '{name}' (known: {string.Join(", ", All.Select(e => e.Name))}).", nameof(name));
}
