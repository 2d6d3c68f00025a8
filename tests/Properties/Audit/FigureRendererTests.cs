using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Verification.Audit.Experiments;
using Verification.Audit.Report;

namespace Verification.Properties.Audit;

/// <summary>The report's figures drawn with ScottPlot: bands, legends, reference lines, markers, log axes, stable bytes.</summary>
public sealed partial class FigureRendererTests
{
    private const string Formula = "term 2: α(1+β₁)G_∞Σ‖φ_1:T‖/((1−β₁)√(1−β₂)(1−γ)²)";

    private static readonly double[] Steps = [1, 2, 4, 8, 16, 32];

    [Fact]
    public void Each_banded_series_gets_one_translucent_band_in_its_colour_beneath_its_line()
    {
        var figure = new Figure(
            "bands", "Loss with bands", "step", "loss",
            [
                Curve("adam", 1.0, band: true),
                Curve("no band", 2.0, band: false),
                Curve("stochgradadam", 3.0, band: true),
            ],
            LogY: true) { BandMeaning = "95% t-interval of the mean over 5 seeds" };

        XDocument svg = XDocument.Parse(FigureRenderer.Svg(figure));

        Assert.Single(Bands(svg, FigureRenderer.Palette[0]));
        Assert.Empty(Bands(svg, FigureRenderer.Palette[1]));
        Assert.Single(Bands(svg, FigureRenderer.Palette[2]));
        Assert.Contains("shaded: 95% t-interval of the mean over 5 seeds", Texts(svg));
        // Beneath: the band comes before the series' line in document order.
        var elements = svg.Descendants().ToList();
        XElement line = elements.First(e => (string?)e.Attribute("stroke") == FigureRenderer.Palette[0]);
        Assert.True(elements.IndexOf(Bands(svg, FigureRenderer.Palette[0]).Single()) < elements.IndexOf(line));
    }

