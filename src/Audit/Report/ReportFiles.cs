using System.Globalization;
using System.Text;
using Verification.Audit.Experiments;

namespace Verification.Audit.Report;

/// <summary>File names and the CSV and SVG files behind a report's figures.</summary>
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
                File.WriteAllText(Path.Combine(outputDirectory, SvgPath(experiment, figure)), SvgPlot.Render(figure));
                foreach (Series series in figure.Series)
                {
                    if (series.X.Length != series.Y.Length)
                    {
                        throw new InvalidDataException($"{experiment.Name}/{figure.Id}/{series.Name}: {series.X.Length} x values but {series.Y.Length} y values.");
                    }

                    var csv = new StringBuilder();
                    csv.Append(CultureInfo.InvariantCulture, $"{Quote(figure.XLabel)},{Quote(figure.YLabel)}\n");
                    for (int i = 0; i < series.X.Length; i++)
                    {
                        csv.Append(series.X[i].ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(series.Y[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
                    }

                    File.WriteAllText(Path.Combine(outputDirectory, CsvPath(experiment, figure, series)), csv.ToString());
                }
            }
        }
    }

    /// <summary>Writes the claims' tightness figure and its CSV under <paramref name="outputDirectory"/>.</summary>
    public static void WriteTightness(string outputDirectory, TightnessPlot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        Directory.CreateDirectory(Path.Combine(outputDirectory, "figures"));
        Directory.CreateDirectory(Path.Combine(outputDirectory, "data"));
        File.WriteAllText(Path.Combine(outputDirectory, TightnessPlot.SvgPath), SvgPlot.Render(plot.Figure));
        File.WriteAllText(Path.Combine(outputDirectory, TightnessPlot.CsvPath), plot.Csv());
    }

    /// <summary>A CSV field in double quotes, inner quotes doubled.</summary>
    internal static string Quote(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Safe(string s)
    {
        var chars = s.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray();
        return new string(chars).Trim('_');
    }
}
