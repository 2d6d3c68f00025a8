using System.Globalization;
using System.Text;
using Verification.Audit.Experiments;

namespace Verification.Audit.Report;

/// <summary>File names and the CSV and SVG files behind a report's figures (the SVG drawn by <see cref="FigureRenderer"/>).</summary>
public static class ReportFiles
{
    /// <summary>The relative path of a figure's SVG.</summary>
    public static string SvgPath(ExperimentResult experiment, Figure figure) => $"figures/{Safe(experiment.Name)}-{Safe(figure.Id)}.svg";

    /// <summary>The relative path of one series' CSV.</summary>
    public static string CsvPath(ExperimentResult experiment, Figure figure, Series series) =>
        $"data/{Safe(experiment.Name)}-{Safe(figure.Id)}-{Safe(series.Name)}.csv";

    /// <summary>Writes every figure's SVG and every series' CSV under <paramref name="outputDirectory"/>.</summary>
    public static void WriteFigures(string outputDirectory, IEnumerable<ExperimentResult> experiments)
    {
        Directory.CreateDirectory(Path.Combine(outputDirectory, "figures"));
        Directory.CreateDirectory(Path.Combine(outputDirectory, "data"));
        foreach (ExperimentResult experiment in experiments)
        {
            foreach (Figure figure in experiment.Figures)
            {
                File.WriteAllText(Path.Combine(outputDirectory, SvgPath(experiment, figure)), FigureRenderer.Svg(figure));
                foreach (Series series in figure.Series)
                {
                    File.WriteAllText(Path.Combine(outputDirectory, CsvPath(experiment, figure, series)), SeriesCsv(experiment, figure, series));
                }
            }
        }
    }

    /// <summary>
    /// One series as CSV: x and y under the figure's axis labels, the band's lower and upper edges when it has one, and
    /// the seeds the points summarise (space-separated, the same on every row; empty when the curve depends on no seed).
    /// </summary>
    public static string SeriesCsv(ExperimentResult experiment, Figure figure, Series series)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(series);
        string where = $"{experiment.Name}/{figure.Id}/{series.Name}";
        if (series.X.Length != series.Y.Length)
        {
            throw new InvalidDataException($"{where}: {series.X.Length} x values but {series.Y.Length} y values.");
        }

        if (series.HasBand && (series.Lower!.Length != series.X.Length || series.Upper!.Length != series.X.Length))
        {
            throw new InvalidDataException($"{where}: {series.X.Length} x values but {series.Lower!.Length} lower and {series.Upper!.Length} upper band values.");
        }

        string seeds = string.Join(' ', series.Seeds.Select(s => s.ToString(CultureInfo.InvariantCulture)));
        var csv = new StringBuilder();
        csv.Append(CultureInfo.InvariantCulture, $"{Quote(figure.XLabel)},{Quote(figure.YLabel)}");
        if (series.HasBand)
        {
            csv.Append(CultureInfo.InvariantCulture, $",{Quote("lower")},{Quote("upper")}");
        }

        csv.Append(CultureInfo.InvariantCulture, $",{Quote("seeds")}\n");
        for (int i = 0; i < series.X.Length; i++)
        {
            csv.Append(Number(series.X[i])).Append(',').Append(Number(series.Y[i]));
            if (series.HasBand)
            {
                csv.Append(',').Append(Number(series.Lower![i])).Append(',').Append(Number(series.Upper![i]));
            }

            csv.Append(',').Append(seeds).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>Writes the claims' tightness figure and its CSV under <paramref name="outputDirectory"/>.</summary>
    public static void WriteTightness(string outputDirectory, TightnessPlot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        Directory.CreateDirectory(Path.Combine(outputDirectory, "figures"));
        Directory.CreateDirectory(Path.Combine(outputDirectory, "data"));
        File.WriteAllText(Path.Combine(outputDirectory, TightnessPlot.SvgPath), FigureRenderer.Svg(plot.Figure));
        File.WriteAllText(Path.Combine(outputDirectory, TightnessPlot.CsvPath), plot.Csv());
    }

    /// <summary>A CSV field in double quotes, inner quotes doubled.</summary>
    internal static string Quote(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Safe(string s)
    {
        var chars = s.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray();
        return new string(chars).Trim('_');
    }
}
