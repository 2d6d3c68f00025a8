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
    /// <summary>What the paper says about this experiment's figure, beside what was measured here, with a verdict per statement.</summary>
    public IReadOnlyList<PaperComparison> PaperComparisons { get; init; } = [];

    /// <summary>Runs (experiment × configuration × seed) that did not finish, in words; empty when the experiment is complete.</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];

    /// <summary>Why the experiment did not finish (one line), or null when it did; the report states it in the experiment's section.</summary>
    public string? Failure { get; init; }

    /// <summary>The exception text with its stack trace when the failure is a bug rather than a user or data error; otherwise null.</summary>
    public string? FailureDetail { get; init; }

    /// <summary>
    /// The result of an experiment stopped before all its runs finished (Ctrl-C): no figures, the setup, and which runs
    /// are missing; the finished runs stay in the output folder and a rerun into it computes only the missing ones.
    /// </summary>
    public static ExperimentResult Partial(IExperiment experiment, string setup, int finished, IReadOnlyList<string> missing, double seconds)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(missing);
        string findings = $"Incomplete: {finished} of {finished + missing.Count} runs finished before the audit was stopped, so no figure is drawn. Run the same command into the same --out (or add --resume) to compute only the {missing.Count} missing runs.";
        return new ExperimentResult(experiment.Name, experiment.Title, setup, findings, [], [], seconds) { Missing = missing };
    }

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
    string Id, string Title, string XLabel, string YLabel, IReadOnlyList<Series> Series, bool LogX = false, bool LogY = false, FigureKind Kind = FigureKind.Lines, ReferenceLine? Reference = null)
{
    /// <summary>Dashed vertical lines marking x positions (for example the horizon where a bound is first crossed); always inside the x range.</summary>
    public IReadOnlyList<VerticalMarker> Markers { get; init; } = [];

    /// <summary>Whether the x values are wall-clock measurements (they differ between two runs of the same settings).</summary>
    public bool XIsWallClock { get; init; }

    /// <summary>
    /// What the shaded bands of the series are, for the legend and caption (for example "95% t-interval of the mean over
    /// 5 seeds"); null when no series has a band.
    /// </summary>
    public string? BandMeaning { get; init; }
}

/// <summary>A dashed vertical line across a figure.</summary>
/// <param name="X">Where it is drawn.</param>
/// <param name="Label">What it marks.</param>
public sealed record VerticalMarker(double X, string Label);

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
/// <param name="Y">y values (same length): the plotted centre line (a mean or a median over seeds when <see cref="Seeds"/> has several).</param>
public sealed record Series(string Name, double[] X, double[] Y)
{
    /// <summary>The lower edge of the shaded band at each x (same length as <see cref="X"/>), or null for no band.</summary>
    public double[]? Lower { get; init; }

    /// <summary>The upper edge of the shaded band at each x, or null for no band.</summary>
    public double[]? Upper { get; init; }

    /// <summary>
    /// The seeds whose runs the points summarise (written to the series' CSV, so a reader can check which runs a curve
    /// rests on); empty for a curve that depends on no seed.
    /// </summary>
    public IReadOnlyList<ulong> Seeds { get; init; } = [];

    /// <summary>Whether a band is drawn.</summary>
    public bool HasBand => Lower is not null && Upper is not null;
}

/// <summary>A small table.</summary>
/// <param name="Title">Its caption.</param>
/// <param name="Header">Column names.</param>
/// <param name="Rows">Cells, already formatted.</param>
public sealed record Table(string Title, string[] Header, string[][] Rows);

/// <summary>One statement the paper makes about an experiment, beside the measurement here.</summary>
/// <param name="PaperSays">The paper's statement, paraphrased, with where it is made.</param>
/// <param name="Measured">What this run measured, with its interval.</param>
/// <param name="Verdict">How the two compare.</param>
/// <param name="Why">Why the verdict (the reason a statement cannot be checked here, or what limits the comparison).</param>
public sealed record PaperComparison(string PaperSays, string Measured, ReproductionVerdict Verdict, string Why);

/// <summary>Whether a paper's statement about an experiment was reproduced.</summary>
public enum ReproductionVerdict
{
    /// <summary>The measurement agrees with the statement, beyond seed-to-seed noise.</summary>
    Reproduced,

    /// <summary>Some of the statement agrees (some data sets, some settings, or the sign but not the size).</summary>
    Partly,

    /// <summary>The measurement contradicts the statement, or shows no difference where one was claimed.</summary>
    NotReproduced,

    /// <summary>The statement is about something this project does not run (say why).</summary>
    NotCheckable,
}
