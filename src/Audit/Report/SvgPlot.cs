using System.Globalization;
using System.Net;
using System.Text;
using Verification.Audit.Experiments;

namespace Verification.Audit.Report;

/// <summary>
/// Draws a <see cref="Figure"/> as a standalone SVG: axes with round tick values (decades on a log axis), one colour
/// per series from a colour-blind-safe palette, a legend, a title and axis labels. No external library or font.
/// </summary>
public static class SvgPlot
{
    private const int Width = 780, Height = 420;
    private const int MaxBarSeries = 3;
    private const int Left = 80, Right = 250, Top = 40, Bottom = 60;

    /// <summary>The Okabe–Ito palette (distinguishable under the common colour-vision deficiencies).</summary>
    private static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    /// <summary>The SVG document for <paramref name="figure"/>.</summary>
    public static string Render(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var points = figure.Series.SelectMany(s => s.X.Zip(s.Y)).Where(p => Usable(p.First, figure.LogX) && Usable(p.Second, figure.LogY)).ToList();
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        // Centred on the whole figure, and smaller when long, so a long title is never cut at the left edge.
        int titleSize = figure.Title.Length > 80 ? 11 : figure.Title.Length > 60 ? 12 : 14;
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"{titleSize}\" font-weight=\"bold\">{Esc(figure.Title)}</text>\n");
        if (points.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\">no finite data to plot</text>\n</svg>\n");
            return svg.ToString();
        }

        var x = new Axis(points.Select(p => p.First), figure.LogX, Left, Width - Right, bars: figure.Kind == FigureKind.Bars);
        // The reference line widens the y range so it is always drawn, even when every point lies on one side of it.
        double reference = figure.Reference is { } r && Usable(r.Y, figure.LogY) ? r.Y : double.NaN;
        var y = new Axis(points.Select(p => p.Second).Append(figure.Kind == FigureKind.Bars && !figure.LogY ? 0.0 : double.NaN).Append(reference).Where(v => !double.IsNaN(v)), figure.LogY, Height - Bottom, Top, bars: false);

        // Grid, ticks and labels.
        foreach (double tick in x.Ticks)
        {
            double px = x.Map(tick);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{px:F1}\" y1=\"{Top}\" x2=\"{px:F1}\" y2=\"{Height - Bottom}\" stroke=\"#e5e5e5\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{px:F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{Esc(Label(tick))}</text>\n");
        }

        foreach (double tick in y.Ticks)
        {
            double py = y.Map(tick);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{py:F1}\" x2=\"{Width - Right}\" y2=\"{py:F1}\" stroke=\"#e5e5e5\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{py + 4:F1}\" text-anchor=\"end\">{Esc(Label(tick))}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"none\" stroke=\"#333\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (Width - Left - Right) / 2}\" y=\"{Height - 18}\" text-anchor=\"middle\">{Esc(figure.XLabel)}{(figure.LogX ? " (log scale)" : "")}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(18,{Top + (Height - Top - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">{Esc(figure.YLabel)}{(figure.LogY ? " (log scale)" : "")}</text>\n");

        if (!double.IsNaN(reference))
        {
            double py = y.Map(reference);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{py:F1}\" x2=\"{Width - Right}\" y2=\"{py:F1}\" stroke=\"#333\" stroke-dasharray=\"6 4\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right - 4}\" y=\"{py - 5:F1}\" text-anchor=\"end\" font-size=\"11\">{Esc(figure.Reference!.Label)}</text>\n");
        }

        for (int k = 0; k < figure.Series.Count; k++)
        {
            Series series = figure.Series[k];
            string colour = Palette[k % Palette.Length];
            // Side-by-side bars stay readable for a few series; beyond that each series is drawn as a frequency
            // polygon over the same bins, with markers, so the distributions can be compared at a glance.
            if (figure.Kind == FigureKind.Bars && figure.Series.Count <= MaxBarSeries)
            {
                double slot = x.BarSlot / Math.Max(1, figure.Series.Count);
                for (int i = 0; i < series.X.Length; i++)
                {
                    if (!Usable(series.X[i], false) || !Usable(series.Y[i], figure.LogY))
                    {
                        continue;
                    }

                    double px = x.Map(series.X[i]) - x.BarSlot / 2 + k * slot;
                    double py = y.Map(series.Y[i]), baseline = y.Map(figure.LogY ? y.Min : Math.Max(0.0, y.Min));
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{px:F1}\" y=\"{Math.Min(py, baseline):F1}\" width=\"{Math.Max(1, slot - 1):F1}\" height=\"{Math.Abs(baseline - py):F1}\" fill=\"{colour}\" opacity=\"0.85\"/>\n");
                }
            }
            else if (figure.Kind == FigureKind.Points)
            {
                for (int i = 0; i < series.X.Length; i++)
                {
                    if (Usable(series.X[i], figure.LogX) && Usable(series.Y[i], figure.LogY))
                    {
                        svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x.Map(series.X[i]):F1}\" cy=\"{y.Map(series.Y[i]):F1}\" r=\"3.5\" fill=\"{colour}\" fill-opacity=\"0.85\"/>\n");
                    }
                }
            }
            else
            {
                var path = new StringBuilder();
                bool penDown = false;
                for (int i = 0; i < series.X.Length; i++)
                {
                    if (!Usable(series.X[i], figure.LogX) || !Usable(series.Y[i], figure.LogY))
                    {
                        penDown = false;   // a gap, not a line through an unplottable point
                        continue;
                    }

                    path.Append(CultureInfo.InvariantCulture, $"{(penDown ? 'L' : 'M')}{x.Map(series.X[i]):F1},{y.Map(series.Y[i]):F1} ");
                    penDown = true;
                }

                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path.ToString().TrimEnd()}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.8\" stroke-linejoin=\"round\"/>\n");
                if (series.X.Length <= 12 || figure.Kind == FigureKind.Bars)
                {
                    for (int i = 0; i < series.X.Length; i++)
                    {
                        if (Usable(series.X[i], figure.LogX) && Usable(series.Y[i], figure.LogY))
                        {
                            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x.Map(series.X[i]):F1}\" cy=\"{y.Map(series.Y[i]):F1}\" r=\"3\" fill=\"{colour}\"/>\n");
                        }
                    }
                }
            }

            double ly = Top + 10 + 20 * k;
            if (figure.Kind == FigureKind.Points)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Width - Right + 20}\" cy=\"{ly - 4:F1}\" r=\"3.5\" fill=\"{colour}\"/>\n");
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Width - Right + 12}\" y=\"{ly - 6:F1}\" width=\"16\" height=\"4\" fill=\"{colour}\"/>\n");
            }
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right + 34}\" y=\"{ly:F1}\">{Esc(Shorten(series.Name, 34))}</text>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static bool Usable(double v, bool log) => double.IsFinite(v) && (!log || v > 0);

    private static string Esc(string s) => WebUtility.HtmlEncode(s);

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private static string Label(double v)
    {
        double a = Math.Abs(v);
        return a != 0 && (a >= 1e5 || a < 1e-3)
            ? v.ToString("0.#E+0", CultureInfo.InvariantCulture)
            : v.ToString("0.####", CultureInfo.InvariantCulture);
    }

    /// <summary>A linear or logarithmic axis mapped onto a pixel range.</summary>
    private sealed class Axis
    {
        private readonly bool _log;
        private readonly double _lo, _hi, _pixelLo, _pixelHi;

        public Axis(IEnumerable<double> values, bool log, double pixelLo, double pixelHi, bool bars)
        {
            _log = log;
            _pixelLo = pixelLo;
            _pixelHi = pixelHi;
            var v = values.Select(x => log ? Math.Log10(x) : x).ToList();
            double lo = v.Min(), hi = v.Max();
            if (bars && !log)
            {
                var distinct = v.Distinct().Order().ToList();
                double gap = distinct.Count > 1 ? distinct.Zip(distinct.Skip(1), (a, b) => b - a).Min() : 1.0;
                lo -= gap / 2;
                hi += gap / 2;
                BarSlotWidth = gap;
            }

            if (hi - lo < 1e-12 * Math.Max(1, Math.Abs(hi)))
            {
                lo -= log ? 0.5 : Math.Max(0.5, Math.Abs(lo) * 0.1);
                hi += log ? 0.5 : Math.Max(0.5, Math.Abs(hi) * 0.1);
            }

            if (log)
            {
                lo = Math.Floor(lo);
                hi = Math.Ceiling(hi);
            }
            else if (!bars)
            {
                double pad = (hi - lo) * 0.04;
                lo -= pad;
                hi += pad;
            }

            _lo = lo;
            _hi = hi;
        }

        public double Min => _log ? Math.Pow(10, _lo) : _lo;

        private double BarSlotWidth { get; } = 1.0;

        public double BarSlot => Math.Abs(Map(Min + BarSlotWidth) - Map(Min)) * 0.8;

        public IEnumerable<double> Ticks
        {
            get
            {
                if (_log)
                {
                    int step = Math.Max(1, (int)Math.Ceiling((_hi - _lo) / 8));
                    for (double e = _lo; e <= _hi + 1e-9; e += step)
                    {
                        yield return Math.Pow(10, e);
                    }

                    yield break;
                }

                double raw = (_hi - _lo) / 6;
                double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
                double nice = new[] { 1.0, 2.0, 2.5, 5.0, 10.0 }.First(f => f * magnitude >= raw) * magnitude;
                for (double t = Math.Ceiling(_lo / nice) * nice; t <= _hi + nice * 1e-9; t += nice)
                {
                    yield return Math.Abs(t) < nice * 1e-9 ? 0.0 : t;
                }
            }
        }

        public double Map(double value)
        {
            double v = _log ? Math.Log10(value) : value;
            return _pixelLo + (v - _lo) / (_hi - _lo) * (_pixelHi - _pixelLo);
        }
    }
}
