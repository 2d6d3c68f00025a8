using System.Globalization;
using System.Text.RegularExpressions;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;
using Verification.Audit.Experiments;

namespace Verification.Audit.Report;

/// <summary>
/// Draws a <see cref="Figure"/> with ScottPlot: lines, bars or points per series in a colour-blind-safe palette, shaded
/// bands, a dashed reference line and vertical markers, logarithmic axes labelled with the real values, and a legend
/// outside the data area that shows every series name whole.
/// </summary>
public static partial class FigureRenderer
{
    /// <summary>The width every figure has at least (pixels); a wide legend widens it.</summary>
    public const int MinimumWidth = 800;

    /// <summary>The height every figure has at least (pixels); a tall legend makes it taller.</summary>
    public const int MinimumHeight = 440;

    /// <summary>The text drawn instead of a plot when no point can be plotted.</summary>
    public const string NoDataText = "no finite data to plot";

    // Side-by-side bars stay readable for a few series; beyond that each series becomes a frequency polygon over the
    // same bins, with markers, so the distributions can be compared at a glance.
    private const int MaxBarSeries = 3;

    // Markers on a long curve merge into a thick line; short curves need them to show where the measurements are.
    private const int MaxMarkedPoints = 30;

    // A legend wider than this would leave too little of an 800-pixel figure for the data: it goes below instead.
    private const float MaxRightLegendWidth = 330;

    private const float FontSize = 12, TitleSize = 15, MinimumTitleSize = 10, BandOpacity = 0.2f;

    /// <summary>
    /// The Okabe–Ito palette (distinguishable under the common colour-vision deficiencies), in the order series receive
    /// it: <see cref="TightnessPlot"/> relies on it (tight blue, falsified vermillion, holds green).
    /// </summary>
    public static IReadOnlyList<string> Palette { get; } = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    private static readonly Color Ink = Color.FromHex("#333333");

    // Fonts.Default falls back to a serif face on Debian; the first sans-serif face present with the Greek letters,
    // sub- and superscripts and math symbols of the claims' names is preferred.
    private static readonly Lazy<string> Font = new(() =>
        new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica" }.FirstOrDefault(f => SkiaSharp.SKFontManager.Default.MatchFamily(f) is not null) ?? Fonts.Default);

    /// <summary>The figure as a standalone SVG document (text kept as text; no XML declaration, so it can be inlined in HTML).</summary>
    public static string Svg(Figure figure)
    {
        (Plot plot, int width, int height) = Build(figure);
        using (plot)
        {
            string xml = plot.GetSvgXml(width, height);
            // The declaration is only noise inside an HTML page, and an SVG file is UTF-8 without it.
            if (xml.StartsWith("<?xml", StringComparison.Ordinal))
            {
                xml = xml[(xml.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart();
            }

            return StableIds(xml);
        }
    }

    /// <summary>The figure as a PNG image (for screenshots and the README; the report embeds <see cref="Svg"/>).</summary>
    public static byte[] Png(Figure figure)
    {
        (Plot plot, int width, int height) = Build(figure);
        using (plot)
        {
            return plot.GetImageBytes(width, height, ImageFormat.Png);
        }
    }

    // Skia numbers clip paths from a process-wide counter, so the same figure would get other ids on every render. They are
    // renumbered in document order and prefixed with a hash of the renumbered document: the same figure gives the same
    // bytes, and two different figures inlined in one HTML page never share an id (url(#id) would find the wrong one).
    private static string StableIds(string xml)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        string numbered = IdAttribute().Replace(xml, m => Rename(m, ids, "figure-"));
        numbered = UrlReference().Replace(numbered, m => ids.TryGetValue(m.Groups[2].Value, out string? id) ? m.Groups[1].Value + id + ")" : m.Value);
        string prefix = "f" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(numbered)))[..10] + "-";
        return numbered.Replace("id=\"figure-", "id=\"" + prefix, StringComparison.Ordinal).Replace("url(#figure-", "url(#" + prefix, StringComparison.Ordinal);
    }

