using KazBriefBot.Engine.Figures;
using ScottPlot;

namespace KazBriefBot.Host.Slack;

/// <summary>A chart drawn as a PNG, with where each point went (data and pixel coordinates, in chart order) for checks.</summary>
public sealed record SlackChartPicture(byte[] Png, int Width, int Height, IReadOnlyList<(double X, double Y)> DataPoints, IReadOnlyList<(float X, float Y)> PixelPoints);

/// <summary>
/// Draws a <see cref="FigureChart"/> server-side with ScottPlot (SkiaSharp, no system libraries) for Slack, whose Block Kit
/// has no chart. Categories sit at x = 0, 1, …; in a periods chart a source's point is offset by (source + 1) / (sources + 1)
/// − 0.5 within its category. Bounds are triangles pointing where the true value may lie, undated points are open, and a
/// period whose sources disagree is shaded.
/// </summary>
public static class SlackChartImage
{
    public const int Width = 800;
    public const int Height = 450;

    /// <summary>The series colours, as on the web page (source k uses Palette[k % 6]).</summary>
    public static readonly IReadOnlyList<string> Palette = ["#1f5fa8", "#2e8540", "#8a3ffc", "#b8860b", "#c0392b", "#00798c"];

    public const string ConflictShade = "#fff1d6";

    public static SlackChartPicture Render(FigureChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var plot = new Plot();
        try
        {
            // DejaVu Sans (Debian's fonts-dejavu-core) has every glyph we draw, ⚠ included; elsewhere ScottPlot picks fonts by glyph.
            plot.Font.Automatic();
            plot.Font.Set("DejaVu Sans");
            var categories = chart.Layout == ChartLayout.Sources ? chart.Sources.Count : chart.Periods.Count;
            ShadeConflicts(plot, chart);
            var data = new List<(double X, double Y)>();
            var points = chart.Periods.SelectMany((p, i) => p.Points.Select(x => (Period: i, Point: x))).ToList();
            foreach (var (period, point) in points)
            {
                var x = X(chart, period, point.Source);
                var y = (double)point.Shown;
                data.Add((x, y));
                DrawPoint(plot, chart, point, x, y);
            }

            // One legend entry per source, whatever its points' shapes.
            for (var s = 0; s < chart.Sources.Count; s++)
            {
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = chart.Sources[s].Label, MarkerShape = MarkerShape.FilledCircle, MarkerFillColor = Colour(s), MarkerLineColor = Colour(s), MarkerSize = 10 });
            }

            var labels = chart.Layout == ChartLayout.Sources
                ? chart.Sources.Select(s => s.Label).ToArray()
                : chart.Periods.Select(p => (p.Disagrees ? "⚠ " : string.Empty) + p.Label).ToArray();
            plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, categories).Select(i => (double)i)], labels);
            var ticks = chart.Axis.Ticks.ToList();
            plot.Axes.Left.SetTicks([.. ticks.Select(t => (double)t)], [.. ticks.Select(FigureCharts.Number)]);
            plot.Axes.SetLimits(-0.5, categories - 0.5, (double)chart.Axis.Min, (double)chart.Axis.Max);
            plot.Title(chart.Title, 14);
            plot.XLabel(chart.PeriodAxis, 13);
            plot.YLabel(chart.ValueAxis, 13);
            plot.ShowLegend(Edge.Bottom);
            var png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
            var pixels = data.Select(d => plot.GetPixel(new Coordinates(d.X, d.Y))).Select(p => (p.X, p.Y)).ToList();
            return new SlackChartPicture(png, Width, Height, data, pixels);
        }
        finally
        {
            plot.Dispose();
        }
    }

    /// <summary>Where a point goes on the category axis.</summary>
    public static double X(FigureChart chart, int period, int source)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return chart.Layout == ChartLayout.Sources ? source : period + ((source + 1.0) / (chart.Sources.Count + 1.0)) - 0.5;
    }

    private static void ShadeConflicts(Plot plot, FigureChart chart)
    {
        for (var i = 0; i < chart.Periods.Count; i++)
        {
            if (!chart.Periods[i].Disagrees)
            {
                continue;
            }

            var (from, to) = chart.Layout == ChartLayout.Sources ? (-0.5, chart.Sources.Count - 0.5) : (i - 0.5, i + 0.5);
            var span = plot.Add.HorizontalSpan(from, to);
            span.FillStyle.Color = Color.FromHex(ConflictShade);
            span.LineStyle.Width = 0;
        }
    }

    private static void DrawPoint(Plot plot, FigureChart chart, ChartPoint point, double x, double y)
    {
        var colour = Colour(point.Source);
        if (point.ShownHigh is { } high)
        {
            var range = plot.Add.Line(x, y, x, (double)high);
            range.LineColor = colour;
            range.LineWidth = 3;
        }

        var shape = (point.Qualifier, point.Undated) switch
        {
            (Qualifiers.LowerBound, false) => MarkerShape.FilledTriangleUp,
            (Qualifiers.LowerBound, true) => MarkerShape.OpenTriangleUp,
            (Qualifiers.UpperBound, false) => MarkerShape.FilledTriangleDown,
            (Qualifiers.UpperBound, true) => MarkerShape.OpenTriangleDown,
            (_, true) => MarkerShape.OpenCircle,
            _ => MarkerShape.FilledCircle,
        };
        var marker = plot.Add.Marker(x, y, shape, 14, colour);
        marker.MarkerLineWidth = 2.5f;

        // Labels of neighbouring sources alternate above and below their points so that long ones do not overlap.
        var label = plot.Add.Text(point.Text, x, y);
        label.LabelFontSize = 12;
        label.LabelFontName = "DejaVu Sans";
        label.LabelFontColor = Colors.Black;
        var above = point.Source % 2 == 0 || chart.Layout == ChartLayout.Sources;
        label.LabelAlignment = above ? Alignment.LowerCenter : Alignment.UpperCenter;
        label.OffsetY = above ? -10 : 10;
    }

    private static Color Colour(int source) => Color.FromHex(Palette[source % Palette.Count]);
}
