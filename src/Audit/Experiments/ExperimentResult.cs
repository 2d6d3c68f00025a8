namespace Verification.Audit.Experiments;

/// <summary>An experiment's outcome: its figures and the paragraph a reader needs to interpret them.</summary>
/// <param name="Name">The experiment's command-line name.</param>
/// <param name="Title">The section title.</param>
/// <param name="Setup">What was run: problem, sizes, hyperparameters, seeds.</param>
/// <param name="Findings">What the figures show and what they do not show.</param>
/// <param name="Figures">The plots (each series is also written as CSV).</param>
/// <param name="Tables">Small tables of numbers the text refers to.</param>
/// <param name="Seconds">Wall-clock time of the run.</param>
public sealed record ExperimentResult(
    string Name, string Title, string Setup, string Findings, IReadOnlyList<Figure> Figures, IReadOnlyList<Table> Tables, double Seconds)
{
    /// <summary>Why the experiment did not finish (one line), or null when it did; the report states it in the experiment's section.</summary>
    public string? Failure { get; init; }

    /// <summary>The exception text with its stack trace when the failure is a bug rather than a user or data error; otherwise null.</summary>
    public string? FailureDetail { get; init; }

    /// <summary>The result of an experiment that threw: no figures, and the failure in words.</summary>
    public static ExperimentResult Failed(IExperiment experiment, string failure, string? detail, double seconds)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        return new ExperimentResult(experiment.Name, experiment.Title, "", "", [], [], seconds) { Failure = failure, FailureDetail = detail };
    }
}

/// <summary>One plot.</summary>
/// <param name="Id">A file-name-safe id, unique within the experiment (for example <c>mnist-loss-vs-iterations</c>).</param>
/// <param name="Title">The plot title.</param>
/// <param name="XLabel">The x-axis label.</param>
/// <param name="YLabel">The y-axis label.</param>
/// <param name="Series">The lines (or bars).</param>
/// <param name="LogX">Logarithmic x axis.</param>
/// <param name="LogY">Logarithmic y axis.</param>
/// <param name="Kind">Lines, a histogram (bars at the x values) or unconnected points.</param>
/// <param name="Reference">A horizontal line to read the points against (always inside the y range), or null.</param>
public sealed record Figure(
    string Id, string Title, string XLabel, string YLabel, IReadOnlyList<Series> Series, bool LogX = false, bool LogY = false, FigureKind Kind = FigureKind.Lines, ReferenceLine? Reference = null);

/// <summary>How a figure is drawn.</summary>
public enum FigureKind
{
    /// <summary>Polylines.</summary>
    Lines,

    /// <summary>Side-by-side bars per x value (histograms).</summary>
    Bars,

    /// <summary>Markers only: for series whose x values interleave, where a connecting line would zigzag between them.</summary>
    Points,
}

/// <summary>A dashed horizontal line across a figure.</summary>
/// <param name="Y">Where it is drawn.</param>
/// <param name="Label">What it marks, written at its right end.</param>
public sealed record ReferenceLine(double Y, string Label);

/// <summary>One named sequence of points.</summary>
/// <param name="Name">The legend entry.</param>
/// <param name="X">x values.</param>
/// <param name="Y">y values (same length).</param>
public sealed record Series(string Name, double[] X, double[] Y);

/// <summary>A small table.</summary>
/// <param name="Title">Its caption.</param>
/// <param name="Header">Column names.</param>
/// <param name="Rows">Cells, already formatted.</param>
public sealed record Table(string Title, string[] Header, string[][] Rows);