    private static string Rename(Match m, Dictionary<string, string> ids, string stem)
    {
        string old = m.Groups[2].Value;
        if (!ids.TryGetValue(old, out string? id))
        {
            id = stem + ids.Count.ToString(CultureInfo.InvariantCulture);
            ids.Add(old, id);
        }

        return m.Groups[1].Value + id + "\"";
    }

    [GeneratedRegex(@"(\sid="")([^""]+)""")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"(url\(#)([^)]+)\)")]
    private static partial Regex UrlReference();

    private static (Plot Plot, int Width, int Height) Build(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var plot = new Plot();
        plot.Font.Set(Font.Value);
        plot.XLabel(figure.XLabel + (figure.LogX ? " (log scale)" : ""), FontSize + 1);
        plot.YLabel(figure.YLabel + (figure.LogY ? " (log scale)" : ""), FontSize + 1);
        var x = new Scale(figure.LogX);
        var y = new Scale(figure.LogY);
        bool bars = figure.Kind == FigureKind.Bars && figure.Series.Count <= MaxBarSeries;

        var points = figure.Series.SelectMany(s => Enumerable.Range(0, Math.Min(s.X.Length, s.Y.Length))
            .Where(i => x.Usable(s.X[i]) && y.Usable(s.Y[i])).Select(i => (X: x.Map(s.X[i]), Y: y.Map(s.Y[i])))).ToList();
        int width = MinimumWidth, height = MinimumHeight;
        if (points.Count == 0)
        {
            SetTitle(plot, figure.Title, width);
            var text = plot.Add.Text(NoDataText, 0.5, 0.5);
            text.Alignment = Alignment.MiddleCenter;
            text.LabelFontSize = FontSize + 2;
            plot.Axes.SetLimits(0, 1, 0, 1);
            plot.Axes.Bottom.TickGenerator = new NumericManual();
            plot.Axes.Left.TickGenerator = new NumericManual();
            plot.HideGrid();
            return (plot, width, height);
        }

        // Limits are set here rather than left to autoscaling so that the reference line, the markers and the bands are
        // always inside the axes, even when no data point lies near them.
        var xs = points.Select(p => p.X).ToList();
        var ys = points.Select(p => p.Y).ToList();
        foreach (Series s in figure.Series.Where(s => s.HasBand))
        {
            ys.AddRange(s.Lower!.Concat(s.Upper!).Where(y.Usable).Select(y.Map));
        }

        if (figure.Reference is { } reference && y.Usable(reference.Y))
        {
            ys.Add(y.Map(reference.Y));
        }

        xs.AddRange(figure.Markers.Select(m => m.X).Where(x.Usable).Select(x.Map));
        if (figure.Kind == FigureKind.Bars && !figure.LogY)
        {
            ys.Add(0.0);   // bars and frequency polygons are read from zero
        }

        double gap = BarGap(points.Select(p => p.X));
        (double xLo, double xHi) = bars ? (xs.Min() - gap / 2, xs.Max() + gap / 2) : Pad(xs.Min(), xs.Max());
        (double yLo, double yHi) = Pad(ys.Min(), ys.Max());
        plot.Axes.SetLimits(xLo, xHi, yLo, yHi);
        plot.Axes.Bottom.TickGenerator = x.Log ? LogTicks(xLo, xHi) : LinearTicks(xLo, xHi);
        plot.Axes.Left.TickGenerator = y.Log ? LogTicks(yLo, yHi) : LinearTicks(yLo, yHi);

        // Bands first, so every line is drawn on top of every band.
        for (int k = 0; k < figure.Series.Count; k++)
        {
            Series s = figure.Series[k];
            if (!s.HasBand)
            {
                continue;
            }

            int n = new[] { s.X.Length, s.Lower!.Length, s.Upper!.Length }.Min();
            foreach (int[] run in Runs(n, i => x.Usable(s.X[i]) && y.Usable(s.Lower[i]) && y.Usable(s.Upper[i])))
            {
                FillY band = plot.Add.FillY(
                    run.Select(i => x.Map(s.X[i])).ToArray(), run.Select(i => y.Map(s.Lower[i])).ToArray(), run.Select(i => y.Map(s.Upper[i])).ToArray());
                band.FillColor = Colour(k).WithAlpha(BandOpacity);
                band.LineWidth = 0;
                band.MarkerSize = 0;
            }
        }

        if (figure.Reference is { } line && y.Usable(line.Y))
        {
            HorizontalLine h = plot.Add.HorizontalLine(y.Map(line.Y), 1.2f, Ink, LinePattern.Dashed);
            h.ExcludeFromLegend = true;
            // Above the line, unless that would put the label against the top of the data area.
            bool high = y.Map(line.Y) > yHi - (yHi - yLo) * 0.1;
            Text label = plot.Add.Text(line.Label, xHi, y.Map(line.Y));
            Style(label, high ? Alignment.UpperRight : Alignment.LowerRight, -4, high ? 3 : -3);
        }

        for (int m = 0; m < figure.Markers.Count; m++)
        {
            VerticalMarker marker = figure.Markers[m];
            if (!x.Usable(marker.X))
            {
                continue;
            }

            double px = x.Map(marker.X);
            VerticalLine v = plot.Add.VerticalLine(px, 1.2f, Ink, LinePattern.Dashed);
            v.ExcludeFromLegend = true;
            // Labels of neighbouring markers are stacked downwards from the top so they do not overprint each other;
            // a marker in the right half is labelled on its left so the label stays inside the data area.
            bool right = px > (xLo + xHi) / 2;
            Text label = plot.Add.Text(marker.Label, px, yHi);
            Style(label, right ? Alignment.UpperRight : Alignment.UpperLeft, right ? -4 : 4, 4 + 16 * m);
        }

        for (int k = 0; k < figure.Series.Count; k++)
        {
            Series s = figure.Series[k];
            Color colour = Colour(k);
            int n = Math.Min(s.X.Length, s.Y.Length);
            var item = new LegendItem { LabelText = s.Name, LabelFontSize = FontSize };
            if (bars)
            {
                double slot = gap * 0.8 / figure.Series.Count;
                var list = Enumerable.Range(0, n).Where(i => x.Usable(s.X[i]) && y.Usable(s.Y[i])).Select(i => new Bar
                {
                    Position = x.Map(s.X[i]) - gap * 0.4 + (k + 0.5) * slot,
                    Value = y.Map(s.Y[i]),
                    ValueBase = y.Log ? yLo : 0.0,
                    Size = slot * 0.95,
                    FillColor = colour,
                    LineWidth = 0,
                }).ToList();
                plot.Add.Bars(list);
                item.FillColor = colour;
                item.OutlineWidth = 0;
            }
            else
            {
                bool points_ = figure.Kind == FigureKind.Points;
                bool marked = points_ || figure.Kind == FigureKind.Bars || n <= MaxMarkedPoints;
                float markerSize = points_ ? 7 : marked ? 5 : 0;
                // An unplottable point breaks the line: a gap, not a line through it.
                foreach (int[] run in Runs(n, i => x.Usable(s.X[i]) && y.Usable(s.Y[i])))
                {
                    Scatter scatter = plot.Add.ScatterLine(run.Select(i => x.Map(s.X[i])).ToArray(), run.Select(i => y.Map(s.Y[i])).ToArray(), colour);
                    scatter.LineWidth = points_ ? 0 : 1.8f;
                    scatter.MarkerShape = MarkerShape.FilledCircle;
                    scatter.MarkerSize = markerSize;
                    scatter.MarkerColor = colour;
                }

                item.LineColor = colour;
                item.LineWidth = points_ ? 0 : 2;
                item.MarkerShape = marked ? MarkerShape.FilledCircle : MarkerShape.None;
                item.MarkerSize = marked ? 7 : 0;
                item.MarkerFillColor = colour;
                item.MarkerLineColor = colour;
            }

            plot.Legend.ManualItems.Add(item);
        }

        if (figure.Series.Any(s => s.HasBand))
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = "shaded: " + (figure.BandMeaning ?? "band around each series"),
                LabelFontSize = FontSize,
                FillColor = Colors.Gray.WithAlpha(BandOpacity * 1.5),
                OutlineWidth = 0,
            });
        }

        (width, height) = PlaceLegend(plot);
        SetTitle(plot, figure.Title, width);
        return (plot, width, height);
    }

    // Where the legend goes and how large the image must be so that every legend entry is shown whole: beside the data
    // while it is narrow, below it (one entry per line) when it is wide, and the image grows rather than cutting text.
    private static (int Width, int Height) PlaceLegend(Plot plot)
    {
        Legend legend = plot.Legend;
        legend.DisplayPlottableLegendItems = false;
        legend.Orientation = Orientation.Vertical;
        legend.ShadowOffset = new PixelOffset(0, 0);
        legend.ShadowColor = Colors.Transparent;
        legend.OutlineColor = Color.FromHex("#999999");
        if (legend.ManualItems.Count == 0)
        {
            legend.IsVisible = false;
            return (MinimumWidth, MinimumHeight);
        }

        using (legend.GetImage())
        {
            // measuring: LastRenderSize is the legend's unconstrained size
        }

        PixelSize size = legend.LastRenderSize;
        const int panelPadding = 40, axesAndTitle = 130;
        if (size.Width <= MaxRightLegendWidth)
        {
            plot.ShowLegend(Edge.Right);
            legend.Orientation = Orientation.Vertical;
            return (MinimumWidth, Math.Max(MinimumHeight, (int)Math.Ceiling(size.Height) + panelPadding + axesAndTitle));
        }

        plot.ShowLegend(Edge.Bottom);
        legend.Orientation = Orientation.Vertical;
        return (Math.Max(MinimumWidth, (int)Math.Ceiling(size.Width) + panelPadding),
            MinimumHeight + (int)Math.Ceiling(size.Height) + panelPadding);
    }

    // A long title shrinks until it fits the image's width, and wraps onto two lines if even the smallest size is too wide.
    private static void SetTitle(Plot plot, string title, int width)
    {
        var style = new LabelStyle { FontName = Font.Value, Bold = true };
        using Paint paint = Paint.NewDisposablePaint();
        float size = TitleSize;
        for (; size > MinimumTitleSize; size -= 0.5f)
        {
            style.FontSize = size;
            if (style.Measure(title, paint).Width <= width - 40)
            {
                break;
            }
        }

        style.FontSize = size;
        if (style.Measure(title, paint).Width > width - 40)
        {
            // Break after a comma, semicolon or colon when there is one, so that "β₁ = 0.9" is never torn from its value.
            int middle = title.Length / 2;
            int[] spaces = Enumerable.Range(1, title.Length - 1).Where(i => title[i] == ' ').ToArray();
            int[] clauses = spaces.Where(i => title[i - 1] is ',' or ';' or ':').ToArray();
            int[] candidates = clauses.Length > 0 ? clauses : spaces;
            int split = candidates.Length == 0 ? -1 : candidates.MinBy(i => Math.Abs(i - middle));
            if (split > 0)
            {
                title = title[..split] + "\n" + title[(split + 1)..];
            }
        }

        plot.Title(title, size);
        plot.Axes.Title.Label.FontName = Font.Value;
    }

    private static void Style(Text label, Alignment alignment, float dx, float dy)
    {
        label.Alignment = alignment;
        label.OffsetX = dx;
        label.OffsetY = dy;
        label.LabelFontSize = FontSize - 1;
        label.LabelFontColor = Ink;
        label.LabelFontName = Font.Value;
    }

    private static Color Colour(int k) => Color.FromHex(Palette[k % Palette.Count]);

    // Runs of consecutive indices where a point can be drawn, so that lines and bands break at the others.
    private static IEnumerable<int[]> Runs(int n, Func<int, bool> usable)
    {
        var run = new List<int>();
        for (int i = 0; i < n; i++)
        {
            if (usable(i))
            {
                run.Add(i);
            }
            else if (run.Count > 0)
            {
                yield return run.ToArray();
                run.Clear();
            }
        }

        if (run.Count > 0)
        {
            yield return run.ToArray();
        }
    }

    // The bar slot: the smallest distance between distinct x values, so that neighbouring bars never overlap.
    private static double BarGap(IEnumerable<double> xs)
    {
        var distinct = xs.Distinct().Order().ToList();
        return distinct.Count > 1 ? distinct.Zip(distinct.Skip(1), (a, b) => b - a).Min() : 1.0;
    }

    private static (double Lo, double Hi) Pad(double lo, double hi)
    {
        if (hi - lo < 1e-12 * Math.Max(1, Math.Abs(hi)))
        {
            double half = Math.Max(0.5, Math.Abs(hi) * 0.1);
            return (lo - half, hi + half);
        }

        double pad = (hi - lo) * 0.05;
        return (lo - pad, hi + pad);
    }

    // ScottPlot 5 has no logarithmic axis: the data are plotted as log10 values and the ticks are placed and labelled
    // here at the real values (decades, with 2…9 between them as minor ticks; labelled 2 and 5 when the axis spans
    // under two decades, every integer multiple when it spans under one).
    private static ITickGenerator LogTicks(double lo, double hi)
    {
        var ticks = new NumericManual();
        int majors = 0;
        int first = (int)Math.Floor(lo), last = (int)Math.Ceiling(hi);
        double span = hi - lo;
        int step = Math.Max(1, (int)Math.Ceiling(span / 8));
        // One notation per axis: decimals while every label is short, powers of ten as soon as one would not be.
        bool powers = Math.Ceiling(lo - 1e-9) < -3 || Math.Floor(hi + 1e-9) > 4;
        for (int e = first; e <= last; e++)
        {
            for (int m = 1; m <= 9; m++)
            {
                double at = e + Math.Log10(m);
                if (at < lo - 1e-9 || at > hi + 1e-9)
                {
                    continue;
                }

                bool major = m == 1 ? e % step == 0 : span < 1 || (span < 2 && m is 2 or 5);
                if (major)
                {
                    ticks.AddMajor(at, LogLabel(m, e, powers));
                    majors++;
                }
                else if (step == 1 || m == 1)
                {
                    ticks.AddMinor(at);
                }
            }
        }

        // An axis spanning a few per cent of a decade holds no integer multiple: round real values, placed automatically.
        return majors >= 2
            ? ticks
            : new NumericAutomatic { LabelFormatter = v => Math.Pow(10, v).ToString("G4", CultureInfo.InvariantCulture) };
    }

    // Plain invariant numbers ("1000", not the culture's "1,000"), and an exact 0 where rounding left a tiny residue.
    private static NumericAutomatic LinearTicks(double lo, double hi)
    {
        double zero = 1e-9 * Math.Max(Math.Abs(lo), Math.Abs(hi));
        return new NumericAutomatic { LabelFormatter = v => Math.Abs(v) <= zero ? "0" : v.ToString("G6", CultureInfo.InvariantCulture) };
    }

    private static string LogLabel(int mantissa, int exponent, bool powers)
    {
        if (!powers)
        {
            return (mantissa * Math.Pow(10, exponent)).ToString("0.####", CultureInfo.InvariantCulture);
        }

        string power = "10" + Superscript(exponent);
        return mantissa == 1 ? power : string.Create(CultureInfo.InvariantCulture, $"{mantissa}×{power}");
    }

    private static string Superscript(int n) =>
        string.Concat(n.ToString(CultureInfo.InvariantCulture).Select(c => c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹"[c - '0']));

    /// <summary>An axis's coordinate: the value itself, or its log10 on a logarithmic axis (where values ≤ 0 are skipped).</summary>
    private readonly record struct Scale(bool Log)
    {
        public bool Usable(double v) => double.IsFinite(v) && (!Log || v > 0);

        public double Map(double v) => Log ? Math.Log10(v) : v;
    }
}