    [Fact]
    public void A_figure_without_bands_draws_none_and_no_band_legend_entry()
    {
        XDocument svg = XDocument.Parse(FigureRenderer.Svg(new Figure("plain", "Plain", "x", "y", [Curve("a", 1.0, band: false)])));

        Assert.Empty(FigureRenderer.Palette.SelectMany(c => Bands(svg, c)));
        Assert.DoesNotContain(Texts(svg), t => t.StartsWith("shaded", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_legend_name_is_shown_whole_inside_the_image_for_a_long_formula_and_for_seven_series()
    {
        Figure one = new("long", "One long name", "T", "value", [Curve(Formula, 1.0, band: false)]);
        Figure seven = new("seven", "Seven series", "T", "value", Enumerable.Range(0, 7).Select(k => Curve(k == 3 ? Formula : $"series {k}", k + 1, band: false)).ToList());

        foreach (Figure figure in new[] { one, seven })
        {
            XDocument svg = XDocument.Parse(FigureRenderer.Svg(figure));
            foreach (Series s in figure.Series)
            {
                XElement text = svg.Descendants().Single(e => e.Name.LocalName == "text" && e.Value.Trim() == s.Name);
                AssertInside(svg, text);
            }
        }
    }

    [Fact]
    public void A_long_title_fits_the_image()
    {
        string title = "Loss against iterations for every optimizer and every keep probability, mean over the seeds with the interval of the mean";
        XDocument svg = XDocument.Parse(FigureRenderer.Svg(new Figure("t", title, "x", "y", [Curve("a", 1.0, band: false)])));

        var parts = svg.Descendants().Where(e => e.Name.LocalName == "text" && title.Contains(e.Value.Trim(), StringComparison.Ordinal) && e.Value.Trim().Length > 10).ToList();
        Assert.Equal(title, string.Join(" ", parts.Select(p => p.Value.Trim())));
        parts.ForEach(p => AssertInside(svg, p));
    }

    [Fact]
    public void Reference_line_and_vertical_markers_are_drawn_with_their_labels_even_far_from_the_data()
    {
        var figure = new Figure("ref", "Reference", "T", "bound / measured", [Curve("ratio", 1.0, band: false)], Reference: new ReferenceLine(1000.0, "ratio 1000: far above"))
        {
            Markers = [new VerticalMarker(100.0, "crossed at T = 100"), new VerticalMarker(3.0, "warm-up ends")],
        };

        XDocument svg = XDocument.Parse(FigureRenderer.Svg(figure));

        foreach (string label in new[] { "ratio 1000: far above", "crossed at T = 100", "warm-up ends" })
        {
            AssertInside(svg, svg.Descendants().Single(e => e.Name.LocalName == "text" && e.Value.Trim() == label));
        }

        Assert.Equal(3, DashedLines(svg));   // the reference line and two markers
    }

    [Fact]
    public void Log_axes_skip_non_positive_points_and_label_ticks_with_the_real_values()
    {
        var figure = new Figure(
            "log", "Log axes", "x", "y",
            [new Series("with zeros", [0, 1, 10, 100, -5], [1e-3, 0.0, 0.1, 10, 1]), new Series("θ₁ ‖g‖ √v", [1, 10, 100], [-1, 1e-2, 1])],
            LogX: true, LogY: true);

        string xml = FigureRenderer.Svg(figure);
        XDocument svg = XDocument.Parse(xml);
        IReadOnlyList<string> texts = Texts(svg);

        Assert.Contains("0.01", texts);
        Assert.Contains("0.1", texts);
        Assert.Contains("10", texts);
        Assert.Contains("100", texts);
        Assert.DoesNotContain("-2", texts);   // an exponent would be a label of the log10 coordinate
        Assert.Contains("x (log scale)", texts);
        Assert.Contains("y (log scale)", texts);
        Assert.Contains("θ₁ ‖g‖ √v", texts);

        // A range of many decades is labelled with powers of ten.
        var wide = new Figure("wide", "Wide", "x", "ratio", [new Series("r", [1, 2, 3], [1e-9, 1, 1e6])], LogY: true);
        IReadOnlyList<string> wideTexts = Texts(XDocument.Parse(FigureRenderer.Svg(wide)));
        Assert.Contains(wideTexts, t => t.StartsWith("10⁻", StringComparison.Ordinal));
        Assert.DoesNotContain("-6", wideTexts);
    }

    [Fact]
    public void Bars_are_side_by_side_for_few_series_and_polygons_with_markers_for_many()
    {
        Figure Histogram(int count) => new(
            "hist", "Histogram", "bin", "count",
            Enumerable.Range(0, count).Select(k => new Series($"s={k}", [0.1, 0.3, 0.5], [k + 1.0, 2, 3])).ToList(), Kind: FigureKind.Bars);

        XDocument few = XDocument.Parse(FigureRenderer.Svg(Histogram(2)));
        XDocument many = XDocument.Parse(FigureRenderer.Svg(Histogram(5)));

        // Side-by-side: three filled bars per series (and its legend swatch), no markers.
        Assert.Equal(4, few.Descendants().Count(e => (string?)e.Attribute("fill") == FigureRenderer.Palette[1] && e.Name.LocalName is "rect" or "path"));
        Assert.Equal(0, few.Descendants().Count(e => e.Name.LocalName == "ellipse"));
        // Many series: one marker per point plus the legend's, in each colour.
        Assert.Equal(4, many.Descendants().Count(e => e.Name.LocalName == "ellipse" && (string?)e.Attribute("fill") == FigureRenderer.Palette[4]));
    }

    [Fact]
    public void The_same_figure_gives_the_same_bytes_and_different_figures_do_not_share_ids()
    {
        Figure a = new("a", "A", "x", "y", [Curve("a", 1.0, band: true)]) { BandMeaning = "min to max over 3 seeds" };
        Figure b = a with { Title = "B" };

        string first = FigureRenderer.Svg(a), second = FigureRenderer.Svg(a);

        Assert.Equal(first, second);
        // Not a tautology: two renders of one figure are compared, and Skia's process-wide id counter once made them differ.
        Assert.Equal(FigureRenderer.Png(a), FigureRenderer.Png(a));
        var idsA = Ids(first);
        Assert.NotEmpty(idsA);
        Assert.Empty(idsA.Intersect(Ids(FigureRenderer.Svg(b))));
        foreach (Match reference in UrlReference().Matches(first))
        {
            Assert.Contains(reference.Groups[1].Value, idsA);   // every url(#…) points into the same document
        }
    }

    [Fact]
    public void Png_is_a_png()
    {
        byte[] png = FigureRenderer.Png(new Figure("p", "PNG", "x", "y", [Curve(Formula, 1.0, band: true)]) { BandMeaning = "band" });

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.True(png.Length > 5000, $"{png.Length} bytes: an almost empty image");
    }

    /// <summary>The trimmed text of every SVG text element.</summary>
    internal static IReadOnlyList<string> Texts(string svg) => Texts(XDocument.Parse(svg));

    private static List<string> Texts(XDocument svg) =>
        svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();

    // A band is a filled, translucent shape in the series' colour (the legend's band swatch is grey).
    private static List<XElement> Bands(XDocument svg, string colour) =>
        svg.Descendants().Where(e =>
            (string?)e.Attribute("fill") == colour
            && e.Attribute("fill-opacity") is { } opacity
            && double.Parse(opacity.Value, CultureInfo.InvariantCulture) < 1).ToList();

    // The text starts and ends inside the image: its anchor plus the position of its last glyph (and a glyph's width).
    private static void AssertInside(XDocument svg, XElement text)
    {
        double width = double.Parse((string)svg.Root!.Attribute("width")!, CultureInfo.InvariantCulture);
        double height = double.Parse((string)svg.Root!.Attribute("height")!, CultureInfo.InvariantCulture);
        Match translate = Translate().Match((string?)text.Attribute("transform") ?? "");
        Assert.True(translate.Success, $"text '{text.Value.Trim()}' is not simply translated");
        double left = double.Parse(translate.Groups[1].Value, CultureInfo.InvariantCulture);
        double top = double.Parse(translate.Groups[2].Value, CultureInfo.InvariantCulture);
        double[] xs = ((string)text.Attribute("x")!).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        double size = double.Parse((string)text.Attribute("font-size")!, CultureInfo.InvariantCulture);
        Assert.InRange(left + xs.Min(), 0, width);
        Assert.InRange(left + xs.Max() + size, 0, width);
        Assert.InRange(top, 0, height);
    }

    /// <summary>
    /// Dashed lines: Skia's SVG writer turns a dash pattern into one filled path made of many short pieces (grid lines
    /// are stroked paths with fill="none"; bars, bands and markers are single shapes).
    /// </summary>
    internal static int DashedLines(XDocument svg) =>
        svg.Descendants().Count(e =>
            e.Name.LocalName == "path" && (string?)e.Attribute("fill") is { } fill && fill != "none"
            && ((string?)e.Attribute("d") ?? "").Count(c => c == 'M') >= 5);

    private static HashSet<string> Ids(string svg) =>
        XDocument.Parse(svg).Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToHashSet(StringComparer.Ordinal);

    private static Series Curve(string name, double scale, bool band)
    {
        double[] y = Steps.Select(t => scale / Math.Sqrt(t)).ToArray();
        return band
            ? new Series(name, Steps, y) { Lower = y.Select(v => v * 0.8).ToArray(), Upper = y.Select(v => v * 1.25).ToArray(), Seeds = [1, 2, 3] }
            : new Series(name, Steps, y);
    }

    [GeneratedRegex(@"translate\(([-0-9.e]+)[ ,]+([-0-9.e]+)\)")]
    private static partial Regex Translate();

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex UrlReference();
}
